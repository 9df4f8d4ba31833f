import type { Server as HttpServer } from 'node:http';
import { SILENT_LOGGER, type DisconnectReason, type Logger } from '@chat-service/core';

/** The core's {@link Logger}, under the transport's former name of its logger option. @deprecated use `Logger` from `@chat-service/core` */
export type WsTransportLogger = Logger;

/** Options of {@link createWsTransport}. */
export interface WsTransportOptions {
  /**
   * An existing HTTP server to attach to (it may also carry socket.io). Only
   * upgrade requests for `path` are handled; other upgrades are left to the
   * server's other listeners. The transport never closes a supplied server.
   */
  server?: HttpServer | undefined;
  /**
   * The port of the transport's own HTTP server, used when `server` is not
   * given; `0` picks a free port (read it back from `transport.port`).
   * @default 8000
   */
  port?: number | undefined;
  /** The interface the own HTTP server listens on. @default all interfaces */
  host?: string | undefined;
  /** The URL path of the WebSocket endpoint. @default '/chat-service' */
  path?: string | undefined;
  /** The largest accepted incoming frame, in bytes; larger frames close the connection with 1009. @default 262144 (256 KiB) */
  maxPayload?: number | undefined;
  /**
   * The page origins (`Origin` header, e.g. `https://app.example.com`) allowed
   * to open a WebSocket; an upgrade from any other origin gets HTTP 403. A
   * request without an `Origin` header (not a browser) is allowed. `'*'`, or
   * no list, allows every origin. @default undefined (every origin)
   */
  allowedOrigins?: readonly string[] | undefined;
  /** How often the server pings each client, in ms; `0` disables liveness checks. @default 25000 */
  pingInterval?: number | undefined;
  /** How long a client may take to answer a ping with a pong, in ms, before it is terminated. @default 20000 */
  pingTimeout?: number | undefined;
  /**
   * The most bytes queued for one client (not yet taken by the network) before
   * that client is treated as a slow consumer and closed with 4008. A socket
   * never holds more than this plus one frame. @default 4194304 (4 MiB)
   */
  maxBufferedBytes?: number | undefined;
  /** Where recovered failures (a failed cleanup, an unencodable frame, a socket error) are reported, at `warn`. @default silent */
  logger?: Logger | undefined;
}

/** The options with every default filled in. */
export interface ResolvedWsOptions {
  server: HttpServer | undefined;
  port: number;
  host: string | undefined;
  path: string;
  maxPayload: number;
  allowedOrigins: readonly string[] | undefined;
  pingInterval: number;
  pingTimeout: number;
  maxBufferedBytes: number;
  logger: Logger;
}

/** The defaults of {@link WsTransportOptions}. */
export const WS_DEFAULTS = {
  port: 8000,
  path: '/chat-service',
  maxPayload: 256 * 1024,
  pingInterval: 25_000,
  pingTimeout: 20_000,
  maxBufferedBytes: 4 * 1024 * 1024,
} as const;

/**
 * The WebSocket close codes the server uses. 1001 and 1009 are the standard
 * ones; the 4xxx codes are application codes of this protocol.
 */
export const WS_CLOSE_CODES = {
  /** The transport is closing (service shutdown). */
  goingAway: 1001,
  /** A frame larger than `maxPayload` arrived (sent by the `ws` library itself). */
  messageTooBig: 1009,
  /** The server disconnected the socket (e.g. `disconnectUserSockets`). */
  serverDisconnect: 4000,
  /** Authentication failed; `loginRejected` was sent just before. */
  loginRejected: 4001,
  /**
   * The client did not read fast enough: more than `maxBufferedBytes` were
   * queued for it. A 4xxx code rather than 1013 ("try again later"), because
   * the fault is the client's, not a server overload.
   */
  slowConsumer: 4008,
} as const;

/** The close code and reason of each way the host disconnects a socket. */
export const CLOSE_OF: Readonly<Record<DisconnectReason, readonly [number, string]>> = {
  server: [WS_CLOSE_CODES.serverDisconnect, 'disconnected by server'],
  loginRejected: [WS_CLOSE_CODES.loginRejected, 'login rejected'],
};


function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`[transport-ws] option "${name}" must be a non-negative number, got ${String(value)}`);
  return value;
}

/** Fills in the defaults and checks the numbers. */
export function resolveOptions(options: WsTransportOptions = {}): ResolvedWsOptions {
  const path = options.path ?? WS_DEFAULTS.path;
  if (!path.startsWith('/')) throw new RangeError(`[transport-ws] option "path" must start with "/", got "${path}"`);
  return {
    server: options.server,
    port: positive(options.port, WS_DEFAULTS.port, 'port'),
    host: options.host,
    path: path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path,
    maxPayload: positive(options.maxPayload, WS_DEFAULTS.maxPayload, 'maxPayload') || WS_DEFAULTS.maxPayload,
    allowedOrigins: options.allowedOrigins === undefined || options.allowedOrigins.includes('*') ? undefined : [...options.allowedOrigins],
    pingInterval: positive(options.pingInterval, WS_DEFAULTS.pingInterval, 'pingInterval'),
    pingTimeout: positive(options.pingTimeout, WS_DEFAULTS.pingTimeout, 'pingTimeout') || WS_DEFAULTS.pingTimeout,
    maxBufferedBytes: positive(options.maxBufferedBytes, WS_DEFAULTS.maxBufferedBytes, 'maxBufferedBytes') || WS_DEFAULTS.maxBufferedBytes,
    logger: options.logger ?? SILENT_LOGGER,
  };
}
