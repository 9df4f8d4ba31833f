/**
 * Fault injection: the Redis server the store talks to is killed and started
 * again on the same port (without persistence, so its data is gone). The
 * store's commands, scripts (reloaded after NOSCRIPT) and bus subscription
 * resume by themselves; a room made again there has a new history epoch.
 */
import { roomInit } from '@chat-service/core/contracts';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startRedisServer } from '@chat-service/test-support/redis-servers';
import { custom, GLOBAL, openStore, randomName, randomPrefix, tuned } from './setups.js';

const ROOM = roomInit({ owner: 'owner' });

describe('store-redis after a Redis restart', () => {
  it('resumes commands, scripts and bus delivery', async () => {
    const server = await startRedisServer();
    onTestFinished(() => server.stop());
    const store = openStore({ url: server.url, prefix: randomPrefix() });
    const room = randomName('room');
    expect(await store.addRoom(room, ROOM)).toBe(true);
    expect(await store.roomHistoryAppend(room, { timestamp: 1 })).toEqual({ kind: 'appended', id: 1 });
    const { epoch } = await store.roomHistoryInfo(room);
    await tuned(store);
    const heard = vi.fn();
    store.onMessage(heard);

    await server.kill();
    const restarted = await startRedisServer({ port: server.port });
    onTestFinished(() => restarted.stop());

    await vi.waitFor(async () => {
      expect(await store.addRoom(room, ROOM)).toBe(true);
    }, { timeout: 10_000, interval: 100 });
    expect(await store.roomHistoryAppend(room, { timestamp: 2 })).toEqual({ kind: 'appended', id: 1 });
    // The same ids again, in a new epoch: a client can tell the histories apart.
    expect(await store.roomHistoryInfo(room)).toMatchObject({ lastMessageId: 1, epoch: expect.not.stringMatching(`^(${epoch})?$`) as unknown });
    expect(await store.roomAccess(room, 'owner')).toMatchObject({ owner: 'owner' });
    await vi.waitFor(async () => {
      await store.publish(GLOBAL, custom('back'));
      expect(heard).toHaveBeenCalledWith(custom('back'), GLOBAL);
    }, { timeout: 10_000, interval: 100 });
  });

  it('rejects while the server is down instead of hanging forever, and closes cleanly', async () => {
    const server = await startRedisServer();
    onTestFinished(() => server.stop());
    const store = openStore({ url: server.url, prefix: randomPrefix(), redisOptions: { maxRetriesPerRequest: 1 } });
    await store.listen('self');
    await server.kill();
    await expect(store.hasRoom('x')).rejects.toThrow();
    await store.close();
    await store.close();
  });
});
