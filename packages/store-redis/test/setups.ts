/**
 * The Redis setups the store tests loop over (single node, cluster), each
 * store with a random key prefix so runs never collide, even on a shared
 * REDIS_URL; and a cleanup list closed after each test.
 */
import { randomUUID } from 'node:crypto';
import type { BusMessage, BusTopic } from '@chat-service/core';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, inject } from 'vitest';
import type {} from '@chat-service/test-support/global-setup';
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

/** The global bus topic. */
export const GLOBAL: BusTopic = { kind: 'global' };

/** A custom bus message from instance `pub`. */
export function custom(event: string, ...args: unknown[]): BusMessage {
  return { kind: 'custom', origin: 'pub', event, args };
}

/** Listens as instance `self` (not `pub`) subscribed to the global topic; returns the store. */
export async function tuned(store: RedisStore, self: string = randomUUID()): Promise<RedisStore> {
  await store.listen(self);
  await store.subscribe(GLOBAL);
  return store;
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

const used = new Map<RedisSetup, Set<string>>();

/**
 * Records a prefix used on a shared setup; its keys are deleted after the
 * file's tests, so a long-lived `REDIS_URL` server does not fill up.
 */
export function usePrefix(setup: RedisSetup, prefix: string): string {
  const prefixes = used.get(setup) ?? new Set();
  used.set(setup, prefixes.add(prefix));
  return prefix;
}

/** Creates a store on a shared setup (closed after the test; its keys deleted after the file). */
export function openOn(setup: RedisSetup, prefix = randomPrefix()): RedisStore {
  return openStore({ ...setup.connection(), prefix: usePrefix(setup, prefix) });
}

/** Deletes every key under a prefix, on the single node or on every cluster master. */
async function deletePrefix(client: Redis | Cluster, prefix: string): Promise<void> {
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
  const nodes = 'nodes' in client && client.isCluster ? client.nodes('master') : [client as Redis];
  await Promise.all(
    nodes.map(async (node) => {
      for await (const keys of node.scanStream({ match: `${prefix}:*`, count: 1000 })) {
        // through the client, one key per UNLINK: keys of different slots cannot share a command on a cluster
        await Promise.all((keys as string[]).map((key) => client.unlink(key)));
      }
    }),
  );
}

afterAll(async () => {
  const entries = [...used.entries()];
  used.clear();
  await Promise.all(
    entries.map(async ([setup, prefixes]) => {
      const store = createRedisStore(setup.connection());
      try {
        for (const prefix of prefixes) await deletePrefix(store.client, prefix);
      } finally {
        await store.close();
      }
    }),
  );
});
