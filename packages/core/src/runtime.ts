/**
 * The service's internals as one object: routing (fan-out over the bus),
 * locks, forced removal, hook calls and failure events. Commands see it
 * through the `Runtime` interface.
 *
 * @module
 */
import { GLOBAL_TOPIC, userTopic } from './bus-topics.js';
import { ClusterBus } from './cluster-bus.js';
import type { FailureInfo, RemovalOptions, Runtime } from './commands/runtime.js';
import type { ServiceEmitter } from './events.js';
import { runHook } from './hook-runner.js';
import type { Hooks } from './hooks.js';
import { withLock } from './locks.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { AppendNotice, Bus, Store, Transport } from './ports.js';
import { CommandLimiter, checkRoomSlot } from './limit-checks.js';
import type { LimitedSocket } from './limit-checks.js';
import { RemoteSockets } from './remote-sockets.js';
import { Routing, topicOfChannel } from './routing.js';
import { Tracker } from './tracker.js';
import { TransportFacade } from './transport-facade.js';
import { safeWireError } from './transport-host.js';
import type { ConnectionState } from './transport-host.js';
import { handleDisconnect } from './connections.js';

/** A socket connected to this instance. */
export interface LocalSocket extends LimitedSocket, ConnectionState {
  transport: Transport;
  userName: string | undefined;
  /** Commands are accepted (handlers "bound"). */
  ready: boolean;
  /** The transport reported its disconnect. */
  gone: boolean;
  login: Promise<void>;
  /** The disconnect cleanup, once started. */
  cleanup: Promise<void> | undefined;
}

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
  readonly routing: Routing;
  readonly transport: TransportFacade;
  /** The command rate limits (`rateLimit`, `userRateLimit`). */
  readonly limiter: CommandLimiter;
  /** Given to `roomHistoryAppend` when the store is the bus, so the store publishes the room message. */
  readonly appendNotice: AppendNotice | undefined;
  readonly remote: RemoteSockets;
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
    this.clusterBus = new ClusterBus(config.bus, config.instanceUID, () => this.routing.listen());
    this.limiter = new CommandLimiter(config.options);
    this.appendNotice = (config.bus as unknown) === config.store ? { origin: config.instanceUID } : undefined;
    this.routing = new Routing({
      bus: config.bus,
      instanceUID: config.instanceUID,
      transports: config.transports,
      clusterBus: this.clusterBus,
      logger: config.logger,
      ordered: this.appendNotice !== undefined,
      onServiceMessage: (message) => {
        this.remote.receive(message);
      },
    });
    this.remote = new RemoteSockets({
      instanceUID: config.instanceUID,
      sockets: this.sockets,
      routing: this.routing,
      ackTimeout: config.options.busAckTimeout,
      leaveChannel: (id, room) => this.leaveChannel(id, room),
    });
    this.transport = new TransportFacade({
      transports: this.transports,
      socketOf: (id) => this.sockets.get(id),
      cleanup: (id) => handleDisconnect(this, id),
      wireError: (error) => safeWireError(error, this.options.useRawErrorObjects),
      fanout: (channel, event, args, exceptId) => {
        this.fanout(channel, event, args, exceptId);
      },
    });
  }

  transportOf(id: string): Transport | undefined {
    return this.sockets.get(id)?.transport;
  }

  // --- routing ---

  /** `service.transport.emitToChannel`: any channel, so every instance (the global topic); a user's channel on the user's topic. */
  fanout(channel: string, event: string, args: unknown[], exceptId?: string | null): void {
    const topic = topicOfChannel(channel);
    this.routing.emit(topic?.kind === 'user' ? topic : GLOBAL_TOPIC, { channel, event, args, exceptId });
  }

  emitToRoom(room: string, event: string, args: unknown[], published = false): void {
    this.routing.emitToRoom(room, event, args, published);
  }

  emitToUser(user: string, event: string, args: unknown[], exceptId?: string | null): void {
    this.routing.emitToUser(user, event, args, exceptId);
  }

  /** Joins a local socket to a room's or user's channel, subscribed to its topic first (so nothing published after the join is missed). */
  async joinChannel(id: string, channel: string): Promise<void> {
    const topic = topicOfChannel(channel);
    if (topic) await this.routing.subscriptions.acquire(id, topic);
    if (topic?.kind === 'room') await this.routing.startRoomOrder(topic.name, async () => (await this.store.roomHistoryInfo(topic.name)).lastMessageId);
    await this.transport.joinChannel(id, channel);
    const socket = this.sockets.get(id);
    // Only rooms count against maxRoomsPerSocket (not the user's own channel).
    if (topic?.kind === 'room' && socket && !socket.gone) (socket.rooms ??= new Set()).add(channel);
  }

  /** Removes a local socket from a channel, and drops the topic when no local socket holds it any more. */
  async leaveChannel(id: string, channel: string): Promise<void> {
    this.sockets.get(id)?.rooms?.delete(channel);
    const topic = topicOfChannel(channel);
    try {
      await this.transport.leaveChannel(id, channel);
    } finally {
      if (topic) await this.routing.subscriptions.release(id, topic).catch((error: unknown) => {
        this.logger.warn('bus unsubscribe failed', { topic, error });
      });
    }
  }

  /** `maxRoomsPerSocket`, for a socket of this instance. @throws {ChatServiceError} `roomLimitExceeded` */
  checkRoomSlot(id: string, room: string): void {
    checkRoomSlot(this.options, this.sockets.get(id), id, room);
  }

  /** Subscribes a socket's user topic before its registration is recorded. */
  holdUserTopic(id: string, user: string): Promise<void> {
    return this.routing.subscriptions.acquire(id, userTopic(user));
  }

  /** Drops every topic a local socket held. */
  releaseTopics(id: string): Promise<void> {
    return this.routing.subscriptions.releaseAll(id).catch((error: unknown) => {
      this.logger.warn('bus unsubscribe failed', { id, error });
    });
  }

  /** Asks every instance to disconnect the user's local sockets. */
  disconnectUser(user: string): void {
    this.remote.disconnectUser(user);
  }

  /** Removes a socket from a room channel wherever it lives; waits for its host's ack up to `busAckTimeout`. */
  leaveSocketEverywhere(user: string, id: string, room: string): Promise<void> {
    return this.remote.leaveSocket(user, id, room);
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
    await Promise.all(ids.map((id) => this.leaveSocketEverywhere(user, id, room)));
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
