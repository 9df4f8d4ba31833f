/**
 * The Redis setups the store tests loop over (single node, cluster), each
 * store with a random key prefix so runs never collide, even on a shared
 * REDIS_URL; and a cleanup list closed after each test.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import type {} from '../../../test/global-setup.js';
import { createRedisStore, type RedisStore, type RedisStoreOptions } from '../src/index.js';

/** One Redis deployment to run the tests against. */
export interface RedisSetup {
  name: string;
  /** Connection options (a fresh client per store). */
  connection(): RedisStoreOptions;
}

/** Single node and six-node cluster, from the global setup (or REDIS_URL / REDIS_CLUSTER_NODES). */
export const setups: readonly RedisSetup[] = [
  { name: 'single node', connection: () => ({ url: inject('redisUrl') }) },
  { name: 'cluster', connection: () => ({ clusterNodes: inject('redisClusterNodes') }) },
];

/** A prefix no other test run uses. */
export function randomPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

/** A random name with an optional readable stem. */
export function randomName(stem = 'n'): string {
  return `${stem}-${randomUUID().slice(0, 8)}`;
}

const open: RedisStore[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

/** Creates a store closed after the current test. */
export function openStore(options: RedisStoreOptions): RedisStore {
  const store = createRedisStore(options);
  open.push(store);
  return store;
}
