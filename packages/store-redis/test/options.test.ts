/**
 * The connection options of createRedisStore: an existing client is used and
 * never closed; `url`, `redisOptions` (one value or the constructor arguments)
 * and `useCluster` / `clusterNodes` create a client the store closes.
 */
import { Cluster, Redis } from 'ioredis';
import type { Logger } from '@chat-service/core';
import { describe, expect, it, inject, onTestFinished, vi } from 'vitest';
import { createRedisStore } from '../src/index.js';
import { custom, GLOBAL, openStore, randomName, randomPrefix, tuned } from './setups.js';

describe('createRedisStore options', () => {
  it('uses a given client and leaves it open', async () => {
    const client = new Redis(inject('redisUrl'));
    onTestFinished(() => {
      client.disconnect();
    });
    const store = createRedisStore({ client, prefix: randomPrefix() });
    expect(store.client).toBe(client);
    await store.listen('self');
    await store.ensureUser(randomName('user'));
    await store.close();
    await store.close();
    expect(await client.ping()).toBe('PONG');
  });

  it('refuses a clusterCheckInterval that is not a whole number of ms a timer can wait', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 31]) {
      expect(() => createRedisStore({ url: inject('redisUrl'), clusterCheckInterval: bad })).toThrow(/"clusterCheckInterval" option must be a whole number of ms from 0 to 2147483647/);
    }
  });

  it('creates and closes its own client from a url, from redisOptions, or for a cluster', async () => {
    const url = new URL(inject('redisUrl'));
    const [node] = inject('redisClusterNodes');
    const stores = [
      createRedisStore({ url: inject('redisUrl'), prefix: randomPrefix() }),
      createRedisStore({ redisOptions: { host: url.hostname, port: Number(url.port) }, prefix: randomPrefix() }),
      createRedisStore({ redisOptions: [Number(url.port), url.hostname], prefix: randomPrefix() }),
      createRedisStore({ useCluster: true, redisOptions: [[node], {}], prefix: randomPrefix() }),
      createRedisStore({ clusterNodes: node ? [node] : [], prefix: randomPrefix() }),
    ];
    for (const store of stores) {
      expect(await store.addUser(randomName('user'), { whitelistOnly: false, whitelist: [], blacklist: [] })).toBe(true);
      await store.close();
      expect(store.client.status).toBe('end');
    }
    expect(stores[3]?.client).toBeInstanceOf(Cluster);
    expect(stores[0]?.client).toBeInstanceOf(Redis);
  });

  it('refuses an ioredis keyPrefix and a prefix with braces, naming the option to use', () => {
    expect(() => createRedisStore({ url: inject('redisUrl'), redisOptions: { keyPrefix: 'x:' } })).toThrow(/"prefix" option/);
    expect(() => createRedisStore({ url: inject('redisUrl'), prefix: '{x}' })).toThrow(/"prefix" option/);
    expect(() => createRedisStore({ useCluster: true })).toThrow(/clusterNodes/);
  });

  it('logs bus handler errors to its logger at error when no onError is given', async () => {
    const logError = vi.fn();
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: logError };
    const prefix = randomPrefix();
    const store = await tuned(openStore({ url: inject('redisUrl'), prefix, logger }));
    const publisher = openStore({ url: inject('redisUrl'), prefix });
    await publisher.listen('pub');
    const bug = new Error('handler bug');
    store.onMessage(() => {
      throw bug;
    });
    await publisher.publish(GLOBAL, custom('ping'));
    await vi.waitFor(
      () => {
        expect(logError).toHaveBeenCalledWith('[store-redis] redis error', { error: bug });
      },
      { timeout: 5000, interval: 20 },
    );
  });
});
