/**
 * The service's parts as one context: its ports, options and hooks, its
 * local sockets, and the operations the command bodies use (`Runtime`),
 * each wired to the file that implements it. The service class, the server
 * and recovery APIs and the connection handlers are functions over it.
 *
 * @module
 */
import { GLOBAL_TOPIC } from './bus-topics.js';
import { ClusterBus } from './cluster-bus.js';
import { safeWireError } from './command-replies.js';
import type { FailureInfo, Runtime } from './commands/runtime.js';
import { handleDisconnect } from './connections.js';
import type { ServiceEmitter } from './events.js';
import { removeFromRoom } from './forced-removal.js';
import { runHook } from './hook-runner.js';
import type { Hooks } from './hooks.js';
import { CommandLimiter, checkRoomSlot } from './limit-checks.js';
import type { LocalSockets } from './local-sockets.js';
import { withLock } from './locks.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { AppendNotice, Bus, Store, Transport } from './ports.js';
import { RemoteSockets } from './remote-sockets.js';
import { Routing } from './routing.js';
import type { ChatServiceCore } from './service.js';
import { joinChannel, leaveChannel } from './socket-channels.js';
import { Tracker } from './tracker.js';
import { TransportFacade } from './transport-facade.js';
import { UserQueue } from './user-queue.js';

/** What the service is built from. */
export interface ContextParts {
  /** The service, as hooks receive it. */
  readonly server: ChatServiceCore;
  readonly store: Store;
  readonly bus: Bus;
  readonly transports: readonly Transport[];
  readonly hooks: Hooks;
  readonly options: ResolvedOptions;
  readonly instanceUID: string;
  /** Where the service's events go (the service itself). */
  readonly events: ServiceEmitter;
  readonly logger: Logger;
}

/** The service's parts and shared state; see the module doc. */
export interface ServiceContext extends Omit<ContextParts, keyof Runtime>, Runtime {
  /** The sockets connected to this instance. */
  readonly sockets: LocalSockets;
  /** Running commands and disconnect handlers, so `close()` can wait for them. */
  readonly tracker: Tracker;
  /** The command rate limits (`rateLimit`, `userRateLimit`). */
  readonly limiter: CommandLimiter;
  /** Serialises each user's socket cleanups. */
  readonly userQueue: UserQueue;
  /** Fan-out over the bus and delivery to local sockets. */
  readonly routing: Routing;
  /** Acting on sockets hosted by other instances. */
  readonly remote: RemoteSockets;
  /** `service.clusterBus`. */
  readonly clusterBus: ClusterBus;
  /** `service.transport`, the public view of the transports; the core joins, leaves and disconnects through it. */
  readonly transport: TransportFacade;
}

/** Builds the context of a service. */
export function createServiceContext(parts: ContextParts): ServiceContext {
  const { bus, store, instanceUID, options, logger, transports, events, hooks, server } = parts;
  const sockets: LocalSockets = new Map();
  const appendNotice: AppendNotice | undefined = Object.is(bus, store) ? { origin: instanceUID } : undefined;
  const clusterBus = new ClusterBus(
    (message) => {
      routing.publish(GLOBAL_TOPIC, message);
    },
    instanceUID,
    () => routing.listen(),
  );
  const routing: Routing = new Routing({
    bus,
    instanceUID,
    transports,
    clusterBus,
    logger,
    ordered: appendNotice !== undefined,
    onServiceMessage: (message) => {
      remote.receive(message);
    },
  });
  const remote: RemoteSockets = new RemoteSockets({
    instanceUID,
    sockets,
    routing,
    ackTimeout: options.busAckTimeout,
    leaveChannel: (id, room) => leaveChannel(ctx, id, room),
  });
  const failure =
    (event: 'storeConsistencyFailure' | 'transportConsistencyFailure', message: string) => (error: unknown, info: FailureInfo) => {
      logger.warn(message, { ...info, error });
      events.emit(event, error, info);
    };
  const ctx: ServiceContext = {
    ...parts,
    sockets,
    tracker: new Tracker(),
    limiter: new CommandLimiter(options),
    userQueue: new UserQueue(),
    appendNotice,
    routing,
    remote,
    clusterBus,
    transport: new TransportFacade({
      transports,
      routing,
      socketOf: (id) => sockets.get(id),
      cleanup: (id) => handleDisconnect(ctx, id),
      wireError: (error) => safeWireError(error, options.useRawErrorObjects),
    }),
    emitToRoom: (room, event, args) => {
      routing.emitToRoom(room, event, args);
    },
    emitRoomMessage: (room, id, args, published) => {
      routing.emitRoomMessage(room, id, args, published);
    },
    emitToUser: (user, event, args, exceptId) => {
      routing.emitToUser(user, event, args, exceptId);
    },
    joinChannel: (id, channel) => joinChannel(ctx, id, channel),
    leaveChannel: (id, channel) => leaveChannel(ctx, id, channel),
    checkRoomSlot: (id, room) => {
      checkRoomSlot(options, sockets.get(id), id, room);
    },
    withLock: (user, room, fn) => {
      const onTimeExceeded = (lockId: string, info: { userName: string; roomName: string }): void => {
        events.emit('lockTimeExceeded', lockId, info);
      };
      return withLock({ store, ttl: options.lockTTL, onTimeExceeded }, user, room, fn);
    },
    removeFromRoom: (user, room, removal) => removeFromRoom(ctx, user, room, removal),
    runJoinHook: async (id, roomName, njoined) => {
      if (hooks.onJoin) await runHook(hooks.onJoin, [server, { id, roomName, njoined }]);
    },
    runLeaveHook: async (id, roomName, njoined) => {
      if (!hooks.onLeave) return;
      await runHook(hooks.onLeave, [server, { id, roomName, njoined }]).catch((error: unknown) => {
        logger.warn('onLeave failed', { error });
      });
    },
    storeFailure: failure('storeConsistencyFailure', 'store consistency failure'),
    transportFailure: failure('transportConsistencyFailure', 'transport consistency failure'),
  };
  return ctx;
}
