/**
 * Turns the store options into an ioredis client: the caller's own, or one
 * created (and later closed) by the store.
 *
 * @module
 */
import { Cluster, Redis, type ClusterNode } from 'ioredis';

/** How the store gets its connection. */
export interface ConnectionOptions {
  /** An existing client (single node or cluster). The store uses it and never closes it. */
  client?: Redis | Cluster;
  /** A Redis URL (`redis://host:port/db`); `redisOptions` then hold the options that follow it. */
  url?: string;
  /**
   * ioredis constructor arguments, as one value or an array: `new Redis(...args)`,
   * or with `useCluster` `new Cluster(...args)` (so `[nodes, clusterOptions]`);
   * with `clusterNodes`, the arguments after the node list.
   */
  redisOptions?: unknown;
  /** Connect to a Redis Cluster. Implied by `clusterNodes`. */
  useCluster?: boolean;
  /** The cluster's startup nodes. */
  clusterNodes?: readonly ClusterNode[];
}

function toArgs(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...(value as unknown[])] : [value];
}

function keyPrefixOf(client: Redis | Cluster): unknown {
  return client.options.keyPrefix;
}

/**
 * Returns the client to use and whether the store created it.
 *
 * @throws when the client has an ioredis `keyPrefix` (scripts build keys, so use the store's `prefix` option)
 */
export function resolveClient(options: ConnectionOptions): { client: Redis | Cluster; owned: boolean } {
  const created = options.client === undefined;
  const client = options.client ?? createClient(options);
  const keyPrefix = keyPrefixOf(client);
  if (typeof keyPrefix === 'string' && keyPrefix !== '') {
    if (created) client.disconnect();
    throw new Error('[store-redis] ioredis "keyPrefix" is not supported (Lua scripts build keys); use the store\'s "prefix" option instead');
  }
  return { client, owned: created };
}

function createClient(options: ConnectionOptions): Redis | Cluster {
  const args = toArgs(options.redisOptions);
  if (options.useCluster ?? options.clusterNodes !== undefined) {
    const ctorArgs = options.clusterNodes ? [[...options.clusterNodes], ...args] : args;
    if (ctorArgs.length === 0) throw new Error('[store-redis] "useCluster" needs "clusterNodes" or "redisOptions" ([nodes, clusterOptions])');
    return Reflect.construct(Cluster, ctorArgs) as Cluster;
  }
  return Reflect.construct(Redis, options.url === undefined ? args : [options.url, ...args]) as Redis;
}

/** Quits a connection (or drops it when it is not connected) and resolves once it has ended. */
export async function closeConnection(connection: Redis | Cluster): Promise<void> {
  if (connection.status === 'end') return;
  const ended = new Promise<void>((resolve) => connection.once('end', () => {
    resolve();
  }));
  if (connection.status === 'ready') {
    await connection.quit().catch(() => {
      connection.disconnect();
    });
  } else {
    connection.disconnect();
  }
  // QUIT's reply comes before the socket closes; give it a moment, then drop it and move on
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      connection.disconnect();
      resolve();
    }, 1000);
  });
  await Promise.race([ended, late]);
  clearTimeout(timer);
}

/** Narrows a client to a cluster (ioredis's `isCluster` flag, safe across copies of ioredis). */
export function isCluster(client: Redis | Cluster): client is Cluster {
  return client.isCluster;
}
