/**
 * The core's side of the Transport port: the {@link TransportHost} each
 * transport is given, and what the core keeps per local connection so that
 * no adapter has to (the handshake, the native socket, custom event
 * handlers). Custom handlers, the shaping of replies and the client form of
 * errors are written here once, for every transport.
 *
 * @module
 */
import { toWireError } from './errors.js';
import type { Logger } from './logger.js';
import type { CommandReply, HandshakeData, IncomingConnection, Transport, TransportHost } from './ports.js';

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

/** A command's outcome as the service gives it: results, an error, or `null` when not served. */
export type ServiceReply = { error: null; results: unknown[] } | { error: unknown } | null;

/** What {@link createTransportHost} needs from the service. */
export interface HostConfig {
  /** The state of a local connection, if the core knows it. */
  socketOf(id: string): ConnectionState | undefined;
  /** Registers and authenticates a new connection. */
  connection(transport: Transport, connection: IncomingConnection): void;
  /** Runs a client command. */
  command(id: string, name: string, args: unknown[]): Promise<ServiceReply>;
  /** Cleans up after a gone socket. */
  disconnect(id: string): Promise<void>;
  /** `useRawErrorObjects`. */
  readonly rawErrors: boolean;
  readonly logger: Logger;
}

/** `getHandshakeData`: fresh copies of a connected socket's handshake, or `isConnected: false` and empty objects. */
export function handshakeDataOf(state: ConnectionState | undefined): HandshakeData {
  if (!state || state.gone) return { isConnected: false, query: {}, headers: {} };
  const { query, headers, auth, address } = state.connection.handshake;
  const data: HandshakeData = { isConnected: true, query: { ...query }, headers: { ...headers } };
  if (auth !== undefined) data.auth = { ...auth };
  if (address !== undefined) data.address = address;
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

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'Error';
  }
}

/** The client form of an error under `useRawErrorObjects`; never throws (an unprintable error is `'Error'`). */
export function safeWireError(error: unknown, raw: boolean): unknown {
  try {
    return toWireError(error, raw);
  } catch {
    return safeString(error);
  }
}

/** Sends `loginRejected(error)` to a local socket and disconnects it (after that notification). */
export function rejectLogin(transport: Transport | undefined, id: string, wireError: unknown): void {
  if (!transport) return;
  transport.send(id, 'loginRejected', [wireError]);
  transport.disconnect(id, 'loginRejected');
}

function errorReply(error: unknown, raw: boolean): CommandReply {
  return { kind: 'error', error, wireError: safeWireError(error, raw) };
}

// A bound handler wins over a command of the same name (custom handlers must
// not reuse command names anyway); an array result is spread into the reply,
// any other value is one result.
async function runHandler(handler: CustomHandler, args: unknown[], raw: boolean): Promise<CommandReply> {
  try {
    const value: unknown = await handler(...args);
    return { kind: 'result', results: Array.isArray(value) ? (value as unknown[]) : [value] };
  } catch (error) {
    return errorReply(error, raw);
  }
}

async function runCommand(config: HostConfig, id: string, name: string, args: unknown[]): Promise<CommandReply> {
  try {
    const reply = await config.command(id, name, args);
    if (reply === null) return { kind: 'dropped', loggedIn: config.socketOf(id)?.loggedIn ?? false };
    if ('results' in reply) return { kind: 'result', results: reply.results };
    return errorReply(reply.error, config.rawErrors);
  } catch (error) {
    // The command runner catches everything; still answered so that the client is not left waiting.
    config.logger.error('command failed outside the command runner', { id, command: name, error });
    return errorReply(error, config.rawErrors);
  }
}

/** The host given to `transport.attach`: connections, commands (custom handlers first) and disconnects into the service. */
export function createTransportHost(config: HostConfig, transport: Transport): TransportHost {
  const guard = (what: string, id: string, action: () => void): void => {
    try {
      action();
    } catch (error) {
      config.logger.error(`${what} failed`, { id, transport: transport.name, error });
    }
  };
  return {
    connection: (connection) => {
      guard('connection', connection.id, () => {
        config.connection(transport, connection);
      });
    },
    command: (id, name, args) => {
      const state = config.socketOf(id);
      const handler = state && !state.gone ? state.handlers?.get(name) : undefined;
      return handler ? runHandler(handler, args, config.rawErrors) : runCommand(config, id, name, args);
    },
    disconnect: async (id) => {
      try {
        await config.disconnect(id);
      } catch (error) {
        config.logger.error('disconnect cleanup failed', { id, transport: transport.name, error });
      }
    },
    wireError: (error) => safeWireError(error, config.rawErrors),
  };
}
