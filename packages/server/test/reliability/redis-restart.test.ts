/**
 * Fault: the Redis server of two instances is killed (SIGKILL) and started
 * again on the same port while socket.io and ws clients on both instances
 * keep sending room messages. With `appendonly yes` and `appendfsync always`
 * (every write on disk before Redis replies):
 * - while Redis is down, commands fail with an error ack (never a hang, never a crash);
 * - once it is back, both services reconnect by themselves: commands succeed
 *   again and fan-out reaches the other instance;
 * - no message acknowledged to its sender is missing from history.
 * The test prints its figures (acks before and after, failed calls, outage length).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startRedisServer } from '@chat-service/test-support/redis-servers';
import type { AnyClient, RunningService } from './support.js';
import { randomPrefix, startService, useFailureRecorder } from './support.js';

const ROOM = 'room';
const SENDERS = 4;
/** Each sender must see this many acks before the kill and after the restart. */
const ACKS = 5;
/** The store fails a command after one reconnection attempt instead of queueing it for ~10 s (ioredis' default of 20). */
const REDIS_OPTIONS = { maxRetriesPerRequest: 1 };

interface Sender {
  readonly name: string;
  readonly any: AnyClient;
  acked: { text: string; id: number }[];
  errors: unknown[];
}

/** Sends messages one after the other (each waits for the previous ack) until `running()` is false. */
async function sendUntil(sender: Sender, running: () => boolean): Promise<void> {
  for (let n = 0; running(); n++) {
    const text = `${sender.name}-${String(n)}`;
    const [error, id] = await sender.any.client.call('roomMessage', ROOM, { textMessage: text });
    if (error === null) sender.acked.push({ text, id: id as number });
    else sender.errors.push(error);
  }
}

describe('a Redis restart while clients send', () => {
  const recorder = useFailureRecorder();

  it('fails commands while down, recovers by itself, and loses no acknowledged message (appendfsync always)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chat-service-aof-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const persistence = ['--appendonly', 'yes', '--appendfsync', 'always'];
    const redis = await startRedisServer({ dir, args: persistence });
    onTestFinished(() => redis.kill());
    const state = { redisPrefix: randomPrefix(), redisUrl: redis.url, redisOptions: REDIS_OPTIONS };
    const instances: RunningService[] = [await startService(state), await startService(state)];
    instances.forEach((instance, i) => { recorder.watch(instance.service, `instance ${String(i)}`); });
    const [a, b] = instances as [RunningService, RunningService];
    await a.service.addRoom(ROOM);

    const senders: Sender[] = [];
    for (let i = 0; i < SENDERS; i++) {
      const instance = i % 2 === 0 ? a : b;
      const any = await instance.connect(`user${String(i)}`, i < 2 ? 'socket.io' : 'ws');
      expect(await any.client.call('roomJoin', ROOM)).toEqual([null, 1]);
      senders.push({ name: `user${String(i)}`, any, acked: [], errors: [] });
    }
    let running = true;
    const loops = Promise.all(senders.map((s) => sendUntil(s, () => running)));
    const waitOpts = { timeout: 20_000, interval: 20 };

    await vi.waitFor(() => { expect(Math.min(...senders.map((s) => s.acked.length))).toBeGreaterThanOrEqual(ACKS); }, waitOpts);
    const ackedBefore = senders.reduce((n, s) => n + s.acked.length, 0);
    await redis.kill();
    const downAt = Date.now();
    // Every sender hears error acks while Redis is down (its loop never hangs); keep it down for a few of them.
    await vi.waitFor(() => { expect(Math.min(...senders.map((s) => s.errors.length))).toBeGreaterThanOrEqual(3); }, waitOpts);
    const restarted = await startRedisServer({ port: redis.port, dir, args: persistence });
    onTestFinished(() => restarted.kill());
    const outageMs = Date.now() - downAt;
    const ackedAtRestart = senders.map((s) => s.acked.length);
    await vi.waitFor(() => {
      for (const [i, s] of senders.entries()) expect(s.acked.length - (ackedAtRestart[i] ?? 0)).toBeGreaterThanOrEqual(ACKS);
    }, waitOpts);
    running = false;
    await loops;

        const errors = senders.flatMap((s) => s.errors);
    // Error acks name the failure (ioredis: "MaxRetriesPerRequestError: Reached the max retries ...").
    for (const error of errors) expect(error).toMatch(/^\w*Error: \S/);

    // Fan-out across instances works again: a message sent on one instance reaches a client of the other.
    const [onA, onB] = [senders[0], senders[1]] as [Sender, Sender];
    expect((await onA.any.client.call('roomMessage', ROOM, { textMessage: 'after restart' }))[0]).toBeNull();
    // The receiver's queue holds the loops' messages first; read on until this one.
    for (let text: unknown; text !== 'after restart'; ) text = ((await onB.any.client.next('roomMessage', 5000))[1] as { textMessage?: unknown }).textMessage;
    await vi.waitFor(async () => {
      const history = await b.service.store.roomHistoryGet(ROOM, 0, 100_000);
      expect(history.some((m) => m['textMessage'] === 'after restart')).toBe(true);
    });

    // No acknowledged message is missing from history, with the id its sender was given.
    const history = await a.service.store.roomHistoryGet(ROOM, 0, 100_000);
    const byId = new Map(history.map((m) => [m.id, m['textMessage']]));
    const acked = senders.flatMap((s) => s.acked);
    const missing = acked.filter((m) => byId.get(m.id) !== m.text);
    expect(missing).toEqual([]);
    // Both instances still serve new clients.
    for (const instance of instances) expect((await instance.connect('late', 'ws')).client.id).toEqual(expect.any(String));
    expect(recorder.problems).toEqual([]);
    console.log(
      `FIGURES redis-restart: ${String(acked.length)} acknowledged messages (${String(ackedBefore)} before the kill), ` +
        `${String(errors.length)} calls failed while Redis was down for ${String(outageMs)} ms, 0 acknowledged messages missing`,
    );
  }, 60_000);
});
