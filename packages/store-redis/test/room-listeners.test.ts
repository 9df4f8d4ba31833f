/**
 * The listeners of a room's bus channel: an instance registers once it is
 * subscribed and unregisters when it unsubscribes or closes, and the append
 * script leaves out the PUBLISH of a room message when no instance other than
 * the sender's listens. Seen from a raw subscriber on the room's channel,
 * which does not register: a marker published after each append tells, by
 * channel order, whether the append was published before it.
 */
import type { BusMessage, BusTopic } from '@chat-service/core';
import { roomInit } from '@chat-service/core/contracts';
import { Redis } from 'ioredis';
import type { Cluster } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame } from '../src/bus-frame.js';
import { createKeySpace, type KeySpace, type RedisStore } from '../src/index.js';
import { openStore, randomName, randomPrefix, setups, usePrefix, type RedisSetup } from './setups.js';

const WAIT = { timeout: 5000, interval: 20 };

const observers: (Redis | Cluster)[] = [];
afterEach(() => {
  for (const observer of observers.splice(0)) observer.disconnect();
});

/** What a raw subscriber of one channel heard: the events of the frames, in order. */
async function observe(setup: RedisSetup, store: RedisStore, channel: string): Promise<string[]> {
  const heard: string[] = [];
  const onFrame = (from: string, payload: string): void => {
    if (from !== channel) return;
    // Only the events are kept: any room name will do
    const message = decodeFrame(payload, { kind: 'room', name: 'observed' });
    heard.push(message?.kind === 'emit' || message?.kind === 'custom' ? message.event : (message?.kind ?? 'none'));
  };
  if (setup.name === 'cluster') {
    const observer = (store.client as Cluster).duplicate([], { shardedSubscribers: true });
    observers.push(observer);
    observer.on('smessage', onFrame);
    await observer.ssubscribe(channel);
  } else {
    const observer = new Redis((setup.connection() as { url: string }).url);
    observers.push(observer);
    observer.on('message', onFrame);
    await observer.subscribe(channel);
  }
  return heard;
}

const MARKER: BusMessage = { kind: 'custom', origin: 'marker', event: 'marker', args: [] };

describe.each(setups)('store-redis room listeners on $name', (setup) => {
  /**
   * Two listening stores `a` and `b` on one prefix, a room, its topic and a raw observer of its channel;
   * `beforeRoom` runs before the room is created.
   */
  const start = async (
    beforeRoom?: (b: RedisStore, topic: BusTopic) => Promise<void>,
  ): Promise<{ a: RedisStore; b: RedisStore; keys: KeySpace; room: string; topic: BusTopic; heard: string[] }> => {
    const prefix = usePrefix(setup, randomPrefix());
    const [a, b] = [openStore({ ...setup.connection(), prefix }), openStore({ ...setup.connection(), prefix })];
    await Promise.all([a.listen('a'), b.listen('b')]);
    const room = randomName('room');
    const topic: BusTopic = { kind: 'room', name: room };
    const keys = createKeySpace(prefix);
    await beforeRoom?.(b, topic);
    await a.addRoom(room, roomInit());
    const heard = await observe(setup, a, keys.busChannel(topic));
    return { a, b, keys, room, topic, heard };
  };

  /** Appends a message from `a` with its notice, then the marker; resolves what the observer heard up to the marker. */
  const appendAndMark = async (a: RedisStore, room: string, topic: BusTopic, heard: string[]): Promise<string[]> => {
    heard.length = 0;
    await a.roomHistoryAppend(room, { textMessage: 'hi', timestamp: 1 }, undefined, { origin: 'a' });
    await a.publish(topic, MARKER);
    await vi.waitFor(() => {
      expect(heard).toContain('marker');
    }, WAIT);
    return [...heard];
  };

  it('publishes a room message only while an instance other than the sender listens', async () => {
    const { a, b, keys, room, topic, heard } = await start();
    const received: BusMessage[] = [];
    b.onMessage((message) => received.push(message));

    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
    await a.subscribe(topic);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
    expect(await a.client.hmget(keys.room(room, 'historyinfo'), 'listeners', 'listener')).toEqual(['1', 'a']);

    await b.subscribe(topic);
    expect(await a.client.smembers(keys.room(room, 'listeners'))).toEqual(expect.arrayContaining(['a', 'b']));
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);
    await vi.waitFor(() => {
      expect(received.filter((m) => m.kind === 'emit')).toHaveLength(1);
    }, WAIT);

    // b alone: a's messages are published for b; b's own would not be
    await a.unsubscribe(topic);
    expect(await a.client.hmget(keys.room(room, 'historyinfo'), 'listeners', 'listener')).toEqual(['1', 'b']);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);

    await b.unsubscribe(topic);
    expect(await a.client.scard(keys.room(room, 'listeners'))).toBe(0);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
  });

  it('keeps the listeners of a room deleted and created again', async () => {
    const { a, b, room, topic, heard } = await start();
    await b.subscribe(topic);
    await a.markRoomDeleting(room);
    await a.deleteRoom(room);
    expect(await a.addRoom(room, roomInit())).toBe(true);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);
  });

  it('summarises listeners registered before the room was created', async () => {
    const { a, room, topic, heard } = await start((b, topic) => b.subscribe(topic));
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);
  });

  it('unregisters the rooms still subscribed when it closes', async () => {
    const { a, b, keys, room, topic, heard } = await start();
    await b.subscribe(topic);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);
    await b.close();
    expect(await a.client.smembers(keys.room(room, 'listeners'))).toEqual([]);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
  });

  it('forgets a dead instance: out of the listeners of every room it was in, and no more publishes for it', async () => {
    const { a, b, keys, room, topic, heard } = await start();
    const other = randomName('room');
    await a.addRoom(other, roomInit());
    const otherTopic: BusTopic = { kind: 'room', name: other };
    await Promise.all([b.subscribe(topic), b.subscribe(otherTopic)]);
    expect((await a.client.smembers(keys.instanceListening('b'))).sort()).toEqual([room, other].sort());
    await b.unsubscribe(otherTopic);
    expect(await a.client.smembers(keys.instanceListening('b'))).toEqual([room]);
    await b.subscribe(otherTopic);
    // b stands for an instance that died subscribed to both rooms: nothing unregistered it
    const otherHeard = await observe(setup, a, keys.busChannel(otherTopic));
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['roomMessage', 'marker']);

    await a.forget('b');
    for (const name of [room, other]) {
      expect(await a.client.smembers(keys.room(name, 'listeners'))).toEqual([]);
      expect(await a.client.hget(keys.room(name, 'historyinfo'), 'listeners')).toBe('0');
    }
    expect(await a.client.exists(keys.instanceListening('b'))).toBe(0);
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
    expect(await appendAndMark(a, other, otherTopic, otherHeard)).toEqual(['marker']);
    // forgetting an instance that left nothing is a no-op
    await a.forget('b');
    await a.forget('never-seen');
  });

  it('registers its rooms again when its subscriber connection is back', async () => {
    const { a, b, keys, room, topic, heard } = await start();
    await b.subscribe(topic);
    // A Redis that lost the registration (an older snapshot, a replica promoted too early)
    await a.client.del(keys.room(room, 'listeners'));
    await a.client.hset(keys.room(room, 'historyinfo'), 'listeners', '0');
    expect(await appendAndMark(a, room, topic, heard)).toEqual(['marker']);
    const nodes = 'nodes' in a.client ? a.client.nodes('master') : [a.client];
    await Promise.all(nodes.map((node) => node.client('KILL', 'TYPE', 'pubsub')));
    await vi.waitFor(async () => {
      expect(await a.client.smembers(keys.room(room, 'listeners'))).toEqual(['b']);
    }, WAIT);
    expect(await a.client.hget(keys.room(room, 'historyinfo'), 'listeners')).toBe('1');
    // the observer was cut too: subscribe a fresh one
    const again = await observe(setup, a, keys.busChannel(topic));
    expect(await appendAndMark(a, room, topic, again)).toEqual(['roomMessage', 'marker']);
  });
});
