/**
 * Redis-only behaviour, on a single node and on a six-node cluster: hash-slot
 * co-location, key prefixes, atomicity of the scripts under concurrency,
 * Buffers, the bus (sharded on the cluster) and complete key removal.
 */
import { Buffer } from 'node:buffer';
import type { RoomInit } from '@chat-service/core';
import { appendedId, roomInit as contractRoomInit } from '@chat-service/core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createKeySpace } from '../src/index.js';
import type { RedisStore } from '../src/index.js';
import { custom, GLOBAL, openOn, openStore, randomName, randomPrefix, setups, tuned, usePrefix } from './setups.js';

/** Bus delivery and TTLs are asynchronous: poll, with room for a loaded machine. */
const WAIT = { timeout: 5000, interval: 20 };

// A room's history keeps 100 messages here (the contract suites' default is 10).
const roomInit = (patch: Partial<RoomInit> = {}): RoomInit => contractRoomInit({ historyMaxSize: 100, ...patch });

/** Every key under a pattern, on every master of a cluster or on the single node. */
async function keysMatching(store: RedisStore, pattern: string): Promise<string[]> {
  const client = store.client;
  const nodes = client.isCluster && 'nodes' in client ? client.nodes('master') : [client];
  const found = await Promise.all(nodes.map((node) => node.keys(pattern)));
  return found.flat();
}

/** Escapes glob characters for KEYS patterns. */
const glob = (text: string): string => text.replace(/[*?[\]\\{}]/g, (c) => `\\${c}`);

describe.each(setups)('store-redis on $name', (setup) => {
  const open = (prefix = randomPrefix()): RedisStore => openOn(setup, prefix);

  it('allocates history ids exactly once and trims under concurrent appends from two clients', async () => {
    const prefix = randomPrefix();
    const [a, b] = [open(prefix), open(prefix)];
    const room = randomName('room');
    expect(await a.addRoom(room, roomInit({ historyMaxSize: 20 }))).toBe(true);
    const ids = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => appendedId(await (i % 2 === 0 ? a : b).roomHistoryAppend(room, { author: `u${String(i)}`, timestamp: i, text: String(i) }))),
    );
    expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await b.roomHistoryInfo(room)).toEqual({ historySize: 20, historyMaxSize: 20, lastMessageId: 50, epoch: expect.any(String) as unknown });
    const recent = await a.roomHistoryRecent(room, 100);
    expect(recent.map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, i) => 50 - i));
    expect((await a.roomHistoryGet(room, 30, 5)).map((m) => m.id)).toEqual([35, 34, 33, 32, 31]);
    expect((await a.roomHistoryGet(room, 0, 10)).map((m) => m.id)).toEqual([]);
    expect((await a.roomHistoryGet(room, 25, 10)).map((m) => m.id)).toEqual([35, 34, 33, 32, 31]);
  });

  it('keeps the epoch in the room\'s historyinfo hash; a room stored without one gets one on its first read', async () => {
    const prefix = randomPrefix();
    const store = open(prefix);
    const room = randomName('room');
    await store.addRoom(room, roomInit());
    const key = createKeySpace(prefix).room(room, 'historyinfo');
    const { epoch } = await store.roomHistoryInfo(room);
    expect(await store.client.hget(key, 'epoch')).toBe(epoch);
    await store.client.hdel(key, 'epoch');
    const made = (await store.roomHistoryInfo(room)).epoch;
    expect(made).not.toBe('');
    expect(made).not.toBe(epoch);
    expect((await store.roomHistoryInfo(room)).epoch).toBe(made);
  });

  it('never exceeds a list limit under concurrent adds', async () => {
    const prefix = randomPrefix();
    const [a, b] = [open(prefix), open(prefix)];
    const room = randomName('room');
    await a.addRoom(room, roomInit());
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).roomListAdd(room, 'whitelist', [`user${String(i)}`], 10)));
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(await b.roomListGet(room, 'whitelist')).toHaveLength(10);
    const user = randomName('user');
    await a.ensureUser(user);
    const direct = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).directListAdd(user, 'blacklist', [`x${String(i)}`, `y${String(i)}`], 7)));
    expect(direct.filter(Boolean)).toHaveLength(3);
    expect(await a.directListGet(user, 'blacklist')).toHaveLength(6);
  });

  it('counts joined sockets consistently under concurrent joins and leaves', async () => {
    const prefix = randomPrefix();
    const [a, b] = [open(prefix), open(prefix)];
    const [user, room] = [randomName('user'), randomName('room')];
    const sockets = Array.from({ length: 20 }, (_, i) => `s${String(i)}`);
    await Promise.all(sockets.map((id, i) => (i % 2 ? a : b).addUserSocket(user, id, i % 2 ? 'A' : 'B')));
    const joins = await Promise.all(sockets.map((id, i) => (i % 2 ? a : b).addSocketToRoom(user, id, room)));
    expect(joins.map((j) => j.njoined).sort((x, y) => x - y)).toEqual(sockets.map((_, i) => i + 1));
    const leaves = await Promise.all(sockets.slice(0, 10).map((id, i) => (i % 2 ? a : b).removeSocketFromRoom(user, id, room)));
    expect(leaves.map((l) => l.njoined).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
    expect((await a.removeUserSocketsFromRoom(user, room)).sort()).toEqual(sockets.slice(10).sort());
    expect(await a.countUserSockets(user)).toBe(20);
  });

  it('keeps Buffers, odd field names and braces through history and the bus', async () => {
    const prefix = randomPrefix();
    const store = open(prefix);
    const room = randomName('room');
    await store.addRoom(room, roomInit());
    const message = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    Object.assign(message, { textMessage: '{tag} "quoted" \u00e9', author: '}{', timestamp: 5, nested: { bin: Buffer.from([0, 1, 255]), list: [Buffer.from('hi')] }, empty: {} });
    expect(await store.roomHistoryAppend(room, { ...message, id: 999, timestamp: 5 })).toEqual({ kind: 'appended', id: 1 });
    const [stored] = await store.roomHistoryRecent(room, 1);
    expect(stored).toEqual({ ...message, id: 1 });
    expect(Buffer.isBuffer((stored?.['nested'] as { bin: unknown }).bin)).toBe(true);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.keys(stored ?? {})).toContain('__proto__');
    expect(await store.roomHistoryAppend(room, { timestamp: 1 })).toEqual({ kind: 'appended', id: 2 });
    expect(await store.roomHistoryGet(room, 1, 1)).toEqual([{ id: 2, timestamp: 1 }]);

    await tuned(store);
    const received = vi.fn();
    store.onMessage(received);
    await store.publish(GLOBAL, custom('bin', Buffer.from([9, 8]), { b: Buffer.from('x') }, '__proto__'));
    await vi.waitFor(() => {
      expect(received).toHaveBeenCalledWith(custom('bin', Buffer.from([9, 8]), { b: Buffer.from('x') }, '__proto__'), GLOBAL);
    }, WAIT);
  });

  it('isolates stores with different prefixes', async () => {
    const [a, b] = [open(), open()];
    const room = randomName('room');
    expect(await a.addRoom(room, roomInit())).toBe(true);
    expect(await b.hasRoom(room)).toBe(false);
    expect(await b.addRoom(room, roomInit({ owner: 'bob' }))).toBe(true);
    expect(await a.roomOwnerGet(room)).toBeNull();
    await Promise.all([tuned(a), tuned(b)]);
    const [heardA, heardB] = [vi.fn(), vi.fn()];
    a.onMessage(heardA);
    b.onMessage(heardB);
    await a.publish(GLOBAL, custom('a'));
    await b.publish(GLOBAL, custom('b'));
    await vi.waitFor(() => {
      expect(heardA).toHaveBeenCalledWith(custom('a'), GLOBAL);
      expect(heardB).toHaveBeenCalledWith(custom('b'), GLOBAL);
    }, WAIT);
    expect(heardA).toHaveBeenCalledTimes(1);
    expect(heardB).toHaveBeenCalledTimes(1);
  });

  it('delivers bus messages between two stores, also after one closes', async () => {
    const prefix = randomPrefix();
    const [a, b] = [open(prefix), open(prefix)];
    const [c] = [open(prefix)];
    await Promise.all([tuned(a), tuned(b), tuned(c)]);
    const [heardA, heardB] = [vi.fn(), vi.fn()];
    const stopA = a.onMessage(heardA);
    b.onMessage(heardB);
    await c.publish(GLOBAL, custom('hello', 1, 'two', { three: [3] }, null));
    await vi.waitFor(() => {
      expect(heardA).toHaveBeenCalledWith(custom('hello', 1, 'two', { three: [3] }, null), GLOBAL);
      expect(heardB).toHaveBeenCalledWith(custom('hello', 1, 'two', { three: [3] }, null), GLOBAL);
    }, WAIT);
    stopA();
    await a.close();
    await a.close();
    await c.publish(GLOBAL, custom('after'));
    await vi.waitFor(() => {
      expect(heardB).toHaveBeenCalledWith(custom('after'), GLOBAL);
    }, WAIT);
    expect(heardA).toHaveBeenCalledTimes(1);
  });

  it('handles names that are not valid room or user names as opaque strings', async () => {
    const store = open();
    for (const name of ['', '}', '{', 'a}b{c', '%7B', '%', '__proto__', 'x:y']) {
      expect(await store.addUser(name, { whitelistOnly: true, whitelist: ['w'], blacklist: [] })).toBe(true);
      expect(await store.addUser(name, { whitelistOnly: false, whitelist: [], blacklist: [] })).toBe(false);
      expect(await store.directAccess(name, 'w')).toEqual({ inBlacklist: false, inWhitelist: true, whitelistOnly: true });
      expect(await store.addUserSocket(name, `{${name}}`, 'i')).toBe(1);
      expect(await store.addSocketToRoom(name, `{${name}}`, `r${name}`)).toEqual({ njoined: 1, changed: true });
      expect(await store.getUserSockets(name)).toEqual([{ id: `{${name}}`, instanceUID: 'i', rooms: [`r${name}`] }]);
      expect(await store.addRoom(name, roomInit({ owner: name, adminlist: ['__proto__'] }))).toBe(true);
      expect(await store.roomAccess(name, '__proto__')).toMatchObject({ owner: name, isAdmin: true });
    }
    expect(await store.hasUser('%25')).toBe(false);
    expect(await store.hasRoom('%7b')).toBe(false);
  });

  it('creates rooms and users with lists longer than the Lua stack', async () => {
    const store = open();
    const names = Array.from({ length: 12_000 }, (_, i) => `n${String(i)}`);
    const room = randomName('room');
    expect(await store.addRoom(room, roomInit({ whitelist: names }))).toBe(true);
    expect(await store.roomListGet(room, 'whitelist')).toHaveLength(12_000);
    expect(await store.roomListAdd(room, 'blacklist', names, 12_000)).toBe(true);
    expect(await store.roomListGet(room, 'blacklist')).toHaveLength(12_000);
    const user = randomName('user');
    expect(await store.addUser(user, { whitelistOnly: false, whitelist: names, blacklist: [] })).toBe(true);
    expect(await store.directListGet(user, 'whitelist')).toHaveLength(12_000);
  });

  it('removes every key of a deleted room and of a deleted user', async () => {
    const prefix = randomPrefix();
    const store = open(prefix);
    const keys = createKeySpace(prefix);
    const [room, user] = [randomName('room'), randomName('user')];
    await store.addRoom(room, roomInit({ owner: user, adminlist: ['a'], whitelist: ['w'], blacklist: ['b'] }));
    await store.roomUserlistAdd(room, user, 1);
    await store.roomUserlistRemove(room, user, 2);
    await store.roomUserlistAdd(room, user, 3);
    await store.roomHistoryAppend(room, { timestamp: 1 });
    await store.markRoomDeleting(room);
    expect(await store.hasRoom(room)).toBe(false);
    expect(await store.roomAccess(room, user)).toBeNull();
    expect(await store.addRoom(room, roomInit())).toBe(false);
    await store.deleteRoom(room);
    expect(await keysMatching(store, `${glob(keys.room(room, 'state').replace(/:state$/, ''))}*`)).toEqual([]);
    // late writes do not resurrect it
    await store.roomModeSet(room, true);
    await store.roomListAdd(room, 'whitelist', ['x'], 10);
    await store.roomUserlistAdd(room, user, 4);
    await store.roomHistoryMaxSizeSet(room, 3);
    expect(await store.roomHistoryAppend(room, { timestamp: 1 })).toEqual({ kind: 'noRoom' });
    expect(await keysMatching(store, `${glob(prefix)}:rooms:*`)).toEqual([]);

    await store.addUser(user, { whitelistOnly: true, whitelist: ['w'], blacklist: ['b'] });
    await store.addUserSocket(user, 's1', 'i');
    await store.addSocketToRoom(user, 's1', 'r1');
    await store.addSocketToRoom(user, 'ghost', 'r2');
    await store.deleteUser(user);
    expect(await store.hasUser(user)).toBe(false);
    expect(await keysMatching(store, `${glob(prefix)}:users:*`)).toEqual([]);
  });

  it('takes and releases locks by token', async () => {
    const store = open();
    const token = await store.lockAcquire('user:room', 10_000);
    expect(token).toEqual(expect.any(String));
    expect(await store.lockAcquire('user:room', 10_000)).toBeNull();
    await store.lockRelease('user:room', 'not-the-token');
    expect(await store.lockAcquire('user:room', 10_000)).toBeNull();
    await store.lockRelease('user:room', token ?? '');
    const again = await store.lockAcquire('user:room', 50);
    expect(again).not.toBeNull();
    await vi.waitFor(async () => {
      expect(await store.lockAcquire('user:room', 50)).not.toBeNull();
    }, WAIT);
  });
});

describe('store-redis on the cluster', () => {
  const [, cluster] = setups;
  if (!cluster) throw new Error('no cluster setup');

  it('keeps each room\'s keys and each user\'s keys in one hash slot', async () => {
    const prefix = randomPrefix();
    const store = openOn(cluster, prefix);
    const keys = createKeySpace(prefix);
    const slot = async (key: string): Promise<unknown> => store.client.cluster('KEYSLOT', key);
    for (const name of ['lobby', 'a b', '%', '', 'x}y', '{z']) {
      const roomSlots = await Promise.all(['state', 'adminlist', 'whitelist', 'blacklist', 'userlist', 'seen', 'historyinfo', 'history'].map((k) => slot(keys.room(name, k as 'state'))));
      expect(new Set(roomSlots).size).toBe(1);
      const userKeys = [
        ...(['state', 'whitelist', 'blacklist', 'sockets', 'rooms'] as const).map((k) => keys.user(name, k)),
        keys.userSocketRooms(name, 'sock{1}'),
        keys.userRoomSockets(name, '{room}'),
      ];
      const userSlots = await Promise.all(userKeys.map(slot));
      expect(new Set(userSlots).size).toBe(1);
      const instanceSlots = await Promise.all([keys.instanceSockets(name), keys.instanceHeartbeat(name)].map(slot));
      expect(new Set(instanceSlots).size).toBe(1);
    }
  });

  /** Subscriber counts of a channel summed over the masters: [sharded, classic]. */
  const subscriberCounts = async (store: RedisStore, channel: string): Promise<[number, number]> => {
    const masters = store.client.isCluster && 'nodes' in store.client ? store.client.nodes('master') : [];
    const counts = await Promise.all(
      masters.map(async (node) => {
        const [, sharded] = (await node.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number];
        const [, classic] = (await node.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
        return [sharded, classic] as const;
      }),
    );
    return [counts.reduce((n, [x]) => n + x, 0), counts.reduce((n, [, y]) => n + y, 0)];
  };

  it('uses sharded pub/sub for the bus', async () => {
    const prefix = randomPrefix();
    const store = openOn(cluster, prefix);
    await tuned(store);
    const room = { kind: 'room', name: 'lobby' } as const;
    await store.subscribe(room);
    const keys = createKeySpace(prefix);
    expect(await subscriberCounts(store, keys.busChannel(GLOBAL))).toEqual([1, 0]);
    expect(await subscriberCounts(store, keys.busChannel(room))).toEqual([1, 0]);
    await store.unsubscribe(room);
    expect(await subscriberCounts(store, keys.busChannel(room))).toEqual([0, 0]);
  });

  it('falls back to classic pub/sub with shardedPubSub: false', async () => {
    const prefix = usePrefix(cluster, randomPrefix());
    const [a, b] = [0, 1].map(() => openStore({ ...cluster.connection(), prefix, shardedPubSub: false }));
    if (!a || !b) throw new Error('unreachable');
    await Promise.all([tuned(a), tuned(b)]);
    // (classic subscriptions are counted only on the node, maybe a replica, each subscriber chose)
    const [sharded] = await subscriberCounts(a, createKeySpace(prefix).busChannel(GLOBAL));
    expect(sharded).toBe(0);
    const heard = vi.fn();
    b.onMessage(heard);
    await a.publish(GLOBAL, custom('classic', Buffer.from([1])));
    await vi.waitFor(() => {
      expect(heard).toHaveBeenCalledWith(custom('classic', Buffer.from([1])), GLOBAL);
    }, WAIT);
  });
});
