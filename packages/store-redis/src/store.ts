/**
 * `createRedisStore`: the Store and the Bus on one Redis or Redis Cluster.
 *
 * @module
 */
import type { Bus, Logger, Store } from '@chat-service/core';
import type { Cluster, Redis } from 'ioredis';
import { createRedisBus } from './bus.js';
import { closeConnection, resolveClient, type ConnectionOptions } from './client.js';
import type { StoreContext } from './context.js';
import { createHistoryOps } from './history.js';
import { createKeySpace } from './keys.js';
import { createListenerRegistry } from './listener-registry.js';
import { createLockOps } from './locks.js';
import { createRoomOps } from './rooms.js';
import { defineScripts } from './scripts/index.js';
import { createSocketOps } from './sockets.js';
import { createUserOps } from './users.js';
import { DEFAULT_STARTUP_TIMEOUT, waitForConnection } from './readiness.js';
import { createWriteBatch } from './write-batch.js';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions extends ConnectionOptions {
  /** The first segment of every key and of the bus channels, so several services can share one Redis. Default `'chatservice'`; no `{` or `}`. */
  prefix?: string;
  /**
   * On a cluster, the bus uses sharded pub/sub (SPUBLISH / SSUBSCRIBE, Redis 7+), so each
   * room's messages stay on the shard of the room's slot. `false` falls back to PUBLISH / SUBSCRIBE, which every
   * node forwards to every other (needed for Redis 6 clusters). Default `true`.
   */
  shardedPubSub?: boolean;
  /**
   * On a cluster, how often the store reads the slot map again, in ms, to
   * notice a failover that none of its commands ran into: a promoted replica
   * may lack the newest registrations of the instances listening on its rooms,
   * and each instance then registers its rooms again. `0` leaves it to ioredis
   * (it reads the map after a MOVED or a lost node). At most 2147483647.
   * Default 5000.
   */
  clusterCheckInterval?: number;
  /**
   * How long the service's start waits for the connection, in ms; past it (or
   * after a few refused attempts, or at once for an unknown host) the start
   * fails with `cannot reach Redis at host:port: <cause>`. Default 5000.
   */
  startupTimeout?: number;
  /** Where connection errors of the connections the store created, and errors thrown by bus handlers, are logged (at `error`) unless `onError` is given. Silent by default. */
  logger?: Logger;
  /** Receives those errors instead of `logger`. */
  onError?: (error: unknown) => void;
}

/** The longest delay a Node timer takes (2^31 - 1 ms). */
const MAX_TIMER_DELAY = 2_147_483_647;

/** The Store and Bus on Redis. `close()` closes both, and only the connections the store created. */
export interface RedisStore extends Store, Bus {
  /** The ioredis client (a `Redis` or a `Cluster`). Use at your own risk: the key layout is internal. */
  readonly client: Redis | Cluster;
  /** The key prefix in use. */
  readonly prefix: string;
  /** Closes the store and its bus; only the connections the store created are closed. Idempotent. */
  close(): Promise<void>;
  /** Takes a dead instance out of the listeners of every room channel it was registered in (`instanceRecovery` calls it). */
  forget(instanceUID: string): Promise<void>;
}

/**
 * Creates the Redis Store and Bus.
 *
 * @example
 * ```ts
 * const store = createRedisStore({ url: 'redis://localhost:6379' });
 * const clustered = createRedisStore({ clusterNodes: [{ host: '10.0.0.1', port: 7000 }] });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions = {}): RedisStore {
  const logger = options.logger;
  const onError = options.onError ?? ((error: unknown) => logger?.error('[store-redis] redis error', { error }));
  const { clusterCheckInterval } = options;
  // Past MAX_TIMER_DELAY a timer would fire after 1 ms instead
  if (clusterCheckInterval !== undefined && !(Number.isSafeInteger(clusterCheckInterval) && clusterCheckInterval >= 0 && clusterCheckInterval <= MAX_TIMER_DELAY)) {
    throw new Error(`[store-redis] the "clusterCheckInterval" option must be a whole number of ms from 0 to ${String(MAX_TIMER_DELAY)}: ${String(clusterCheckInterval)}`);
  }
  const { client, owned } = resolveClient(options);
  if (owned) client.on('error', onError);
  const keys = createKeySpace(options.prefix ?? 'chatservice');
  // One batch per client: the scripts, the bus's PUBLISH and (on a client of our own) every command share the connection.
  const writes = createWriteBatch(client, { everyCommand: owned });
  const context: StoreContext = { client, keys, scripts: defineScripts(client, writes.beforeWrite) };
  const listeners = createListenerRegistry(context);
  const bus = createRedisBus({
    client,
    keys,
    sharded: options.shardedPubSub ?? true,
    clusterCheckInterval,
    beforeWrite: writes.beforeWrite,
    roomListeners: listeners.change,
    onError,
  });
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await bus.close();
    if (owned) await closeConnection(client);
  };
  return {
    ...createUserOps(context),
    ...createSocketOps(context),
    ...createRoomOps(context),
    ...createHistoryOps(context, bus.sharded ? 'spublish' : 'publish', writes),
    ...createLockOps(context),
    listen: async (self) => {
      // The subscriber connection is opened first, beside the start-up check of the main one.
      const listening = bus.listen(self);
      await waitForConnection(client, options.startupTimeout ?? DEFAULT_STARTUP_TIMEOUT);
      await listening;
    },
    publish: (topic, message) => bus.publish(topic, message),
    subscribe: (topic) => bus.subscribe(topic),
    unsubscribe: (topic) => bus.unsubscribe(topic),
    onMessage: (handler) => bus.onMessage(handler),
    forget: (uid) => listeners.forget(uid),
    get client() {
      return client;
    },
    prefix: keys.prefix,
    close() {
      closing ??= close();
      return closing;
    },
  };
}
