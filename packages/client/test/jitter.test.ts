/**
 * The jitter test: 100 SDK clients per run behind a TCP proxy that cuts a
 * random share of the live connections every 1–2 s for 20 s, while two
 * directly connected senders publish to four rooms. Every client must end
 * with every acknowledged message of its rooms exactly once and in order.
 * Four runs at once: ws and socket.io, on the memory store (one instance)
 * and on Redis with two instances (the proxy sends each new connection of a
 * client to the other instance). Each run prints delivered %, duplicates and
 * the send-to-delivery latency p99 (README, "Delivery guarantee").
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import type {} from '@chat-service/test-support/global-setup';
import type { ChatClient } from '../src/index.js';
import { closeResumingClients, record, resumingClient } from './helpers/resuming-clients.js';
import type { Recording } from './helpers/resuming-clients.js';
import { cleanup, startService } from './helpers/service.js';
import type { ClientKind, Started } from './helpers/service.js';
import { startTcpProxy } from '@chat-service/test-support/tcp-proxy';
import type { TcpProxy } from '@chat-service/test-support/tcp-proxy';

const CLIENTS = 100;
const ROOMS = ['room0', 'room1', 'room2', 'room3'];
const CUTTING_MS = 20_000;
const SEND_EVERY_MS = 100;
const CUT_SHARE = 0.3;
const DELAYS = { initialDelayMs: 500, maxDelayMs: 5000 };
/** How long the clients may take to catch up once the cuts stop. */
const SETTLE_MS = 45_000;

const proxies: TcpProxy[] = [];
afterAll(async () => {
  await closeResumingClients();
  await Promise.allSettled(proxies.splice(0).map((p) => p.close()));
  await cleanup();
});

/** The room `i` picks, round robin. */
function roomAt(i: number): string {
  const room = ROOMS[i % ROOMS.length];
  if (room === undefined) throw new RangeError('no rooms');
  return room;
}

const pace = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The instances of one run: memory (one) or Redis (two sharing a random prefix). */
async function startInstances(store: 'memory' | 'redis'): Promise<Started[]> {
  if (store === 'memory') return [await startService()];
  const options = { state: 'redis', stateOptions: { url: inject('redisUrl'), prefix: `jitter-${randomBytes(4).toString('hex')}` } } as const;
  return Promise.all([startService(options), startService(options)]);
}

/** A sender's acknowledged messages: room -> id -> when the send was issued. */
type Sent = Map<string, Map<number, number>>;

async function send(sender: ChatClient, until: number, sent: Sent, index: number): Promise<void> {
  let n = 0;
  while (performance.now() < until) {
    const room = roomAt(n + index);
    n++;
    const at = performance.now();
    const id = await sender.roomMessage(room, { textMessage: `s${String(index)}-${String(n)}` });
    sent.get(room)?.set(id, at);
    await pace(SEND_EVERY_MS);
  }
}

async function cut(proxy: TcpProxy, until: number): Promise<number> {
  let cuts = 0;
  while (performance.now() < until) {
    await pace(1000 + Math.random() * 1000);
    cuts += proxy.cutRandom(CUT_SHARE, Math.random);
  }
  return cuts;
}

function roomsOf(i: number): string[] {
  return [roomAt(i), roomAt(i + 1)];
}

function percentile(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(0);
}

describe.concurrent('jitter: every acknowledged message exactly once and in order across random cuts', () => {
  it.for([
    ['ws', 'memory'],
    ['socket.io', 'memory'],
    ['ws', 'redis'],
    ['socket.io', 'redis'],
  ] as const)('%s on %s', { timeout: 150_000 }, async ([kind, store]: readonly [ClientKind, 'memory' | 'redis']) => {
    const instances = await startInstances(store);
    const [first] = instances as [Started];
    for (const room of ROOMS) await first.service.addRoom(room, {});
    const proxy = await startTcpProxy(instances.map((s) => s.port));
    proxies.push(proxy);
    const clients = Array.from({ length: CLIENTS }, (_, i) => resumingClient(kind, proxy.port, `${kind}-${store}-${String(i)}`, { delays: DELAYS }));
    const recordings: Recording[] = clients.map(record);
    await Promise.all(clients.map(async (client, i) => Promise.all(roomsOf(i).map((room) => client.roomJoin(room)))));
    const senders = instances.length === 1 ? [first, first] : instances;
    const senderClients = senders.map((s, i) => s.connect('ws', `sender-${kind}-${store}-${String(i)}`));
    for (const sender of senderClients) for (const room of ROOMS) await sender.roomJoin(room);

    const sent: Sent = new Map(ROOMS.map((room) => [room, new Map<number, number>()]));
    const until = performance.now() + CUTTING_MS;
    const [cuts] = await Promise.all([cut(proxy, until), ...senderClients.map((sender, i) => send(sender, until, sent, i))]);

    const expectedOf = (i: number): Map<string, number[]> =>
      new Map(roomsOf(i).map((room) => [room, [...(sent.get(room)?.keys() ?? [])].sort((a, b) => a - b)]));
    await vi.waitFor(
      () => {
        recordings.forEach((recording, i) => {
          for (const [room, ids] of expectedOf(i)) expect(recording.byRoom.get(room), `${String(i)} ${room}`).toEqual(ids);
        });
      },
      { timeout: SETTLE_MS, interval: 250 },
    );

    let expected = 0;
    let delivered = 0;
    const latencies: number[] = [];
    recordings.forEach((recording, i) => {
      for (const [room, ids] of expectedOf(i)) {
        expected += ids.length;
        const times = recording.deliveredAt.get(room) ?? new Map<number, number>();
        for (const id of ids) {
          const at = times.get(id);
          if (at === undefined) continue;
          delivered++;
          latencies.push(at - (sent.get(room)?.get(id) ?? at));
        }
      }
    });
    const duplicates = recordings.reduce((sum, r) => sum + r.duplicatesOrInversions, 0);
    const messages = [...sent.values()].reduce((sum, ids) => sum + ids.size, 0);
    console.log(
      `jitter ${kind} on ${store} (${String(instances.length)} instance(s)): ${String(CLIENTS)} clients, ${String(messages)} messages, ` +
        `${String(cuts)} cuts, ${String(proxy.accepted)} connections; delivered ${((100 * delivered) / expected).toFixed(2)} %, ` +
        `duplicates ${String(duplicates)}, send-to-delivery latency p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms`,
    );
    expect(delivered).toBe(expected);
    expect(duplicates).toBe(0);
    expect(cuts).toBeGreaterThan(CLIENTS);
  });
});
