/**
 * Reliability: long connection churn. `CHURN_CYCLES` (10 000 by default)
 * connect / login / join / message / disconnect cycles, half over socket.io
 * and half over ws, run by concurrent clients against one instance on
 * Redis. Afterwards the store holds exactly the keys it held after warm-up
 * (the room, its history and the users' records, which persist by design):
 * no user sockets, no socket rooms, no userlist entries, no instance socket
 * records. The server heap after a full GC must be back within 10 % of its
 * baseline. The figures are printed.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import type { RunningService, Via } from './support.js';
import { randomPrefix, startService, useFailureRecorder, userlistOf } from './support.js';

const CYCLES = Number(process.env['CHURN_CYCLES'] ?? 10_000);
const WORKERS = 16;
const USERS = Array.from({ length: 100 }, (_, i) => `churner${String(i)}`);
const ROOM = 'churn';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The used heap after full collections (several, so weak references and finalizers settle). */
async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Every key of the store's prefix, sorted. */
async function keysOf(instance: RunningService, prefix: string): Promise<string[]> {
  const client = (instance.service.store as unknown as { client: Redis }).client;
  return (await client.keys(`${prefix}:*`)).sort();
}

/** Runs `count` cycles over `WORKERS` concurrent clients; cycle `n` uses user `n % USERS` and alternates the transport. */
async function cycles(instance: RunningService, count: number, failures: string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let n = next++; n < count; n = next++) {
      const user = USERS[n % USERS.length];
      if (user === undefined) throw new Error('unreachable: the index is taken modulo the length');
      const via: Via = n % 2 === 0 ? 'socket.io' : 'ws';
      const { client } = await instance.connect(user, via);
      const join = await client.call('roomJoin', ROOM);
      const message = await client.call('roomMessage', ROOM, { textMessage: `m${String(n)}` });
      if (join[0] !== null || message[0] !== null) failures.push(`${via} ${user}: ${JSON.stringify([join, message])}`);
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

/** Waits until the store has no socket of the instance and the room's userlist is empty. */
async function settled(instance: RunningService): Promise<void> {
  await vi.waitFor(
    async () => {
      expect(await instance.service.state.getInstanceSockets()).toEqual({});
      expect(await userlistOf(instance.service, ROOM)).toEqual([]);
    },
    { timeout: 20_000, interval: 50 },
  );
}

describe('long connection churn', () => {
  const recorder = useFailureRecorder();

  it(`${String(CYCLES)} connect/login/join/message/disconnect cycles over socket.io and ws leave no trace in the store, and the heap returns to its baseline`, async () => {
    const prefix = randomPrefix();
    const instance = await startService({ redisPrefix: prefix }, { enableUserlistUpdates: true });
    recorder.watch(instance.service);
    await instance.service.addRoom(ROOM, { enableUserlistUpdates: true });
    const failures: string[] = [];

    // Warm-up: every user exists, every code path is compiled and every pool has grown (a tenth of the run).
    await cycles(instance, Math.max(USERS.length * 2, Math.round(CYCLES / 10)), failures);
    await settled(instance);
    const keysBefore = await keysOf(instance, prefix);
    const baseline = await heapAfterGc();

    const started = Date.now();
    await cycles(instance, CYCLES, failures);
    const seconds = (Date.now() - started) / 1000;
    await settled(instance);
    const after = await heapAfterGc();

    expect(failures).toEqual([]);
    expect(recorder.problems).toEqual([]);
    // No user sockets, socket rooms, room sockets or instance records remain: the same keys as after warm-up.
    expect(await keysOf(instance, prefix)).toEqual(keysBefore);
    for (const user of USERS.slice(0, 5)) expect(await instance.service.store.getUserSockets(user)).toEqual([]);
    const ratio = after / baseline;
    console.log(
      `FIGURES churn: ${String(CYCLES)} cycles in ${seconds.toFixed(1)} s (${String(WORKERS)} concurrent clients, socket.io and ws); ` +
        `heap after GC ${(baseline / 2 ** 20).toFixed(1)} MiB before, ${(after / 2 ** 20).toFixed(1)} MiB after (${((ratio - 1) * 100).toFixed(1)} %); ` +
        `store keys ${String(keysBefore.length)} before and after`,
    );
    expect(ratio).toBeLessThan(1.1);
  }, 240_000);
});
