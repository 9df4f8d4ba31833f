/**
 * The sockets connected to this instance, as the core tracks them.
 *
 * @module
 */
import type { LimitedSocket } from './limit-checks.js';
import type { Transport } from './ports.js';

/** A socket connected to this instance. */
export interface LocalSocket extends LimitedSocket {
  /** The transport it came from. */
  transport: Transport;
  /** Its user, once authenticated. */
  userName: string | undefined;
  /** Commands are accepted (handlers "bound"). */
  ready: boolean;
  /** loginConfirmed was sent. */
  loggedIn: boolean;
  /** The transport reported its disconnect. */
  gone: boolean;
  /** The login, running or settled. */
  login: Promise<void>;
  /** The disconnect cleanup, once started. */
  cleanup: Promise<void> | undefined;
}

/** The local sockets by id. */
export type LocalSockets = Map<string, LocalSocket>;

/** The transport holding a socket: the one that reported it, else the first that knows it. */
export function transportOf(sockets: LocalSockets, transports: readonly Transport[], id: string): Transport | undefined {
  return sockets.get(id)?.transport ?? transports.find((t) => t.hasSocket(id));
}
