/**
 * The chat service: wiring, lifecycle (start, close) and the server-side API.
 *
 * @module
 */
import { withTimeout } from './timeout.js';
import { handleConnection, handleDisconnect } from './connections.js';
import type { ClusterBus } from './cluster-bus.js';
import { toWireError } from './errors.js';
import { ChatServiceError } from './errors.js';
import { ServiceEmitter } from './events.js';
import { runHook } from './hook-runner.js';
import type { Hooks } from './hooks.js';
import type { Logger } from './logger.js';
import { SILENT_LOGGER } from './logger.js';
import type { CoreOptions, ResolvedOptions } from './options.js';
import { resolveOptions } from './options.js';
import type { Bus, Store, Transport, TransportHost } from './ports.js';
import { ServiceRuntime } from './runtime.js';
import type { BusTraffic } from './routing.js';
import type { TransportFacade } from './transport-facade.js';
import { isCommandName } from './protocol/commands.js';
import { replyResults, executeCommand } from './pipeline.js';
import type { ExecInfo } from './exec-info.js';

/** A port given as an object, or as a factory receiving the service. */
export type PortInput<TPort> = TPort | ((service: ServiceLifecycle) => TPort);

/** Construction input of the service. */
export interface ChatServiceConfig {
  /** The state. */
  store: PortInput<Store>;
  /** The instance-to-instance bus; defaults to the store when it is also a Bus. */
  bus?: PortInput<Bus>;
  /** One or more transports. */
  transports: PortInput<Transport>[];
  /** The hooks. */
  hooks?: Hooks;
  /** Service options. */
  options?: CoreOptions;
  /** This instance's id; random by default. */
  instanceUID?: string;
  /** A logger; silent by default. */
  logger?: Logger;
}

function randomUID(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}

function isBus(value: unknown): value is Bus {
  if (typeof value !== 'object' || value === null) return false;
  const bus = value as Partial<Bus>;
  return typeof bus.publish === 'function' && typeof bus.subscribe === 'function' && typeof bus.onMessage === 'function';
}

function resolvePort<TPort>(input: PortInput<TPort>, service: ServiceLifecycle): TPort {
  return typeof input === 'function' ? (input as (s: ServiceLifecycle) => TPort)(service) : input;
}

/**
 * The service's lifecycle (see `ChatServiceCore` for the API). Connections arrive through its transports; state lives in its
 * store; other instances are reached through its bus.
 */
export class ServiceLifecycle extends ServiceEmitter {
  /** This instance's id. */
  readonly instanceUID: string;
  /** The resolved options. */
  readonly options: ResolvedOptions;
  /** The hooks. */
  readonly hooks: Hooks;
  /** The store (use at your own risk). */
  readonly store: Store;
  /** The heartbeat timer (the reference exposes it; tests clear it). */
  hbtimer: ReturnType<typeof setInterval> | undefined;
  /** The error class, also reachable from an instance. */
  readonly ChatServiceError = ChatServiceError;
  static readonly ChatServiceError = ChatServiceError;

  /** Internal state shared with the API modules. */
  protected readonly rt: ServiceRuntime;
  #closing: Promise<void> | undefined;
  #closed = false;
  #started: Promise<void>;
  /** Someone holds the start promise (or listens), so a failed start is theirs to report. */
  #startWatched = false;

  constructor(config: ChatServiceConfig) {
    super();
    this.instanceUID = config.instanceUID ?? randomUID();
    this.options = resolveOptions({ ...config.options });
    this.hooks = config.hooks ?? {};
    const store = resolvePort(config.store, this);
    const bus = config.bus ? resolvePort(config.bus, this) : store;
    if (!isBus(bus)) throw new Error('Invalid bus: give a Bus, or a store that is also one');
    const transports = config.transports.map((t) => resolvePort(t, this));
    this.store = store;
    this.rt = new ServiceRuntime({
      server: this,
      store,
      bus,
      transports,
      hooks: this.hooks,
      options: this.options,
      instanceUID: this.instanceUID,
      events: this as ServiceEmitter,
      logger: config.logger ?? SILENT_LOGGER,
    });
    // Without onStart, connections are served from the constructor on.
    const attached = this.hooks.onStart ? undefined : this.#attachTransports();
    this.#started = this.#start(attached);
    this.#started.catch((error: unknown) => {
      // Like an EventEmitter `error` nobody listens to: a failed start nobody
      // watches (no `ready` / `whenReady()`, no `error` or `closed` listener)
      // is an unhandled rejection, so the process fails loudly instead of exiting 0.
      if (this.#startWatched || this.listenerCount('error') > 0 || this.listenerCount('closed') > 0) return;
      throw error;
    });
  }

  /** The transports' facade (`getHandshakeData`, `emitToChannel`, ...). */
  get transport(): TransportFacade {
    return this.rt.transport;
  }

  /** The instance-to-instance event bus. */
  get clusterBus(): ClusterBus {
    return this.rt.clusterBus;
  }

  /** Bus messages this instance published and received so far, per topic kind (live counters, for a metrics layer). */
  get busTraffic(): BusTraffic {
    return this.rt.routing.traffic;
  }

  /** The room and user topics this instance is subscribed to for its local sockets, as `room:<name>` / `user:<name>`. */
  busSubscriptions(): string[] {
    return this.rt.routing.subscriptions.held();
  }

  /**
   * Resolves once the service accepts connections (just before the `ready`
   * event); rejects with the cause when it cannot start: its port is in use,
   * its store is unreachable, `onStart` failed, ... The service is then
   * closed, and the `error` and `closed` events have been emitted.
   *
   * A failed start that nobody watches (neither this promise nor an `error`
   * or `closed` listener) becomes an unhandled rejection, which ends Node.
   *
   * @example
   * ```ts
   * const service = new ChatService({ port: 8000 }, hooks);
   * try {
   *   await service.ready;
   * } catch (error) {
   *   console.error(`chat service did not start: ${(error as Error).message}`);
   *   process.exitCode = 1;
   * }
   * ```
   */
  get ready(): Promise<void> {
    this.#startWatched = true;
    return this.#started;
  }

  /** The same promise as {@link ServiceLifecycle.ready}. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  #attachTransports(): Promise<void> {
    return Promise.all(this.rt.transports.map((t) => t.attach(this.#hostFor(t)))).then(() => undefined);
  }

  #hostFor(transport: Transport): TransportHost {
    return {
      connection: (id) => handleConnection(this.rt, transport, id),
      command: (id, name, args) => this.#socketCommand(id, name, args),
      disconnect: (id) => handleDisconnect(this.rt, id),
      wireError: (error) => toWireError(error, this.options.useRawErrorObjects),
    };
  }

  async #socketCommand(id: string, name: string, args: unknown[]): Promise<{ error: null; results: unknown[] } | { error: unknown } | null> {
    const socket = this.rt.sockets.get(id);
    if (!socket?.ready || !isCommandName(name)) return null;
    const limited = socket.userName === undefined ? null : this.rt.limiter.take(socket, socket.userName);
    if (limited) {
      if (limited.flooding) {
        this.rt.logger.debug('flooding socket disconnected', { id, userName: socket.userName });
        void this.rt.transport.disconnectSocket(id).catch(() => undefined);
      }
      return { error: limited.error };
    }
    const info: ExecInfo = {
      server: this,
      userName: socket.userName,
      id,
      isLocalCall: false,
      bypassPermissions: null,
      bypassHooks: false,
      args,
      restArgs: [],
      results: null,
      error: null,
      data: {},
    };
    const started = Date.now();
    try {
      const outcome = await this.rt.tracker.track(executeCommand(this.rt, name, info));
      this.emit('commandExecuted', { command: name, userName: socket.userName, id, ok: true, durationMs: Date.now() - started });
      return { error: null, results: replyResults(outcome) };
    } catch (error) {
      if (!ChatServiceError.is(error)) this.rt.logger.debug('command failed', { command: name, error });
      this.emit('commandExecuted', { command: name, userName: socket.userName, id, ok: false, durationMs: Date.now() - started });
      return { error: error ?? new Error(String(error)) };
    }
  }

  async #start(attached: Promise<void> | undefined): Promise<void> {
    try {
      await this.rt.routing.listen();
      if (this.hooks.onStart) {
        await runHook(this.hooks.onStart, [this]);
        await this.#attachTransports();
      } else {
        await attached;
      }
      await this.beforeReady();
      await this.#beat();
      if (this.#closed) return;
      this.hbtimer = setInterval(() => void this.#beat().catch(() => undefined), this.options.heartbeatRate);
      this.hbtimer.unref?.();
    } catch (error) {
      await this.#shutdown(error);
      throw error;
    }
    await Promise.resolve();
    if (!this.#closed) this.emit('ready');
  }

  /** Runs after the transports are attached and before `ready` (e.g. to start a shared HTTP server listening). */
  protected async beforeReady(): Promise<void> {
    // nothing by default
  }

  async #beat(): Promise<void> {
    await this.store.setHeartbeat(this.instanceUID, Date.now());
  }

  /** A failed start: close transports and state, emit `error(error)` then `closed(error)`; `onClose` does not run. */
  async #shutdown(error: unknown): Promise<void> {
    this.#closed = true;
    this.#closing = Promise.resolve();
    clearInterval(this.hbtimer);
    await this.rt.transport.close().catch(() => undefined);
    await this.#closeState();
    this.emit('error', error);
    this.emit('closed', error);
  }

  async #closeState(): Promise<void> {
    this.rt.clusterBus.close();
    this.rt.routing.close();
    await this.rt.bus.close().catch(() => undefined);
    await this.store.close().catch(() => undefined);
  }

  /**
   * Closes the service: transports (disconnecting every client and waiting for
   * their cleanup, bounded by `closeTimeout`), then `onClose`, then the state.
   *
   * @returns resolves when closed; rejects if the transports failed to close (and no `onClose` resolved) or `onClose` failed
   */
  close(): Promise<void> {
    if (this.#closing) return Promise.resolve();
    this.#closing = this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.hbtimer);
    let transportError: unknown = null;
    try {
      await withTimeout(
        (async () => {
          await this.transport.close();
          await this.rt.tracker.idle();
        })(),
        this.options.closeTimeout,
        () => new ChatServiceError('timeout'),
      );
    } catch (error) {
      transportError = error;
    }
    let result: unknown = transportError;
    if (this.hooks.onClose) {
      result = await runHook(this.hooks.onClose, [this, transportError]).then(
        () => null,
        (error: unknown) => error,
      );
    }
    await this.#closeState();
    this.emit('closed', result);
    if (result !== null && result !== undefined) throw result;
  }
}
