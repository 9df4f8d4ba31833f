/**
 * Fault injection on a cluster of its own: the master holding a room's slot
 * (its keys and its bus channel) and the global bus channel's slot is killed;
 * once its replica takes over, the store's commands and the sharded bus
 * subscriptions (re-made by the subscriber) resume. And a replica made master
 * of a room's slot without the registrations of the instances listening on
 * the room gets them again, with plain and with sharded pub/sub.
 */
import { Cluster, Redis as RedisClient } from 'ioredis';
import type { Redis } from 'ioredis';
import { appendedId, roomInit } from '@chat-service/core/contracts';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startRedisCluster } from '@chat-service/test-support/redis-servers';
import { createKeySpace } from '../src/index.js';
import { custom, GLOBAL, openStore, randomName, randomPrefix, tuned } from './setups.js';

const ROOM = roomInit();

/** A `CLUSTER SLOTS` entry: [start, end, master, ...replicas], each node [host, port, id, info]. */
type SlotRange = [number, number, ...[string, number, string, unknown[]][]];

/** The port of the master serving a slot. */
function masterPort(ranges: readonly SlotRange[], slot: number): number | undefined {
  return ranges.find(([start, end]) => slot >= start && slot <= end)?.[2]?.[1];
}

describe('store-redis on a cluster losing a master', () => {
  it('fails over: commands and the sharded bus resume on the promoted replica', { timeout: 100_000 }, async () => {
    const cluster = await startRedisCluster();
    onTestFinished(() => cluster.stop());
    const prefix = randomPrefix();
    const store = openStore({ clusterNodes: [...cluster.nodes], prefix, onError: () => undefined });
    const channel = createKeySpace(prefix).busChannel(GLOBAL);
    const slot = await store.client.cluster('KEYSLOT', channel);
    const ranges: SlotRange[] = await store.client.cluster('SLOTS');
    const owner = masterPort(ranges, slot);
    const victim = cluster.servers.find((s) => s.port === owner);
    if (!victim) throw new Error(`no master found for slot ${String(slot)}`);
    // a room whose keys live on the same master as the bus channel
    const room = await roomOnSlotOf(store.client, ranges, owner);

    const publisher = openStore({ clusterNodes: [...cluster.nodes], prefix, onError: () => undefined });
    await tuned(store, 'listener');
    const topic = { kind: 'room', name: room } as const;
    await store.subscribe(topic);
    const heard = vi.fn();
    store.onMessage(heard);
    expect(await store.addRoom(room, ROOM)).toBe(true);
    expect(await store.roomHistoryAppend(room, { timestamp: 1 })).toEqual({ kind: 'appended', id: 1 });
    // Replication is asynchronous: make sure the replica has the room before its master dies,
    // or a loaded machine can promote a replica that never saw it (the room would be gone).
    await waitForReplica(store.client, owner);

    await victim.kill();

    await vi.waitFor(async () => {
      expect(appendedId(await store.roomHistoryAppend(room, { timestamp: 2 }))).toBeGreaterThan(1);
    }, { timeout: 45_000, interval: 250 });
    await vi.waitFor(async () => {
      await publisher.publish(GLOBAL, custom('after-failover'));
      expect(heard).toHaveBeenCalledWith(custom('after-failover'), GLOBAL);
    }, { timeout: 45_000, interval: 250 });
    // the room's channel too: a room message published by the append reaches the re-made subscription
    await vi.waitFor(async () => {
      expect(appendedId(await publisher.roomHistoryAppend(room, { timestamp: 3 }, undefined, { origin: 'pub' }))).toBeGreaterThan(2);
      expect(heard).toHaveBeenCalledWith(expect.objectContaining({ kind: 'emit', event: 'roomMessage', args: [room, expect.objectContaining({ timestamp: 3 })] }), topic);
    }, { timeout: 45_000, interval: 250 });
  });
});

describe.each([false, true])('store-redis on a cluster whose slot changes master (sharded pub/sub: %s)', (sharded) => {
  it('registers its rooms again on the promoted replica', { timeout: 100_000 }, async () => {
    const cluster = await startRedisCluster();
    onTestFinished(() => cluster.stop());
    const prefix = randomPrefix();
    const keys = createKeySpace(prefix);
    const options = { clusterNodes: [...cluster.nodes], prefix, shardedPubSub: sharded, clusterCheckInterval: 100, onError: () => undefined };
    const [sender, listener] = [openStore(options), openStore(options)];
    await Promise.all([sender.listen('sender'), listener.listen('listener')]);
    const room = randomName('room');
    const topic = { kind: 'room', name: room } as const;
    expect(await sender.addRoom(room, ROOM)).toBe(true);
    const heard = vi.fn();
    listener.onMessage(heard);
    await listener.subscribe(topic);
    // What a crash can lose: the registration, gone as on a replica promoted before it had it
    await sender.client.del(keys.room(room, 'listeners'));
    await sender.client.hset(keys.room(room, 'historyinfo'), 'listeners', '0');
    expect(appendedId(await sender.roomHistoryAppend(room, { timestamp: 1 }, undefined, { origin: 'sender' }))).toBe(1);

    // The room's slot moves to its replica (a manual takeover: no connection of the listener is cut)
    const slot = await sender.client.cluster('KEYSLOT', keys.room(room, 'historyinfo'));
    // A fresh cluster lists a master's replica once their link is up
    const { ranges, replicaPort } = await vi.waitFor(async () => {
      const ranges: SlotRange[] = await sender.client.cluster('SLOTS');
      const replicaPort = ranges.find(([start, end]) => slot >= start && slot <= end)?.[3]?.[1];
      if (replicaPort === undefined) throw new Error(`no replica found for slot ${String(slot)}`);
      return { ranges, replicaPort };
    }, { timeout: 30_000, interval: 100 });
    const replica = new RedisClient({ port: replicaPort, host: cluster.nodes[0]?.host });
    onTestFinished(() => {
      replica.disconnect();
    });
    // In step with its master first; TAKEOVER needs no vote, which a fresh cluster may not hold in time
    await waitForReplica(sender.client, masterPort(ranges, slot));
    expect(await replica.cluster('FAILOVER', 'TAKEOVER')).toBe('OK');
    await vi.waitFor(async () => {
      expect((await replica.role())[0]).toBe('master');
    }, { timeout: 45_000, interval: 100 });

    await vi.waitFor(async () => {
      expect(await sender.client.smembers(keys.room(room, 'listeners'))).toEqual(['listener']);
    }, { timeout: 45_000, interval: 100 });
    expect(await sender.client.hget(keys.room(room, 'historyinfo'), 'listeners')).toBe('1');
    expect(await sender.client.cluster('SLOTS')).not.toEqual(ranges);
    await vi.waitFor(async () => {
      await sender.roomHistoryAppend(room, { timestamp: 2 }, undefined, { origin: 'sender' });
      expect(heard).toHaveBeenCalledWith(expect.objectContaining({ kind: 'emit', event: 'roomMessage', args: [room, expect.objectContaining({ timestamp: 2 })] }), topic);
    }, { timeout: 45_000, interval: 250 });
    expect(heard).not.toHaveBeenCalledWith(expect.objectContaining({ args: [room, expect.objectContaining({ id: 1 })] }), topic);
  });
});

/** Blocks until the master on `port` has copied its writes to a replica (Redis WAIT). */
async function waitForReplica(client: Redis | Cluster, port: number | undefined): Promise<void> {
  if (!(client instanceof Cluster)) throw new Error('expected a cluster client');
  const master = client.nodes('master').find((node) => node.options.port === port);
  if (!master) throw new Error(`no client for the master on port ${String(port)}`);
  expect(await master.wait(1, 10_000)).toBeGreaterThanOrEqual(1);
}

/** A room name whose keys hash to a slot served by the master on `port`. */
async function roomOnSlotOf(client: { cluster(sub: 'KEYSLOT', key: string): Promise<unknown> }, ranges: SlotRange[], port: number | undefined): Promise<string> {
  const keys = createKeySpace('probe');
  for (let i = 0; i < 1000; i++) {
    const room = `room-${String(i)}`;
    const slot = Number(await client.cluster('KEYSLOT', keys.room(room, 'state')));
    if (masterPort(ranges, slot) === port) return room;
  }
  throw new Error('no room found on that master');
}
