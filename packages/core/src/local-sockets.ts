/**
 * The sockets connected to this instance, as the core tracks them: what the
 * transport handed over (handshake, native socket), the custom event
 * handlers bound on them, and their login state. `service.transport` reads
 * the handshake and native socket from here, so no adapter keeps them.
 *
 * @module
 */
import type { LimitedSocket } from './limit-checks.js';
import type { HandshakeData, IncomingConnection, Transport } from './ports.js';

/** A custom event handler bound with `service.transport.bindHandler`. */
export type CustomHandler = (...args: unknown[]) => unknown;

/** What the core keeps of a local connection, beside its login state. */
export interface ConnectionState {
  /** What the transport handed over. */
  readonly connection: IncomingConnection;
  /** The transport reported its disconnect. */
  gone?: boolean;
  /** loginConfirmed was sent. */
  loggedIn: boolean;
  /** Custom event handlers, by event name (created on the first bind). */
  handlers?: Map<string, CustomHandler>;
}

/** A socket connected to this instance. */
export interface LocalSocket extends LimitedSocket, ConnectionState {
  /** The transport it came from. */
  transport: Transport;
  /** Its user, once authenticated. */
  userName: string | undefined;
  /** Commands are accepted (handlers "bound"). */
  ready: boolean;
  /** The transport reported its disconnect. */
  gone: boolean;
  /** The login, running or settled. */
  login: Promise<void>;
  /** The disconnect cleanup, once started. */
  cleanup: Promise<void> | undefined;
}

/** The local sockets by id. */
export type LocalSockets = Map<string, LocalSocket>;

/** `getHandshakeData`: fresh copies of a connected socket's handshake, or `isConnected: false` and empty objects. */
export function handshakeDataOf(state: ConnectionState | undefined): HandshakeData {
  if (!state || state.gone) return { isConnected: false, query: {}, headers: {} };
  const { handshake } = state.connection;
  const { query, headers, auth } = handshake;
  const data: HandshakeData = { isConnected: true, query: { ...query }, headers: { ...headers } };
  if (auth !== undefined) data.auth = { ...auth };
  // Read when asked: a transport may look the address up only then (ws: a system call most hooks never need).
  Object.defineProperty(data, 'address', { enumerable: true, configurable: true, get: () => handshake.address });
  return data;
}

/** The native socket of a connected socket. */
export function nativeSocketOf(state: ConnectionState | undefined): object | undefined {
  return state && !state.gone ? state.connection.socket : undefined;
}

/** Binds a custom handler on a connected socket; ignored for any other. */
export function bindHandler(state: ConnectionState | undefined, event: string, handler: CustomHandler): void {
  if (!state || state.gone) return;
  (state.handlers ??= new Map()).set(event, handler);
}

/** The custom handler bound for `event` on a connected socket. */
export function handlerOf(state: ConnectionState | undefined, event: string): CustomHandler | undefined {
  return state && !state.gone ? state.handlers?.get(event) : undefined;
}
