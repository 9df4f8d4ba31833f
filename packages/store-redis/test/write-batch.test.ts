/**
 * The commands the store issues in one turn of the event loop (scripts, bus
 * publications and plain commands) leave in one socket write (the connection is corked until `setImmediate`), and their
 * replies still come back to the right callers. The room messages of one turn
 * are one script call, each message with its own outcome, in issue order with
 * the other commands.
 */
import type { Socket } from 'node:net';
import { appendedId, roomInit } from '@chat-service/core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { isCluster } from '../src/client.js';
import { openOn, randomName, setups } from './setups.js';
import type { RedisStore } from '../src/index.js';

const ROOM = roomInit({ owner: 'admin' });

const single = setups.filter((setup) => setup.name === 'single node');

/** Spies on the two ways a single-node store's connection writes to its socket, from now on. */
function spyOnConnection(store: RedisStore) {
  const client = store.client;
  if (isCluster(client)) throw new Error('single node expected');
  const stream: Socket = client.stream;
  return { client, single: vi.spyOn(stream, '_write'), many: vi.spyOn(stream, '_writev') };
}

/** What the spies saw: one `writev` of `commands` commands, nothing else. */
function expectOneWrite({ single, many }: ReturnType<typeof spyOnConnection>, commands: number): void {
  expect(single).not.toHaveBeenCalled();
  expect(many).toHaveBeenCalledTimes(1);
  expect(many.mock.calls[0]?.[0]).toHaveLength(commands);
}

describe.each(single)('store-redis write batching on $name', (setup) => {
  it('sends the scripts of one turn in one write, in order', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const rooms = Array.from({ length: 20 }, (_, i) => randomName(`r${String(i)}`));
    await Promise.all(rooms.map((room) => store.addRoom(room, ROOM)));
    await Promise.all(rooms.map((room, i) => store.roomHistoryMaxSizeSet(room, i + 1)));
    const writes = spyOnConnection(store);
    const infos = await Promise.all(rooms.map((room) => store.roomHistoryInfo(room)));
    expect(infos.map((info) => info.historyMaxSize)).toEqual(rooms.map((_, i) => i + 1));
    expectOneWrite(writes, rooms.length);
  });

  it("sends the plain commands of one turn (its logins' HSETNX and HSET) in one write, in order with the scripts", async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const writes = spyOnConnection(store);
    const users = Array.from({ length: 10 }, (_, i) => randomName(`u${String(i)}`));
    const instance = randomName('instance');
    await Promise.all(users.flatMap((user, i) => [store.ensureUser(user), store.addInstanceSocket(instance, `s${String(i)}`, user)]));
    expectOneWrite(writes, 2 * users.length);
    expect(Object.keys(await store.getInstanceSockets(instance))).toHaveLength(users.length);
    expect(await Promise.all(users.map((user) => store.hasUser(user)))).toEqual(users.map(() => true));
  });

  it('sends the bus publications of one turn in the same write as the scripts', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const writes = spyOnConnection(store);
    const topic = { kind: 'room', name: randomName('room') } as const;
    const message = { kind: 'custom', origin: 'self', event: 'e', args: [] } as const;
    await Promise.all([store.publish(topic, message), store.roomHistoryInfo(randomName('missing')), store.publish(topic, message)]);
    expectOneWrite(writes, 3);
  });

  it('sends the room messages of one turn as one script call, each with its own outcome', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const rooms = Array.from({ length: 3 }, (_, i) => randomName(`r${String(i)}`));
    await Promise.all(rooms.map((room) => store.addRoom(room, ROOM)));
    await store.roomUserlistAdd(rooms[0] ?? '', 'alice', 1);
    const client = store.client;
    if (isCluster(client)) throw new Error('single node expected');
    // not a hash: that message's HMGET fails, the others go on
    const broken = randomName('broken');
    await store.addRoom(broken, ROOM);
    await client.set(store.prefix + ':rooms:{' + broken + '}:historyinfo', 'x');
    const many = vi.spyOn(client.stream, '_writev');
    const single = vi.spyOn(client.stream, '_write');
    const sent = vi.spyOn(client, 'sendCommand');
    const [first, second, missing, notJoined, failed, third] = await Promise.allSettled([
      store.roomHistoryAppend(rooms[0] ?? '', { timestamp: 1, text: 'a' }, 'alice'),
      store.roomHistoryAppend(rooms[0] ?? '', { timestamp: 1, text: 'b' }, 'alice', { origin: 'self' }),
      store.roomHistoryAppend(randomName('missing'), { timestamp: 1, text: 'c' }),
      store.roomHistoryAppend(rooms[1] ?? '', { timestamp: 1, text: 'd' }, 'bob'),
      store.roomHistoryAppend(broken, { timestamp: 1, text: 'e' }),
      store.roomHistoryAppend(rooms[2] ?? '', { timestamp: 3 }),
    ]);
    expect(first).toEqual({ status: 'fulfilled', value: { kind: 'appended', id: 1 } });
    expect(second).toEqual({ status: 'fulfilled', value: { kind: 'appended', id: 2 } });
    expect(missing).toEqual({ status: 'fulfilled', value: { kind: 'noRoom' } });
    expect(notJoined).toEqual({ status: 'fulfilled', value: { kind: 'notJoined' } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('WRONGTYPE') as unknown } });
    expect(third).toEqual({ status: 'fulfilled', value: { kind: 'appended', id: 1 } });
    expect(sent).toHaveBeenCalledTimes(1);
    expect(many.mock.calls.length + single.mock.calls.length).toBe(1);
    expect(await store.roomHistoryRecent(rooms[0] ?? '', 10)).toEqual([{ id: 2, timestamp: 1, text: 'b' }, { id: 1, timestamp: 1, text: 'a' }]);
    expect(await store.roomHistoryRecent(rooms[2] ?? '', 10)).toEqual([{ id: 1, timestamp: 3 }]);
  });

  it("sends a turn's room messages published for another origin in a call of their own, after the first", async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const room = randomName('room');
    await store.addRoom(room, ROOM);
    const client = store.client;
    if (isCluster(client)) throw new Error('single node expected');
    const sent = vi.spyOn(client, 'sendCommand');
    const ids = await Promise.all([
      store.roomHistoryAppend(room, { timestamp: 1, text: 'a' }),
      store.roomHistoryAppend(room, { timestamp: 1, text: 'b' }, undefined, { origin: 'one' }),
      store.roomHistoryAppend(room, { timestamp: 1, text: 'c' }),
      store.roomHistoryAppend(room, { timestamp: 1, text: 'd' }, undefined, { origin: 'two' }),
      store.roomHistoryAppend(room, { timestamp: 1, text: 'e' }, undefined, { origin: 'two' }),
    ]);
    expect(ids.map(appendedId)).toEqual([1, 2, 3, 4, 5]);
    // each call names its publisher once, after the keys: three arguments (mode, origin, prefix) before the messages'
    const origins = sent.mock.calls.map(([command]) => {
      const args = command.args.map(String);
      const keys = Number(args[1]);
      return [args[2 + keys + 1], (args.length - 2 - keys - 3) / 2];
    });
    expect(origins).toEqual([['one', 3], ['two', 2]]);
  });

  it('sends held room messages before a command issued after them', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const room = randomName('room');
    await store.addRoom(room, ROOM);
    await store.roomUserlistAdd(room, 'alice', 1);
    const appended = store.roomHistoryAppend(room, { timestamp: 1, text: 'a' }, 'alice');
    const left = store.roomUserlistRemove(room, 'alice', 2);
    const late = store.roomHistoryAppend(room, { timestamp: 1, text: 'b' }, 'alice');
    expect(appendedId(await appended)).toBe(1);
    await left;
    expect(await late).toEqual({ kind: 'notJoined' });
  });
});
