/**
 * The service's internals as one object: routing (fan-out over the bus),
 * locks, forced removal, hook calls and failure events. Commands see it
 * through the `Runtime` interface.
 *
 * @module
 */
import { ClusterBus } from './cluster-bus.js';
import type { FailureInfo, RemovalOptions, Runtime } from './commands/runtime.js';
import type { ServiceEmitter } from './events.js';
import { runHook } from './hook-runner.js';
import type { Hooks } from './hooks.js';
import { withLock } from './locks.js';
import type { Logger } from './logger.js';
import { userChannel } from './names.js';
import type { ResolvedOptions } from './options.js';
import type { Bus, Store, Transport } from './ports.js';
import { CommandLimiter, checkRoomSlot } from './limit-checks.js';
import type { LimitedSocket } from './limit-checks.js';
import { Tracker } from './tracker.js';
import { TransportFacade } from './transport-facade.js';

/** A socket connected to this instance. */
export interface LocalSocket extends LimitedSocket {
  transport: Transport;
  userName: string | undefined;
  /** Commands are accepted (handlers "bound"). */
  ready: boolean;
  /** loginConfirmed was sent. */
  loggedIn: boolean;
  /** The transport reported its disconnect. */
  gone: boolean;
  login: Promise<void>;
  /** The disconnect cleanup, once started. */
  cleanup: Promise<void> | undefined;
}

const FANOUT = 'chatservice:fanout';
const LEAVE_SOCKET = 'roomLeaveSocket';
const SOCKET_LEFT = 'socketRoomLeft';
const DISCONNECT_USER = 'disconnectUserSockets';

/** Construction input of {@link ServiceRuntime}. */
export interface RuntimeConfig {
  server: unknown;
  store: Store;
  bus: Bus;
  transports: Transport[];
  hooks: Hooks;
  options: ResolvedOptions;
  instanceUID: string;
  events: ServiceEmitter;
  logger: Logger;
}

/** See the module doc. */
export class ServiceRuntime implements Runtime {
  readonly server: unknown;
  readonly store: Store;
  readonly bus: Bus;
  readonly transports: Transport[];
  readonly hooks: Hooks;
  readonly options: ResolvedOptions;
  readonly instanceUID: string;
  readonly events: ServiceEmitter;
  readonly logger: Logger;
  readonly sockets = new Map<string, LocalSocket>();
  readonly tracker = new Tracker();
  readonly clusterBus: ClusterBus;
  readonly transport: TransportFacade;
  /** The command rate limits (`rateLimit`, `userRateLimit`). */
  readonly limiter: CommandLimiter;
  #userChains = new Map<string, Promise<unknown>>();

  constructor(config: RuntimeConfig) {
    this.server = config.server;
    this.store = config.store;
    this.bus = config.bus;
    this.transports = config.transports;
    this.hooks = config.hooks;
    this.options = config.options;
    this.instanceUID = config.instanceUID;
    this.events = config.events;
    this.logger = config.logger;
    this.clusterBus = new ClusterBus(config.bus);
    this.limiter = new CommandLimiter(config.options);
    this.transport = new TransportFacade({
      transports: this.transports,
      transportOf: (id) => this.transportOf(id),
      fanout: (channel, event, args, exceptId) => this.fanout(channel, event, args, exceptId),
    });
    this.#listenBus();
  }

  transportOf(id: string): Transport | undefined {
    return this.sockets.get(id)?.transport ?? this.transports.find((t) => t.hasSocket(id));
  }

  // --- routing ---

  /** Delivers locally at once, and to every other instance through the bus. */
  fanout(channel: string, event: string, args: unknown[], exceptId?: string | null): void {
    this.#deliverLocal(channel, event, args, exceptId ?? undefined);
    this.clusterBus.emit(FANOUT, this.instanceUID, channel, event, args, exceptId ?? null);
  }

  emitToRoom(room: string, event: string, args: unknown[]): void {
    this.transport.emitToChannel(room, event, ...args);
  }

  emitToUser(user: string, event: string, args: unknown[], exceptId?: string | null): void {
    if (exceptId) this.transport.sendToChannel(exceptId, userChannel(user), event, ...args);
    else this.transport.emitToChannel(userChannel(user), event, ...args);
  }

  joinChannel(id: string, channel: string): Promise<void> {
    return this.transport.joinChannel(id, channel).then(() => {
      const socket = this.sockets.get(id);
      if (socket && !socket.gone) (socket.rooms ??= new Set()).add(channel);
    });
  }

  leaveChannel(id: string, channel: string): Promise<void> {
    this.sockets.get(id)?.rooms?.delete(channel);
    return this.transport.leaveChannel(id, channel);
  }

  /** `maxRoomsPerSocket`, for a socket of this instance. @throws {ChatServiceError} `roomLimitExceeded` */
  checkRoomSlot(id: string, room: string): void {
    checkRoomSlot(this.options, this.sockets.get(id), id, room);
  }

  #deliverLocal(channel: string, event: string, args: unknown[], exceptId: string | undefined): void {
    for (const transport of this.transports) {
      try {
        transport.emitToChannel(channel, event, args, exceptId);
      } catch (error) {
        this.logger.warn('emit failed', { channel, event, error });
      }
    }
  }

  #listenBus(): void {
    this.clusterBus.on(FANOUT, (...message) => {
      const [origin, channel, event, args, exceptId] = message;
      if (origin === this.instanceUID || typeof channel !== 'string' || typeof event !== 'string' || !Array.isArray(args)) return;
      this.#deliverLocal(channel, event, args, typeof exceptId === 'string' ? exceptId : undefined);
    });
    this.clusterBus.on(LEAVE_SOCKET, (id, room) => {
      if (typeof id !== 'string' || typeof room !== 'string' || !this.sockets.has(id)) return;
      this.leaveChannel(id, room)
        .catch(() => undefined)
        .finally(() => this.clusterBus.emit(SOCKET_LEFT, id, room));
    });
    this.clusterBus.on(DISCONNECT_USER, (user) => {
      for (const [id, socket] of this.sockets) {
        if (socket.userName === user) socket.transport.disconnectSocket(id).catch(() => undefined);
      }
    });
  }

  /** Asks every instance to disconnect the user's local sockets. */
  disconnectUser(user: string): void {
    this.clusterBus.emit(DISCONNECT_USER, user);
  }

  /** Removes a socket from a room channel wherever it lives; waits for its host's ack up to `busAckTimeout`. */
  async leaveSocketEverywhere(id: string, room: string): Promise<void> {
    if (this.sockets.has(id)) {
      await this.leaveChannel(id, room).catch(() => undefined);
      return;
    }
    await new Promise<void>((resolve) => {
      const onLeft = (leftId: unknown, leftRoom: unknown): void => {
        if (leftId !== id || leftRoom !== room) return;
        done();
      };
      const done = (): void => {
        clearTimeout(timer);
        this.clusterBus.off(SOCKET_LEFT, onLeft);
        resolve();
      };
      const timer = setTimeout(done, this.options.busAckTimeout);
      this.clusterBus.on(SOCKET_LEFT, onLeft);
      this.clusterBus.emit(LEAVE_SOCKET, id, room);
    });
  }

  // --- locks, hooks, failures ---

  withLock<T>(user: string, room: string, fn: () => Promise<T>): Promise<T> {
    const options = {
      store: this.store,
      ttl: this.options.lockTTL,
      onTimeExceeded: (lockId: string, info: { userName: string; roomName: string }) => this.events.emit('lockTimeExceeded', lockId, info),
    };
    return withLock(options, user, room, fn);
  }

  async runJoinHook(id: string, room: string, njoined: number): Promise<void> {
    if (this.hooks.onJoin) await runHook(this.hooks.onJoin, [this.server, { id, roomName: room, njoined }]);
  }

  async runLeaveHook(id: string, room: string, njoined: number): Promise<void> {
    if (!this.hooks.onLeave) return;
    await runHook(this.hooks.onLeave, [this.server, { id, roomName: room, njoined }]).catch((error: unknown) => {
      this.logger.debug('onLeave failed', { error });
    });
  }

  storeFailure(error: unknown, info: FailureInfo): void {
    this.logger.warn('store consistency failure', { ...info, error });
    this.events.emit('storeConsistencyFailure', error, info);
  }

  transportFailure(error: unknown, info: FailureInfo): void {
    this.logger.warn('transport consistency failure', { ...info, error });
    this.events.emit('transportConsistencyFailure', error, info);
  }

  /** Runs `fn` after the user's previous serialised operation, so echo counts follow the store's order. */
  serialize<T>(user: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#userChains.get(user) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.#userChains.set(user, tail);
    void tail.then(() => {
      if (this.#userChains.get(user) === tail) this.#userChains.delete(user);
    });
    return next;
  }

  // --- forced removal ---

  async removeFromRoom(user: string, room: string, options: RemovalOptions = {}): Promise<void> {
    try {
      await this.withLock(user, room, () => this.#remove(user, room, options));
    } catch (error) {
      this.logger.debug('forced removal failed', { user, room, error });
    }
  }

  async #remove(user: string, room: string, options: RemovalOptions): Promise<void> {
    if (!(await this.store.hasUser(user))) return;
    let ids: string[] = [];
    try {
      ids = await this.store.removeUserSocketsFromRoom(user, room);
    } catch (error) {
      this.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
    }
    await Promise.all(ids.map((id) => this.leaveSocketEverywhere(id, room)));
    // The userlist changes before anyone is told, so a client reacting at once sees the new state.
    await this.store.roomUserlistRemove(room, user, Date.now()).catch((error: unknown) => {
      this.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
    });
    if (ids.length === 0) return;
    await Promise.all(ids.map((id) => this.runLeaveHook(id, room, 0)));
    this.emitToUser(user, 'roomAccessRemoved', [room]);
    if (options.silent) return;
    const notifications = await this.store.roomNotificationsGet(room).catch(() => null);
    if (notifications?.enableUserlistUpdates) this.emitToRoom(room, 'roomUserLeft', [room, user]);
  }
}
