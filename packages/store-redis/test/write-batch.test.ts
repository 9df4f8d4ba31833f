/**
 * The commands the store issues in one turn of the event loop (scripts and
 * bus publications) leave in one socket write (the connection is corked until `setImmediate`), and their
 * replies still come back to the right callers.
 */
import type { Socket } from 'node:net';
import { roomInit } from '@chat-service/core/contracts';
import { describe, expect, it, vi } from 'vitest';
import { isCluster } from '../src/bus.js';
import { openOn, randomName, setups } from './setups.js';

const ROOM = roomInit({ owner: 'admin' });

const single = setups.filter((setup) => setup.name === 'single node');

describe.each(single)('store-redis write batching on $name', (setup) => {
  it('sends the scripts of one turn in one write, in order', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const rooms = Array.from({ length: 20 }, (_, i) => randomName(`r${String(i)}`));
    await Promise.all(rooms.map((room) => store.addRoom(room, ROOM)));
    await Promise.all(rooms.map((room, i) => store.roomHistoryMaxSizeSet(room, i + 1)));
    const client = store.client;
    if (isCluster(client)) throw new Error('single node expected');
    const stream: Socket = client.stream;
    const single = vi.spyOn(stream, '_write');
    const many = vi.spyOn(stream, '_writev');
    const infos = await Promise.all(rooms.map((room) => store.roomHistoryInfo(room)));
    expect(infos.map((info) => info.historyMaxSize)).toEqual(rooms.map((_, i) => i + 1));
    expect(single).not.toHaveBeenCalled();
    expect(many).toHaveBeenCalledTimes(1);
    expect(many.mock.calls[0]?.[0]).toHaveLength(rooms.length);
  });

  it('sends the bus publications of one turn in the same write as the scripts', async () => {
    const store = openOn(setup);
    await store.listen(randomName('self'));
    const client = store.client;
    if (isCluster(client)) throw new Error('single node expected');
    const stream: Socket = client.stream;
    const single = vi.spyOn(stream, '_write');
    const many = vi.spyOn(stream, '_writev');
    const topic = { kind: 'room', name: randomName('room') } as const;
    const message = { kind: 'custom', origin: 'self', event: 'e', args: [] } as const;
    await Promise.all([store.publish(topic, message), store.roomHistoryInfo(randomName('missing')), store.publish(topic, message)]);
    expect(single).not.toHaveBeenCalled();
    expect(many).toHaveBeenCalledTimes(1);
    expect(many.mock.calls[0]?.[0]).toHaveLength(3);
  });
});
