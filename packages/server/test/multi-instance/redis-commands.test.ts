/**
 * One round trip per room message on Redis (issue 11): the membership check,
 * the append, the trim and the publish of the notification run in one script,
 * the publish only when another instance listens on the room, and the
 * instance that sent a message never decodes it again. One round trip
 * per history page too: the reader's standing and the page are one script. Counted with
 * `INFO commandstats` on a Redis server of the test's own (commands run
 * inside the script count too).
 */
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startRedisServer } from '@chat-service/test-support/redis-servers';
import { ChatService } from '../../src/index.js';
import { AUTH, connectTo } from '../helpers/instances.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';

/** Calls per command since the last CONFIG RESETSTAT, INFO and CONFIG left out. */
async function commandCalls(probe: Redis): Promise<Record<string, number>> {
  const info = await probe.info('commandstats');
  const calls: Record<string, number> = {};
  for (const [, name, n] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (name && n && !name.startsWith('info') && !name.startsWith('config')) calls[name] = Number(n);
  }
  return calls;
}

/**
 * A Redis server of the test's own, a probe client on it, and a socket.io service on it with room
 * `room1`, which user1 (logged in) has joined; all stopped after the test.
 */
async function startOnRedis(options: Record<string, unknown> = {}) {
  const server = await startRedisServer();
  onTestFinished(() => server.stop());
  const probe = new Redis(server.url);
  onTestFinished(() => {
    probe.disconnect();
  });
  const start = async (): Promise<{ service: ChatService; port: number }> => {
    const service = new ChatService({ transport: 'socket.io', port: 0, state: 'redis', stateOptions: { url: server.url }, ...options }, AUTH);
    onTestFinished(() => service.close());
    await service.whenReady();
    return { service, port: ((service.transport.getServer() as Server).httpServer.address() as AddressInfo).port };
  };
  const { service, port } = await start();
  await service.addRoom('room1');
  const client = await connectTo(port, 'user1');
  expect(await client.call('roomJoin', 'room1')).toEqual([null, 1]);
  return { probe, service, port, client, start };
}

describe('Redis commands per room message', () => {
  // historyMaxSize 5 after 5 messages: every append trims; 100: none does.
  it.each([
    { history: 'full', historyMaxSize: 5, listener: false },
    { history: 'not full', historyMaxSize: 100, listener: false },
    { history: 'full', historyMaxSize: 5, listener: true },
    { history: 'not full', historyMaxSize: 100, listener: true },
  ])(
    'one EVALSHA per message, at most 6 commands in all with the history $history, another instance in the room: $listener, the sender decodes nothing',
    async ({ historyMaxSize, listener }) => {
      const { probe, service, client, start } = await startOnRedis({ historyMaxSize });
      // a second instance with a socket in the room listens on its channel
      const other = listener ? await start() : undefined;
      const watcher = other ? await connectTo(other.port, 'user2') : undefined;
      if (watcher) expect(await watcher.call('roomJoin', 'room1')).toEqual([null, 1]);
      for (let i = 0; i < 5; i++) await client.call('roomMessage', 'room1', { textMessage: 'warm' });
      const received = service.busTraffic.received.room;

      await probe.config('RESETSTAT');
      const n = 20;
      for (let i = 0; i < n; i++) expect((await client.call('roomMessage', 'room1', { textMessage: String(i) }))[0]).toBeNull();
      const calls = await commandCalls(probe);

      // one round trip: a single EVALSHA per message and no other command from the client; no PUBLISH nobody hears
      const writes = { evalsha: n, hmget: n, sismember: n, hset: n, [historyMaxSize > 5 + n ? 'rpush' : 'lset']: n };
      expect(calls).toEqual(listener ? { ...writes, publish: n } : writes);
      const total = Object.values(calls).reduce((sum, c) => sum + c, 0);
      expect(total / n).toBeLessThanOrEqual(6);
      expect(service.busTraffic.received.room).toBe(received);
      const messages: unknown[] = [];
      for (let i = 0; i < 5 + n; i++) messages.push((await client.next('roomMessage'))[1]);
      expect(messages).toEqual(Array.from({ length: 5 + n }, (_, i): unknown => expect.objectContaining({ id: i + 1 })));
      if (watcher) {
        const watched: unknown[] = [];
        for (let i = 0; i < 5 + n; i++) watched.push((await watcher.next('roomMessage'))[1]);
        expect(watched).toEqual(messages);
      }
      const info = await service.execUserCommand(true, 'roomHistoryInfo', 'room1');
      expect(info).toEqual([expect.objectContaining({ historySize: Math.min(5 + n, historyMaxSize), lastMessageId: 5 + n })]);
    },
  );

  it('one EVALSHA per roomHistoryGet page: the standing and the page in one script', async () => {
    const { probe, port, client } = await startOnRedis();
    for (let i = 0; i < 30; i++) await client.call('roomMessage', 'room1', { textMessage: String(i) });
    const outsider = await connectTo(port, 'user2');
    // the first call of a script on a connection loads it (EVAL)
    expect((await client.call('roomHistoryGet', 'room1', 0, 1))[0]).toBeNull();

    await probe.config('RESETSTAT');
    const n = 10;
    for (let i = 0; i < n; i++) {
      const [error, page] = await client.call('roomHistoryGet', 'room1', i, 5);
      expect(error).toBeNull();
      expect((page as { id: number }[]).map((m) => m.id)).toEqual([i + 5, i + 4, i + 3, i + 2, i + 1]);
    }
    // the errors of the standing come from the same one call
    expect(await outsider.call('roomHistoryGet', 'room1', 0, 5)).toEqual(['ChatServiceError: Not joined to room room1', null]);
    const [noRoom] = await client.call('roomHistoryGet', 'nowhere', 0, 5);
    expect(String(noRoom)).toMatch(/^ChatServiceError: .*nowhere/);
    const calls = await commandCalls(probe);
    // the missing room reads its state hash only
    expect(calls).toEqual({ evalsha: n + 2, hmget: 2 * (n + 1) + 1, sismember: 4 * (n + 1), lrange: n + 1 });
  });
});
