/**
 * Options of the socket.io transport.
 *
 * @module
 */
import type { Server as HttpServer } from 'node:http';
import type { Logger } from '@chat-service/core';
import type { ExtendedError, Server, ServerOptions, Socket } from 'socket.io';

/** The namespace used when none is given. */
export const DEFAULT_NAMESPACE = '/chat-service';

/** The port of the transport's own HTTP server when neither `io` nor `http` is given. */
export const DEFAULT_PORT = 8000;

/** A socket.io namespace middleware, as passed to `namespace.use()`. */
export type SocketIOMiddleware = (socket: Socket, next: (err?: ExtendedError) => void) => void;

/**
 * A socket.io adapter to install, given as `adapterConstructor`:
 * - an `Adapter` subclass (its prototype has `addAll` and `broadcast`): given
 *   to `io.adapter()`; socket.io constructs it per namespace as
 *   `new Adapter(nsp, ...adapterOptions)`;
 * - any other function is a factory, such as `createAdapter` of
 *   `@socket.io/redis-adapter`: it is invoked as `new factory(...adapterOptions)`
 *   (as the reference service did; an arrow function is simply called), and
 *   the result, which must be an adapter class or a `(nsp) => Adapter`
 *   function, goes to `io.adapter()`.
 *
 * To install a ready `(nsp) => Adapter` function, use `ioOptions.adapter`.
 */
export type AdapterOption = (abstract new (...args: never[]) => unknown) | ((...args: never[]) => unknown);

/** The core's {@link Logger}, under the transport's former name of its logger option. @deprecated use `Logger` from `@chat-service/core` */
export type SocketIOTransportLogger = Logger;

/** Options of {@link createSocketIOTransport}. An `undefined` value means the option is not given. */
export interface SocketIOTransportOptions {
  /** The socket.io namespace of the service. Default `'/chat-service'`. */
  namespace?: string | undefined;
  /** Namespace middleware(s), run in order before a connection reaches the service. */
  middleware?: SocketIOMiddleware | readonly SocketIOMiddleware[] | undefined;
  /**
   * An existing socket.io server to use. No adapter is installed on it and
   * `ioOptions`, `http` and `port` are ignored, except that it is made to
   * accept socket.io-client 2 clients (engine.io `allowEIO3`) unless
   * `ioOptions.allowEIO3` is `false`. `close()` closes it too (as
   * the reference service does).
   */
  io?: Server | undefined;
  /**
   * An existing HTTP server to attach to (it may start listening later).
   * `close()` closes it too (as the reference service does).
   */
  http?: HttpServer | undefined;
  /** The port of the transport's own HTTP server, when neither `io` nor `http` is given. Default 8000; 0 picks a free port. */
  port?: number | undefined;
  /**
   * socket.io server options, for a server the transport creates.
   * `allowEIO3` defaults to `true` here (socket.io's own default is false), so
   * socket.io-client 2 apps keep working; set it to `false` to refuse them.
   */
  ioOptions?: Partial<ServerOptions> | undefined;
  /** A socket.io adapter to install on a server the transport creates; see {@link AdapterOption}. */
  adapterConstructor?: AdapterOption | undefined;
  /** Arguments for `adapterConstructor`. */
  adapterOptions?: readonly unknown[] | undefined;
  /** Where swallowed failures (a throwing host, an ack that cannot be encoded, a failed cleanup) are reported, at `error`. Silent by default. */
  logger?: Logger | undefined;
  /**
   * The page origins (`Origin` header, e.g. `https://app.example.com`)
   * allowed to connect; any other origin is refused with HTTP 403 at the
   * engine.io handshake (on a given `io`: with a `connect_error` at the
   * namespace). A request without an `Origin` header (not a browser) is
   * allowed. `'*'`, or no list, allows every origin. @default undefined (every origin)
   */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * The most bytes queued for one client (engine.io's write buffer plus the
   * WebSocket's send queue) before that client is treated as a slow consumer
   * and disconnected. `false` or `0` switches the check off. @default 4194304 (4 MiB)
   */
  maxBufferedBytes?: number | false | undefined;
}

/** The largest incoming socket.io packet on a server the transport creates (`ioOptions.maxHttpBufferSize` overrides it). */
export const DEFAULT_MAX_HTTP_BUFFER_SIZE = 256 * 1024;

/** The default of {@link SocketIOTransportOptions.maxBufferedBytes}. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Bounds on reading a request's headers and whole request, set on an HTTP server the transport creates. */
export const HTTP_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000 } as const;

/** Whether a request's `Origin` is allowed: no list, no `Origin` header, or a listed origin. */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || allowed.includes('*') || origin === undefined || allowed.includes(origin);
}
