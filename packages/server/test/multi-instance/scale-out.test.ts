/**
 * Scale-out (issue 13): bus traffic goes only where it is needed, leaves
 * Redis in id order, misses nothing at the edges and leaks no subscription —
 * on a single Redis node and on a Redis Cluster, where room traffic spreads
 * over every master.
 */
import type { TestClient } from '@chat-service/core/testing';
import { Cluster, Redis } from 'ioredis';
import { describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { BACKENDS, useInstances } from '../helpers/instances.js';
import type { Instance } from '../helpers/instances.js';

/** The ids of the next `count` room messages of `room` a client receives, in arrival order. */
async function roomMessageIds(client: TestClient, room: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  while (ids.length < count) {
    const [name, message] = await client.next('roomMessage', 10_000);
    if (name === room) ids.push((message as { id: number }).id);
  }
  return ids;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function joined(instance: Instance, user: string, room: string): Promise<TestClient> {
  const client = await instance.connect(user);
  expect(await client.call('roomJoin', room)).toEqual([null, 1]);
  return client;
}

/** What `PUBSUB NUMSUB` / `SHARDNUMSUB` say of channels, summed over every node. */
async function subscribers(channels: readonly string[]): Promise<number> {
  const clients = [new Redis(inject('redisUrl')), ...inject('redisClusterNodes').map((n) => new Redis(n.port, n.host))];
  onTestFinished(() => {
    for (const c of clients) c.disconnect();
  });
  let total = 0;
  for (const client of clients) {
    for (const sub of ['NUMSUB', 'SHARDNUMSUB']) {
      const reply = (await client.call('PUBSUB', sub, ...channels)) as (string | number)[];
      for (let i = 1; i < reply.length; i += 2) total += Number(reply[i]);
    }
  }
  return total;
}

describe.each(BACKENDS)('scale-out on $name', (backend) => {
  const group = useInstances(backend);

  it('an instance with no member of a room receives no bus message for it', async () => {
    const dm = { enableDirectMessages: true };
    const [a, b, c] = await Promise.all([group.start(dm), group.start(dm), group.start(dm)]);
    for (const room of ['roomA', 'roomB']) await a.service.addRoom(room);
    const senders = [await joined(a, 'alice', 'roomA'), await joined(a, 'anna', 'roomA')];
    const remote = await joined(b, 'bob', 'roomA');
    const onlyB = await joined(b, 'bert', 'roomB');
    const idle = await c.connect('carl');
    const before = { ...c.service.busTraffic.received };
    const n = 20;
    await Promise.all(senders.flatMap((s, i) => range(1, n / 2).map((k) => s.call('roomMessage', 'roomA', { textMessage: `${String(i)}.${String(k)}` }))));
    expect((await roomMessageIds(remote, 'roomA', n)).sort((x, y) => x - y)).toEqual(range(1, n));
    // a round trip through the bus to c (a direct message on carl's topic) orders everything before it
    expect((await onlyB.call('directMessage', 'carl', { textMessage: 'ping' }))[0]).toBeNull();
    await idle.next('directMessage');
    expect(c.service.busTraffic.received.room).toBe(before.room);
    expect(b.service.busTraffic.received.room).toBe(n);
    expect(a.service.busTraffic.received.room).toBe(0);
    expect(a.service.busTraffic.published.room).toBe(n);
    expect(c.service.busSubscriptions()).toEqual(['user:carl']);
    expect(b.service.busSubscriptions().sort()).toEqual(['room:roomA', 'room:roomB', 'user:bert', 'user:bob']);
  });

  it('live messages of two senders on two instances reach every client in id order', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom('room1');
    const senders = [await joined(a, 'sa', 'room1'), await joined(b, 'sb', 'room1')];
    const receivers = await Promise.all(['ra1', 'ra2', 'rb1', 'rb2'].map((u, i) => joined(i < 2 ? a : b, u, 'room1')));
    const perSender = 60;
    const sends = senders.flatMap((s) => range(1, perSender).map((k) => s.call('roomMessage', 'room1', { textMessage: String(k) })));
    const received = await Promise.all([...receivers, ...senders].map((r) => roomMessageIds(r, 'room1', 2 * perSender)));
    await Promise.all(sends);
    for (const ids of received) expect(ids).toEqual(range(1, 2 * perSender));
  });

  it('sockets joining concurrently where the room had no member miss no message sent after their join', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom('live');
    const sender = await joined(a, 'sender', 'live');
    let sending = true;
    let sent = 0;
    const flow = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- cleared below once the joiners are in.
      while (sending) {
        await sender.call('roomMessage', 'live', { textMessage: 'x' });
        sent++;
      }
    })();
    const joiners = await Promise.all(range(1, 8).map((i) => b.connect(`joiner${String(i)}`)));
    await vi.waitFor(() => {
      expect(sent).toBeGreaterThan(3);
    });
    const marks = await Promise.all(
      joiners.map(async (client) => {
        expect(await client.call('roomJoin', 'live')).toEqual([null, 1]);
        const [, info] = await client.call('roomHistoryInfo', 'live');
        return (info as { lastMessageId: number }).lastMessageId;
      }),
    );
    await vi.waitFor(() => {
      expect(sent).toBeGreaterThan(Math.max(...marks) + 5);
    });
    sending = false;
    await flow;
    const [, info] = await sender.call('roomHistoryInfo', 'live');
    const last = (info as { lastMessageId: number }).lastMessageId;
    for (const [i, client] of joiners.entries()) {
      const mark = marks[i] ?? 0;
      const ids = await roomMessageIds(client, 'live', 1);
      const first = ids[0] ?? 0;
      expect(first).toBeLessThanOrEqual(mark + 1);
      const rest = await roomMessageIds(client, 'live', last - first);
      expect([first, ...rest]).toEqual(range(first, last));
    }
  });

  it('after churn an instance holds no subscription for rooms or users it has no socket of', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    const rooms = ['c1', 'c2', 'c3'];
    for (const room of rooms) await a.service.addRoom(room);
    const keeper = await joined(a, 'keeper', 'c1');
    for (let round = 0; round < 3; round++) {
      const clients = await Promise.all(range(1, 6).map((i) => b.connect(`u${String(i)}`, i % 2 === 0 ? 'ws' : 'socket.io')));
      await Promise.all(clients.map((client, i) => client.call('roomJoin', rooms[i % rooms.length] ?? 'c1')));
      await Promise.all(clients.slice(0, 3).map((client, i) => client.call('roomLeave', rooms[i % rooms.length] ?? 'c1')));
      await Promise.all(clients.map((client) => client.close()));
      await vi.waitFor(() => {
        expect(b.service.busSubscriptions()).toEqual([]);
      });
    }
    expect(a.service.busSubscriptions().sort()).toEqual(['room:c1', 'user:keeper']);
    const channels = [...rooms.map((r) => `${group.prefix}:rooms:{${r}}:bus`), ...range(1, 6).map((i) => `${group.prefix}:users:{u${String(i)}}:bus`)];
    // a's c1 subscription is the only one left in Redis
    await vi.waitFor(async () => {
      expect(await subscribers(channels)).toBe(1);
    });
    await keeper.close();
  });
});

describe('scale-out on the Redis Cluster: room traffic on every master', () => {
  const group = useInstances(BACKENDS[1]);

  it('rooms whose slots fall on every master: each master carries SPUBLISH traffic', async () => {
    const admin = new Cluster(inject('redisClusterNodes'));
    onTestFinished(() => { admin.disconnect(); });
    const masters = await new Promise<Redis[]>((resolve) => admin.once('ready', () => { resolve(admin.nodes('master')); }));
    expect(masters).toHaveLength(3);
    const instances = await Promise.all([group.start(), group.start(), group.start()]);
    const ranges = await admin.cluster('SLOTS');
    const portOfSlot = (slot: number): number | undefined => ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
    const rooms = new Map<number, string>();
    for (let i = 0; rooms.size < 3 && i < 1000; i++) {
      const room = `spread${String(i)}`;
      const port = portOfSlot(await admin.cluster('KEYSLOT', `${group.prefix}:rooms:{${room}}:bus`));
      if (port !== undefined && !rooms.has(port)) rooms.set(port, room);
    }
    expect(rooms.size).toBe(3);
    const stats = async (): Promise<number[]> =>
      Promise.all(
        masters.map(async (m) => {
          const info = await m.info('commandstats');
          return Number(/cmdstat_spublish:calls=(\d+)/.exec(info)?.[1] ?? 0);
        }),
      );
    const before = await stats();
    const perRoom = 10;
    await Promise.all(
      [...rooms.values()].map(async (room, i) => {
        const home = instances[i] ?? instances[0];
        const other = instances[(i + 1) % 3] ?? instances[0];
        await home.service.addRoom(room);
        const sender = await joined(home, `s${String(i)}`, room);
        const receiver = await joined(other, `r${String(i)}`, room);
        await Promise.all(range(1, perRoom).map(() => sender.call('roomMessage', room, { textMessage: 'm' })));
        expect(await roomMessageIds(receiver, room, perRoom)).toEqual(range(1, perRoom));
      }),
    );
    const after = await stats();
    for (const [i, calls] of after.entries()) expect(calls - (before[i] ?? 0)).toBeGreaterThanOrEqual(perRoom);
    // the instance with no member of a room got nothing for it: each instance hosts one sender and one receiver
    for (const instance of instances) expect(instance.service.busTraffic.received.room).toBe(perRoom);
  });
});
