/**
 * Runs one group (a scenario on one transport, its three implementations):
 * each implementation in its own server process, the clients in the shared
 * generator process, passes in ABBA order. Fills `group.results`, or sets
 * `group.error`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { URL } from 'node:url';
import { startChild } from './processes.mjs';
import { summarize } from './stats.mjs';
import { orderOf } from './scenarios.mjs';

const SERVER = new URL('./server-process.mjs', import.meta.url);

function accumulator() {
  return { passes: [], ops: 0, ms: 0, serverCpuMs: 0, serverBusyMs: 0, genCpuMs: 0, latencies: [], redisCommands: new Map(), redisCpuMs: 0, memory: [] };
}

function add(acc, gen, server, redis) {
  // Each pass keeps its own p99: the paired ratios of the report compare pass with pass.
  const { p99 } = summarize(gen.latencies);
  acc.passes.push({ ops: gen.ops, ms: gen.ms, p99, serverCpuMs: server.cpuMs, serverBusyMs: server.busyMs, genCpuMs: gen.cpuMs });
  acc.ops += gen.ops;
  acc.ms += gen.ms;
  acc.serverCpuMs += server.cpuMs;
  acc.serverBusyMs += server.busyMs;
  acc.genCpuMs += gen.cpuMs;
  for (const latency of gen.latencies) acc.latencies.push(latency);
  for (const [name, n] of redis?.commands ?? []) acc.redisCommands.set(name, (acc.redisCommands.get(name) ?? 0) + n);
  acc.redisCpuMs += redis?.cpuMs ?? 0;
}

/** Commands redis-server ran during `fn` (INFO commandstats delta) and its CPU time, or undefined without Redis. */
async function countingRedis(redis, enabled, fn) {
  if (!enabled || !redis) return [await fn(), undefined];
  const before = await redis.commandCount();
  const cpuBefore = await redis.cpuMs();
  const result = await fn();
  const cpuMs = (await redis.cpuMs()) - cpuBefore;
  const commands = new Map();
  for (const [name, calls] of await redis.commandCount()) {
    const n = calls - (before.get(name) ?? 0);
    if (n > 0) commands.set(name, n);
  }
  return [result, { commands, cpuMs }];
}

async function startServer(impl, context, group, round = 0) {
  const child = await startChild(SERVER, 'server');
  try {
    const prefix = `bench:${group.id}:${impl.key}:${round}:${Date.now()}`;
    const { url } = await child.call('start', { ...impl.start, redisUrl: context.redis?.url, prefix }, 600_000);
    return { child, url };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** acks, fanout, history: long-lived clients, timed closed-loop passes. */
async function runLoadGroup(group, context) {
  const { generator, settings, progress } = context;
  const servers = new Map();
  const ready = [];
  const acc = new Map(group.impls.map((impl) => [impl.key, accumulator()]));
  const key = (impl) => `${group.id}/${impl.key}`;
  try {
    for (const impl of group.impls) servers.set(impl.key, await startServer(impl, context, group));
    for (const impl of group.impls) {
      progress.note(`${group.id} ${impl.key}: server pid ${servers.get(impl.key).child.pid}, connecting clients`);
      await generator.call('setup', {
        key: key(impl),
        proto: group.proto,
        url: servers.get(impl.key).url,
        scenario: group.scenario,
        ...settings[group.scenario],
      });
      ready.push(impl);
      await generator.call('run', { key: key(impl), ms: settings.warmupMs });
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const impl of orderOf(group.impls, round)) {
        const server = servers.get(impl.key).child;
        await server.call('memory');
        const [[gen, usage], redis] = await countingRedis(context.redis, impl.redis, async () => {
          await server.call('mark', { label: `${group.id}-${impl.key}-${round}` });
          const result = await generator.call('run', { key: key(impl), ms: settings.passMs });
          return [result, await server.call('read')];
        });
        add(acc.get(impl.key), gen, usage, redis);
        progress.pass({ group, impl, round, rounds: settings.rounds, gen, server: usage });
      }
    }
  } finally {
    for (const impl of ready) await generator.call('teardown', { key: key(impl) }).catch(() => undefined);
    for (const { child } of servers.values()) {
      await child.call('close').catch(() => undefined);
      await child.stop();
    }
  }
  return acc;
}

/**
 * connect: per pass a FRESH server process (so that RSS freed by an earlier
 * pass cannot be reused), warmed up by `warmup` connections opened, logged in
 * and closed (as every scenario warms up: the JIT code and compiler memory of
 * the login path are paid once, not per connection), then `count` logins kept
 * open, then memory after a GC.
 */
async function runConnectGroup(group, context) {
  const { generator, settings, progress } = context;
  const { count, concurrency, rounds, warmup } = settings.connect;
  const acc = new Map(group.impls.map((impl) => [impl.key, accumulator()]));
  for (let round = 0; round < rounds; round++) {
    for (const impl of orderOf(group.impls, round)) {
      const { child, url } = await startServer(impl, context, group, round);
      const key = `${group.id}/${impl.key}/${round}`;
      try {
        const warm = `${key}-warmup`;
        await generator.call('connect', { key: warm, proto: group.proto, url, count: warmup, concurrency, prefix: `${warm}-u` }, 1_800_000);
        await generator.call('teardown', { key: warm });
        // Gives the server time to clean the warm-up connections up (with Redis, a few round trips each).
        await delay(200);
        const before = await child.call('memory');
        const [[gen, usage], redis] = await countingRedis(context.redis, impl.redis, async () => {
          await child.call('mark', { label: `${group.id}-${impl.key}-${round}` });
          const payload = { key, proto: group.proto, url, count, concurrency, prefix: `${key}-u` };
          const result = await generator.call('connect', payload, 1_800_000);
          return [result, await child.call('read')];
        });
        const after = await child.call('memory');
        const a = acc.get(impl.key);
        add(a, gen, usage, redis);
        a.memory.push({ rss: (after.rss - before.rss) / count, heap: (after.heapUsed - before.heapUsed) / count });
        progress.pass({ group, impl, round, rounds, gen, server: usage });
      } finally {
        await generator.call('teardown', { key }).catch(() => undefined);
        await child.call('close').catch(() => undefined);
        await child.stop();
      }
    }
  }
  return acc;
}

export async function runGroup(group, context) {
  try {
    group.acc = group.scenario === 'connect' ? await runConnectGroup(group, context) : await runLoadGroup(group, context);
  } catch (error) {
    group.error = error instanceof Error ? error.message : String(error);
    context.progress.note(`${group.id} FAILED: ${group.error.split('\n')[0]}`);
  }
}
