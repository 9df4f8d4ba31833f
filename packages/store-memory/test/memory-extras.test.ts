import { roomInit } from '@chat-service/core/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { BusMessage, BusTopic, StoredMessage } from '@chat-service/core';
import { createMemoryBacking, createMemoryStore } from '../src/index.js';
import type { MemoryStore } from '../src/index.js';

const ROOM = roomInit();
const TOPIC: BusTopic = { kind: 'global' };

/** A custom bus message from instance `pub`. */
function custom(...args: unknown[]): BusMessage {
  return { kind: 'custom', origin: 'pub', event: 'e', args };
}

/** Listens as instance `self` on the test topic. */
async function tuned(store: MemoryStore, self = 'sub'): Promise<MemoryStore> {
  await store.listen(self);
  await store.subscribe(TOPIC);
  return store;
}

describe('memory store: backings', () => {
  it('stores without a backing are isolated from each other', async () => {
    const [a, b] = [createMemoryStore(), createMemoryStore()];
    await a.addRoom('lobby', ROOM);
    await a.ensureUser('alice');
    expect(await b.hasRoom('lobby')).toBe(false);
    expect(await b.hasUser('alice')).toBe(false);
    expect(a.backing).not.toBe(b.backing);
  });

  it('two backings share neither state nor bus; one backing shares both', async () => {
    const [one, two] = [createMemoryBacking(), createMemoryBacking()];
    const [a1, a2, b1] = [createMemoryStore({ backing: one }), createMemoryStore({ backing: one }), createMemoryStore({ backing: two })];
    expect(a1.backing).toBe(one);
    await a1.addRoom('lobby', ROOM);
    expect(await a2.hasRoom('lobby')).toBe(true);
    expect(await b1.hasRoom('lobby')).toBe(false);
    expect(await b1.addRoom('lobby', ROOM)).toBe(true);
    const [onA2, onB1] = [vi.fn(), vi.fn()];
    await Promise.all([tuned(a2), tuned(b1)]);
    a2.onMessage(onA2);
    b1.onMessage(onB1);
    await a1.publish(TOPIC, custom(1));
    expect(onA2).toHaveBeenCalledWith(custom(1), TOPIC);
    expect(onB1).not.toHaveBeenCalled();
  });

  it('rejects a backing it did not create', () => {
    expect(() => createMemoryStore({ backing: { kind: 'memory-backing' } })).toThrow(/createMemoryBacking/);
  });

  it('close of one store leaves the shared state usable by the others', async () => {
    const backing = createMemoryBacking();
    const [a, b] = [createMemoryStore({ backing }), createMemoryStore({ backing })];
    await a.addRoom('lobby', ROOM);
    await a.close();
    expect(await b.hasRoom('lobby')).toBe(true);
  });
});

describe('memory store: copies in and out', () => {
  it('returned arrays are copies', async () => {
    const store = createMemoryStore();
    await store.addUser('alice', { whitelistOnly: false, whitelist: ['bob'], blacklist: [] });
    (await store.directListGet('alice', 'whitelist')).push('mallory');
    expect(await store.directListGet('alice', 'whitelist')).toEqual(['bob']);

    await store.addRoom('lobby', { ...ROOM, adminlist: ['admin'] });
    await store.roomUserlistAdd('lobby', 'alice', 1);
    (await store.roomListGet('lobby', 'adminlist')).push('mallory');
    (await store.roomListGet('lobby', 'userlist')).length = 0;
    expect(await store.roomListGet('lobby', 'adminlist')).toEqual(['admin']);
    expect(await store.roomListGet('lobby', 'userlist')).toEqual(['alice']);

    await store.addUserSocket('alice', 's1', 'i1');
    await store.addSocketToRoom('alice', 's1', 'lobby');
    const [socket] = await store.getUserSockets('alice');
    socket?.rooms.push('other');
    expect((await store.getUserSockets('alice'))[0]?.rooms).toEqual(['lobby']);
    const removal = await store.removeUserSocket('alice', 'nobody');
    removal.roomsRemoved.push('x');
    expect((await store.removeUserSocket('alice', 'nobody')).roomsRemoved).toEqual([]);

    await store.addInstanceSocket('i1', 's1', 'alice');
    const registry = await store.getInstanceSockets('i1');
    registry['s2'] = 'mallory';
    expect(await store.getInstanceSockets('i1')).toEqual({ s1: 'alice' });

    const info = await store.roomHistoryInfo('lobby');
    info.lastMessageId = 99;
    expect((await store.roomHistoryInfo('lobby')).lastMessageId).toBe(0);
    const notifications = await store.roomNotificationsGet('lobby');
    notifications.enableUserlistUpdates = true;
    expect((await store.roomNotificationsGet('lobby')).enableUserlistUpdates).toBe(false);
  });

  it('init lists are copied in', async () => {
    const store = createMemoryStore();
    const whitelist = ['bob'];
    await store.addUser('alice', { whitelistOnly: false, whitelist, blacklist: [] });
    const adminlist = ['admin'];
    await store.addRoom('lobby', { ...ROOM, adminlist });
    whitelist.push('mallory');
    adminlist.push('mallory');
    expect(await store.directListGet('alice', 'whitelist')).toEqual(['bob']);
    expect(await store.roomListGet('lobby', 'adminlist')).toEqual(['admin']);
  });

  it('messages are copied in and out; Buffers stay Buffers', async () => {
    const store = createMemoryStore();
    await store.addRoom('lobby', ROOM);
    const bin = Buffer.from([1, 2, 3]);
    const message: StoredMessage = { textMessage: 'hi', timestamp: 1, nested: { list: [1, 2] }, bin };
    await store.roomHistoryAppend('lobby', message);
    (message['nested'] as { list: number[] }).list.push(3);
    message['textMessage'] = 'changed';
    const [stored] = await store.roomHistoryRecent('lobby', 1);
    expect(stored).toEqual({ textMessage: 'hi', timestamp: 1, nested: { list: [1, 2] }, bin, id: 1 });
    expect(Buffer.isBuffer(stored?.['bin'])).toBe(true);
    (stored?.['nested'] as { list: number[] }).list.push(4);
    const [again] = await store.roomHistoryGet('lobby', 0, 1);
    expect(again?.['nested']).toEqual({ list: [1, 2] });
  });

  it('bus handlers get their own copy of the args', async () => {
    const store = await tuned(createMemoryStore());
    const seen: unknown[] = [];
    store.onMessage((message) => {
      if (message.kind === 'custom') (message.args[0] as { n: number }).n++;
    });
    store.onMessage((message) => seen.push(message.kind === 'custom' ? message.args[0] : null));
    const arg = { n: 1 };
    await store.publish(TOPIC, custom(arg));
    expect(seen).toEqual([{ n: 1 }]);
    expect(arg).toEqual({ n: 1 });
  });
});

describe('memory store: prototype pollution', () => {
  it('Object.prototype names never reach Object.prototype', async () => {
    const store = createMemoryStore();
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString']) {
      await store.ensureUser(name);
      await store.directListAdd(name, 'whitelist', ['__proto__', 'polluted'], 10);
      await store.addRoom(name, ROOM);
      await store.roomListAdd(name, 'blacklist', ['__proto__'], 10);
      await store.roomUserlistAdd(name, '__proto__', 1);
      await store.addUserSocket(name, '__proto__', '__proto__');
      await store.addSocketToRoom(name, '__proto__', '__proto__');
      await store.addInstanceSocket('__proto__', name, '__proto__');
      await store.setHeartbeat(name, 1);
      await store.lockAcquire(name, 1000);
      await store.roomHistoryAppend(name, JSON.parse('{"timestamp":1,"__proto__":{"polluted":true}}') as StoredMessage);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(await store.hasUser('hasOwnProperty')).toBe(false);
    expect(await store.hasRoom('valueOf')).toBe(false);
    const registry = await store.getInstanceSockets('__proto__');
    expect(Object.keys(registry).sort()).toEqual(['__proto__', 'constructor', 'prototype', 'toString']);
  });

  it('an unexpected list name reads as empty instead of crashing', async () => {
    const store = createMemoryStore();
    await store.addRoom('lobby', ROOM);
    await store.ensureUser('alice');
    // what an unvalidated string from a client would look like at run time
    const list = JSON.parse('"constructor"') as 'whitelist';
    expect(await store.roomListGet('lobby', list)).toEqual([]);
    expect(await store.roomListHas('lobby', list, 'x')).toBe(false);
    expect(await store.directListGet('alice', list)).toEqual([]);
  });
});

describe('memory store: bus', () => {
  it('delivers synchronously inside publish', async () => {
    const store = await tuned(createMemoryStore());
    const handler = vi.fn();
    store.onMessage(handler);
    void store.publish(TOPIC, custom());
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports handler errors to onHandlerError and keeps delivering', async () => {
    const onHandlerError = vi.fn();
    const store = await tuned(createMemoryStore({ onHandlerError }));
    const failure = new Error('boom');
    const received: BusMessage[] = [];
    store.onMessage(() => {
      throw failure;
    });
    store.onMessage((message) => received.push(message));
    await store.publish(TOPIC, custom(1));
    expect(onHandlerError).toHaveBeenCalledWith(failure, custom(1));
    expect(received).toEqual([custom(1)]);
  });

  it('the same function added twice is called twice and removed separately', async () => {
    const store = await tuned(createMemoryStore());
    const handler = vi.fn();
    const first = store.onMessage(handler);
    store.onMessage(handler);
    await store.publish(TOPIC, custom());
    expect(handler).toHaveBeenCalledTimes(2);
    first();
    await store.publish(TOPIC, custom());
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it('a closed store accepts no new handlers or subscriptions', async () => {
    const backing = createMemoryBacking();
    const [a, b] = [createMemoryStore({ backing }), createMemoryStore({ backing })];
    await b.close();
    const handler = vi.fn();
    b.onMessage(handler);
    await b.listen('sub');
    await b.subscribe(TOPIC);
    await a.publish(TOPIC, custom());
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('memory store: locks', () => {
  it('expire by the clock, with no timer left running', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const store = createMemoryStore();
      expect(await store.lockAcquire('r', 1000)).toEqual(expect.any(String));
      vi.advanceTimersByTime(999);
      expect(await store.lockAcquire('r', 1000)).toBeNull();
      vi.advanceTimersByTime(1);
      expect(await store.lockAcquire('r', 1000)).toEqual(expect.any(String));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
