/**
 * The Bus on Redis pub/sub: one channel per topic (a room's carries the
 * room's hash tag, so on a cluster it lives in the room's slot), on a
 * dedicated subscriber connection (a duplicate of the client). On a cluster
 * it uses sharded pub/sub (SPUBLISH / SSUBSCRIBE through ioredis's
 * `shardedSubscribers`), so each channel's traffic stays on the shard of its
 * slot and the shards share the load. The subscriber re-subscribes every
 * channel after a reconnection or a failover (ioredis does).
 *
 * A room's channel also has a registry of its listeners: the instance adds
 * itself once it is subscribed and removes itself before it unsubscribes, so
 * the append script can leave out the PUBLISH of a room message that no other
 * instance would hear. It registers its rooms again each time its
 * subscriber connection is ready again (a Redis restored from an older
 * snapshot, or a replica promoted before it had the last registrations, would
 * otherwise miss some). On a cluster it does so too each time the master of
 * a slot changes: the subscriber of plain pub/sub sits on any one node and
 * need not notice a failover, and a sharded subscriber whose connection
 * was not cut keeps listening on the former master. So the bus reads the slot
 * map again every `clusterCheckInterval` ms (ioredis also does after a MOVED
 * or a lost node) and, when a slot has a new master, has the subscriber read
 * it too, which subscribes again where the channels now live. It unregisters
 * the rooms still subscribed when it closes. An instance that dies subscribed stays registered until
 * `instanceRecovery` has the store forget it (`listener-registry.ts`): meanwhile that costs publishes
 * nobody hears, never a message somebody should have.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { Bus, BusHandler, BusTopic } from '@chat-service/core';
import type { Cluster, Redis } from 'ioredis';
import { closeConnection, isCluster } from './client.js';
import { decodeFrame, encodeFrame, frameHeader } from './bus-frame.js';
import { DEFAULT_CLUSTER_CHECK_INTERVAL, watchSlotMasters } from './slot-masters.js';
import type { KeySpace } from './keys.js';
import { createWriteBatch } from './write-batch.js';
import type { BeforeWrite } from './write-batch.js';

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  client: Redis | Cluster;
  keys: KeySpace;
  /** On a cluster, SPUBLISH / SSUBSCRIBE (Redis 7+) rather than PUBLISH / SUBSCRIBE. */
  sharded: boolean;
  /** Called before a PUBLISH on `client` (the client's write batch). */
  beforeWrite?: BeforeWrite;
  /** Adds an instance to, or removes it from, the listeners of a room's channel. */
  roomListeners?: RoomListenersChange;
  /** On a cluster, how often (ms) the slot map is read again to notice a failover; 0 for only when ioredis reads it. Default {@link DEFAULT_CLUSTER_CHECK_INTERVAL}. */
  clusterCheckInterval?: number | undefined;
  /** Receives connection errors and errors thrown by handlers. */
  onError: (error: unknown) => void;
}

/** Adds (`'add'`) or removes instance `uid` from the listeners of a room's channel. */
export type RoomListenersChange = (room: string, uid: string, change: 'add' | 'remove') => Promise<unknown>;

/** The Redis bus, plus what the append script needs. */
export interface RedisBus extends Bus {
  /** Whether it publishes with SPUBLISH (the append script must too). */
  readonly sharded: boolean;
}


/** Creates the Bus over a client; `listen()` opens the subscriber connection. */
export function createRedisBus(options: RedisBusOptions): RedisBus {
  const { client, keys, sharded: shardedOption, beforeWrite, roomListeners, onError } = options;
  const clusterCheckInterval = options.clusterCheckInterval ?? DEFAULT_CLUSTER_CHECK_INTERVAL;
  const sharded = shardedOption && isCluster(client);
  const handlers = new Set<BusHandler>();
  /** Subscribed channels and their topics. */
  const channels = new Map<string, BusTopic>();
  let subscriber: Redis | Cluster | undefined;
  let listening: Promise<void> | undefined;
  /** The origin header of this instance's frames, as bytes: its own frames are dropped before any decoding. */
  let ownHeader: Buffer | undefined;
  /** This instance's UID, from `listen()`. */
  let self = '';
  let closed = false;

  const deliver = (from: unknown, payload: unknown): void => {
    if (closed || !Buffer.isBuffer(from) || !Buffer.isBuffer(payload)) return;
    if (ownHeader !== undefined && payload.length >= ownHeader.length && payload.compare(ownHeader, 0, ownHeader.length, 0, ownHeader.length) === 0) return;
    const topic = channels.get(from.toString());
    if (!topic) return;
    let message;
    try {
      message = decodeFrame(payload.toString(), topic);
    } catch (error) {
      onError(new Error('[store-redis] bus: a message is not JSON', { cause: error }));
      return;
    }
    if (!message) return;
    for (const handler of [...handlers]) {
      try {
        handler(message, topic);
      } catch (error) {
        onError(error);
      }
    }
  };

  /** Adds this instance to, or removes it from, the listeners of a room topic's channel; `undefined` for a topic without listeners. */
  const registration = (topic: BusTopic, change: 'add' | 'remove'): Promise<unknown> | undefined =>
    topic.kind === 'room' && roomListeners ? roomListeners(topic.name, self, change) : undefined;
  /** Registers (or unregisters) this instance as a listener of every room channel it is subscribed to. */
  const changeAllRooms = (change: 'add' | 'remove'): Promise<unknown> => {
    const changes: Promise<unknown>[] = [];
    for (const topic of channels.values()) {
      const changing = registration(topic, change);
      if (changing) changes.push(changing.catch(onError));
    }
    return Promise.all(changes);
  };
  /** UNSUBSCRIBE, or SUNSUBSCRIBE when sharded. */
  const unsubscribeFrom = (sub: Redis | Cluster, channel: string): Promise<unknown> =>
    sharded ? sub.sunsubscribe(channel) : sub.unsubscribe(channel);
  /** A subscriber ready again (after the first time) has its channels back: so are its registrations. */
  const onReadyAgain = (): void => {
    if (!closed) void changeAllRooms('add');
  };

  /** A connection is ready again on 'ready'; a sharded cluster subscriber replaces its lost shard connections without one, then emits 'subscribersReady'. */
  const watchReadyAgain = (sub: Redis | Cluster): void => {
    sub.on('ready', onReadyAgain);
    if (sharded) sub.on('subscribersReady', onReadyAgain);
  };

  /** Stops watching the cluster's slot map. */
  let unwatchSlots = (): void => undefined;
  /** A slot with a new master may have lost registrations (a replica promoted before it had them): register every room again. */
  const onNewMaster = (): void => {
    // A sharded subscriber follows a slot map of its own: read again, it moves the channels of a slot to its new master
    if (subscriber !== undefined && isCluster(subscriber)) subscriber.refreshSlotsCache();
    onReadyAgain();
  };

  const start = (): Promise<void> => {
    if (isCluster(client) && roomListeners) unwatchSlots = watchSlotMasters(client, clusterCheckInterval, onNewMaster);
    const sub = sharded && isCluster(client) ? client.duplicate([], { shardedSubscribers: true }) : client.duplicate();
    subscriber = sub;
    // Its own connection, of our own: the SUBSCRIBEs of a turn's logins leave in one write.
    createWriteBatch(sub, { everyCommand: true });
    sub.on('error', onError);
    // The Buffer events: with no listener of the string ones, ioredis does not decode what we drop unread.
    sub.on(sharded ? 'smessageBuffer' : 'messageBuffer', deliver);
    // Subscribe only on a ready connection: a SUBSCRIBE queued while it connects could be acknowledged before it is in force.
    if (sub.status === 'ready') {
      watchReadyAgain(sub);
      return Promise.resolve();
    }
    // A connection error ends the wait too: the store's start-up check reports it.
    return new Promise((resolve) => {
      const done = (): void => {
        sub.off('ready', done);
        sub.off('error', done);
        sub.off('end', done);
        watchReadyAgain(sub);
        resolve();
      };
      sub.once('ready', done);
      sub.once('error', done);
      sub.once('end', done);
    });
  };

  const running = (): Redis | Cluster => {
    if (closed || !subscriber) throw new Error('[store-redis] bus: subscribe() before listen() or after close()');
    return subscriber;
  };

  return {
    sharded,
    async listen(uid) {
      if (closed) throw new Error('[store-redis] bus: listen() after close()');
      self = uid;
      ownHeader = Buffer.from(frameHeader(uid));
      listening ??= start();
      return listening;
    },
    async publish(topic, message) {
      const channel = keys.busChannel(topic);
      const payload = encodeFrame(message);
      beforeWrite?.();
      await (sharded ? client.spublish(channel, payload) : client.publish(channel, payload));
    },
    async subscribe(topic) {
      const sub = running();
      const channel = keys.busChannel(topic);
      if (channels.has(channel)) return;
      channels.set(channel, topic);
      try {
        await (sharded ? sub.ssubscribe(channel) : sub.subscribe(channel));
      } catch (error) {
        channels.delete(channel);
        throw new Error(`[store-redis] bus: could not subscribe to "${channel}"`, { cause: error });
      }
      // Registered only once subscribed: whoever reads the registry afterwards publishes to a listening instance.
      const registering = registration(topic, 'add');
      if (!registering) return;
      try {
        await registering;
      } catch (error) {
        channels.delete(channel);
        unsubscribeFrom(sub, channel).catch(onError);
        throw new Error(`[store-redis] bus: could not register as a listener of "${channel}"`, { cause: error });
      }
    },
    async unsubscribe(topic) {
      const channel = keys.busChannel(topic);
      if (!channels.delete(channel) || closed || !subscriber) return;
      const sub = subscriber;
      // Unregistered while still subscribed; a failure leaves a registration, which only costs publishes.
      const unregistering = registration(topic, 'remove');
      if (unregistering) {
        await unregistering.catch(onError);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may set it during the await above; TS keeps the earlier narrowing
        if (closed) return;
      }
      await unsubscribeFrom(sub, channel);
    },
    onMessage(handler) {
      const own: BusHandler = (message, topic) => {
        handler(message, topic);
      };
      if (!closed) handlers.add(own);
      return () => {
        handlers.delete(own);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      unwatchSlots();
      handlers.clear();
      // Best effort, and only on a connection that can answer: a registration left behind only costs publishes.
      if (client.status === 'ready') await changeAllRooms('remove');
      channels.clear();
      // Not awaiting the wait for `ready`: a server that never answers would hold close() for ever; closing ends it ('end').
      if (subscriber) await closeConnection(subscriber);
      subscriber = undefined;
    },
  };
}
