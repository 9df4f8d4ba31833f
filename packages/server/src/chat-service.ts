/**
 * `ChatService`: the reference service's constructor and options on our core.
 *
 * @module
 */
import type { Server as HttpServer } from 'node:http';
import { ChatServiceCore, listenOnPortOption } from '@chat-service/core';
import type { CoreOptions, Hooks, Logger } from '@chat-service/core';
import { debugLogger } from './debug-logger.js';
import { resolveState, resolveTransports } from './resolve-ports.js';
import { checkServiceOptions, defaultWarn } from './option-schema.js';

/** Options of `new ChatService(options, hooks)`. */
export interface ChatServiceOptions extends CoreOptions {
  /** Port of the built-in transports' HTTP server, unless `transportOptions.io` or `.http` is given. @default 8000 */
  port?: number;
  /** 'memory' (default), 'redis', a Store class (`new X(service, stateOptions)`) or a ready Store. */
  state?: unknown;
  /** memory: `{lockTTL}`; redis: `{useCluster, redisOptions, url, clusterNodes, prefix, lockTTL}`. */
  stateOptions?: Record<string, unknown>;
  /** 'socket.io' (default), 'ws', a Transport class or object, or an array of them (sharing one port). */
  transport?: unknown;
  /** socket.io: `{namespace, middleware, io, http, ioOptions, adapter, adapterOptions}`; `ws: {...}` for the ws transport. */
  transportOptions?: Record<string, unknown>;
  /** Legacy alias of `transportOptions.adapter`. */
  adapter?: unknown;
  /** Legacy alias of `transportOptions.adapterOptions`. */
  adapterOptions?: unknown;
  /** A logger, also given to the built-in transports and the Redis store; by default `NODE_DEBUG=ChatService` prints everything to stderr, else silent. */
  logger?: Logger;
  /**
   * Page origins allowed to connect over either built-in transport (checked on
   * the WebSocket upgrade and the socket.io handshake; HTTP 403 otherwise).
   * Requests without an `Origin` header are allowed. @default undefined (every origin)
   */
  allowedOrigins?: readonly string[];
}

/**
 * The chat service, constructed like the reference one.
 *
 * @example
 * ```ts
 * const service = new ChatService({ port: 8000 }, {
 *   onConnect: (server, id) => server.transport.getHandshakeData(id).query.user,
 * });
 * await service.addRoom('default', { owner: 'admin' });
 * ```
 */
export class ChatService extends ChatServiceCore {
  /** The port given (or the default 8000). */
  readonly port: number;
  readonly #sharedHttp: HttpServer | undefined;

  /**
   * @param options - see {@link ChatServiceOptions}
   * @param hooks - see {@link Hooks}
   * @throws {OptionError} `invalid option historyMaxGetMessages: expected number, got "lots"` (unknown keys are only warned about, through `logger` or `process.emitWarning`)
   * @throws {Error} `Invalid state: ...`, `Invalid transport: ...`, `Invalid adapter: ...`
   */
  constructor(options: ChatServiceOptions = {}, hooks: Hooks<ChatService> = {}) {
    const opts = { ...options };
    checkServiceOptions(opts, defaultWarn(opts.logger));
    const port = typeof opts.port === 'number' && opts.port >= 0 ? opts.port : 8000;
    const stateOptions = { ...opts.stateOptions };
    const logger = opts.logger ?? debugLogger();
    const state = resolveState(opts.state, stateOptions, logger);
    const resolved = resolveTransports({
      logger,
      port,
      transport: opts.transport,
      transportOptions: { ...opts.transportOptions },
      adapter: opts.adapter,
      adapterOptions: opts.adapterOptions,
      allowedOrigins: opts.allowedOrigins,
    });
    const core: CoreOptions = { ...opts, lockTTL: opts.lockTTL ?? state.lockTTL };
    const config: ConstructorParameters<typeof ChatServiceCore>[0] = {
      store: state.store,
      transports: resolved.transports,
      hooks: hooks as Hooks,
      options: core,
    };
    config.logger = logger;
    super(config);
    this.port = port;
    this.#sharedHttp = resolved.sharedHttp;
  }

  /** The shared HTTP server starts listening once every transport is attached. */
  protected override async beforeReady(): Promise<void> {
    if (this.#sharedHttp && !this.#sharedHttp.listening) await listenOnPortOption(this.#sharedHttp, this.port, 'server');
  }

  /** Closes the service as the core does, then the HTTP server the transports shared, also when the core's close failed. */
  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      if (this.#sharedHttp?.listening)
        await new Promise<void>((resolve) =>
          this.#sharedHttp?.close(() => {
            resolve();
          }),
        );
    }
  }
}
