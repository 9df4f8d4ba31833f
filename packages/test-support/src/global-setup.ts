/**
 * Vitest global setup shared by every test file: starts a single Redis node
 * and a six-node Redis Cluster (in parallel) and provides their addresses to
 * the tests through `inject('redisUrl')` and `inject('redisClusterNodes')`.
 * `REDIS_URL` and `REDIS_CLUSTER_NODES` (`host:port,...`) name existing
 * servers instead; tests never flush those, they use a random key prefix.
 *
 * @module
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisCluster, startRedisServer, type RedisNodeAddress } from './redis-servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A single Redis node, e.g. `redis://127.0.0.1:41234`. */
    redisUrl: string;
    /** The nodes of a six-node Redis Cluster. */
    redisClusterNodes: RedisNodeAddress[];
  }
}

/** Starts the servers the tests need; returns their teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const envUrl = process.env['REDIS_URL'];
  const envNodes = process.env['REDIS_CLUSTER_NODES'];
  const [single, cluster] = await Promise.allSettled([
    envUrl ? Promise.resolve(undefined) : startRedisServer(),
    envNodes ? Promise.resolve(undefined) : startRedisCluster(),
  ]);
  const teardown = async (): Promise<void> => {
    await Promise.all([
      single.status === 'fulfilled' ? single.value?.stop() : undefined,
      cluster.status === 'fulfilled' ? cluster.value?.stop() : undefined,
    ]);
  };
  if (single.status === 'rejected' || cluster.status === 'rejected') {
    await teardown();
    throw single.status === 'rejected' ? single.reason : cluster.status === 'rejected' ? cluster.reason : undefined;
  }
  project.provide('redisUrl', envUrl ?? single.value?.url ?? '');
  project.provide('redisClusterNodes', envNodes ? parseClusterNodes(envNodes) : [...(cluster.value?.nodes ?? [])]);
  return teardown;
}

/** Parses `REDIS_CLUSTER_NODES` (`host:port,host:port,...`). */
function parseClusterNodes(value: string): RedisNodeAddress[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const colon = s.lastIndexOf(':');
      const port = Number(s.slice(colon + 1));
      if (colon <= 0 || !Number.isInteger(port) || port <= 0) throw new Error(`REDIS_CLUSTER_NODES: "${s}" is not host:port`);
      return { host: s.slice(0, colon), port };
    });
}
