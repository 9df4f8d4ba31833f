/**
 * `npm run bench [-- --quick] [-- --save] [-- --only=rtt,fanout,redis]`
 *
 * Our service against bare socket.io / bare ws doing the equivalent work, all
 * measured in ONE run and printed side by side (the machines are shared and
 * noisy, so only same-run ratios mean anything). Servers run in this
 * process's main thread, clients in one worker thread (bench/lib/client-worker.mjs).
 * Results go to stdout and bench/results/latest.md; --save also writes
 * bench/results/<date>.md. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startRedis } from './lib/redis.mjs';
import { startBareSocketIO, startBareWs, startOurs } from './lib/servers.mjs';
import { fixed, int, markdownTable, signedMicros, summarize, times } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const SAVE = argv.includes('--save');
const listArg = (name) => (argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? '').split(',').filter(Boolean);
const ONLY = listArg('only');
/** For profiling one side: `--impl=ours` keeps only the implementations with that key or role. */
const IMPLS = listArg('impl');
if (argv.includes('--help')) {
  console.log('usage: npm run bench -- [--quick] [--save] [--only=rtt,fanout,redis,<group id>] [--impl=ours,bare,...]');
  process.exit(0);
}

/** Fixed operation counts. `load` is split into `rounds` passes per implementation, run in ABBA order. */
const SETTINGS = QUICK
  ? {
      rounds: 2,
      rtt: { warmup: 300, load: 3000, latency: 300, concurrency: 32 },
      fanout: { receivers: 50, warmup: 30, load: 200, latency: 40, concurrency: 8 },
    }
  : {
      rounds: 6,
      rtt: { warmup: 2000, load: 24000, latency: 2400, concurrency: 32 },
      fanout: { receivers: 50, warmup: 100, load: 2000, latency: 300, concurrency: 8 },
    };

const GROUPS = [
  {
    id: 'rtt-sio',
    title: '1. request/ack round trip, socket.io',
    scenario: 'rtt',
    proto: 'sio',
    impls: [
      {
        key: 'ours',
        label: 'ours: socket.io transport, memory store',
        role: 'ours',
        start: () => startOurs({ transport: 'socket.io', rooms: ['bench'] }),
      },
      { key: 'bare', label: 'bare socket.io: ack + emit to room', role: 'baseline', start: () => startBareSocketIO({ mode: 'room' }) },
      { key: 'bare-ack', label: 'bare socket.io: ack only (floor)', role: 'reference', start: () => startBareSocketIO({ mode: 'ack' }) },
    ],
  },
  {
    id: 'rtt-ws',
    title: '2. request/response round trip, ws (JSON-RPC)',
    scenario: 'rtt',
    proto: 'ws',
    impls: [
      {
        key: 'ours',
        label: 'ours: ws transport, memory store',
        role: 'ours',
        start: () => startOurs({ transport: 'ws', rooms: ['bench'] }),
      },
      { key: 'bare', label: 'bare ws: response + send to room', role: 'baseline', start: () => startBareWs({ mode: 'room' }) },
      { key: 'bare-ack', label: 'bare ws: response only (floor)', role: 'reference', start: () => startBareWs({ mode: 'ack' }) },
    ],
  },
  {
    id: 'fanout-sio',
    title: `3a. room fan-out to ${SETTINGS.fanout.receivers} receivers, socket.io`,
    scenario: 'fanout',
    proto: 'sio',
    impls: [
      {
        key: 'ours',
        label: 'ours: socket.io transport, memory store',
        role: 'ours',
        start: () => startOurs({ transport: 'socket.io', rooms: ['fanout'] }),
      },
      { key: 'bare', label: 'bare socket.io: to(room).emit', role: 'baseline', start: () => startBareSocketIO({ mode: 'room' }) },
    ],
  },
  {
    id: 'fanout-ws',
    title: `3b. room fan-out to ${SETTINGS.fanout.receivers} receivers, ws`,
    scenario: 'fanout',
    proto: 'ws',
    impls: [
      {
        key: 'ours',
        label: 'ours: ws transport, memory store',
        role: 'ours',
        start: () => startOurs({ transport: 'ws', rooms: ['fanout'] }),
      },
      { key: 'bare', label: 'bare ws: send loop over the room', role: 'baseline', start: () => startBareWs({ mode: 'room' }) },
    ],
  },
  {
    id: 'redis-rtt',
    title: '4a. round trip, socket.io: Redis store vs memory store',
    scenario: 'rtt',
    proto: 'sio',
    redis: true,
    impls: [
      {
        key: 'redis',
        label: 'ours: socket.io, Redis store',
        role: 'ours',
        start: (redis) =>
          startOurs({
            transport: 'socket.io',
            state: 'redis',
            stateOptions: { url: redis.url, prefix: `bench${Date.now()}` },
            rooms: ['bench'],
          }),
      },
      {
        key: 'memory',
        label: 'ours: socket.io, memory store',
        role: 'baseline',
        start: () => startOurs({ transport: 'socket.io', rooms: ['bench'] }),
      },
    ],
  },
  {
    id: 'redis-fanout',
    title: `4b. fan-out to ${SETTINGS.fanout.receivers} receivers, socket.io: Redis store vs memory store`,
    scenario: 'fanout',
    proto: 'sio',
    redis: true,
    impls: [
      {
        key: 'redis',
        label: 'ours: socket.io, Redis store',
        role: 'ours',
        start: (redis) =>
          startOurs({
            transport: 'socket.io',
            state: 'redis',
            stateOptions: { url: redis.url, prefix: `bench${Date.now()}` },
            rooms: ['fanout'],
          }),
      },
      {
        key: 'memory',
        label: 'ours: socket.io, memory store',
        role: 'baseline',
        start: () => startOurs({ transport: 'socket.io', rooms: ['fanout'] }),
      },
    ],
  },
];

const selected = GROUPS.filter(
  (g) =>
    ONLY.length === 0 || ONLY.some((o) => g.id === o || g.id.startsWith(`${o}-`) || g.id.endsWith(`-${o}`) || (o === 'redis' && g.redis)),
);
for (const group of selected) if (IMPLS.length) group.impls = group.impls.filter((i) => IMPLS.includes(i.key) || IMPLS.includes(i.role));

// --- the client worker -------------------------------------------------------

const worker = new Worker(new URL('./lib/client-worker.mjs', import.meta.url));
const calls = new Map();
let callIds = 0;
worker.on('message', ({ id, result, error }) => {
  const call = calls.get(id);
  calls.delete(id);
  if (!call) return;
  clearTimeout(call.timer);
  if (error) call.reject(new Error(`client worker: ${error}`));
  else call.resolve(result);
});
worker.on('error', (error) => {
  for (const call of calls.values()) call.reject(error);
  calls.clear();
});

function call(op, payload = {}, timeoutMs = 180_000) {
  return new Promise((resolve, reject) => {
    const id = ++callIds;
    const timer = setTimeout(() => {
      calls.delete(id);
      reject(new Error(`client worker: ${op} ${payload.key ?? ''} took more than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    calls.set(id, { resolve, reject, timer });
    worker.postMessage({ id, op, ...payload });
  });
}

async function collectGarbage() {
  globalThis.gc?.();
  await call('gc');
}

// --- running one group ---------------------------------------------------------

const progress = (text) => process.stderr.write(`${text}\n`);

async function runGroup(group, context) {
  const settings = SETTINGS[group.scenario];
  const servers = new Map();
  const acc = new Map(
    group.impls.map((impl) => [impl.key, { ops: 0, ms: 0, serverActive: 0, clientActive: 0, latencies: [], redisCommands: new Map() }]),
  );
  const countsRedis = (impl) => group.redis && impl.role === 'ours';
  const ready = [];
  progress(`▸ ${group.title}`);
  try {
    for (const impl of group.impls) servers.set(impl.key, await impl.start(context.redis));
    for (const impl of group.impls) {
      await call('setup', {
        key: `${group.id}/${impl.key}`,
        proto: group.proto,
        url: servers.get(impl.key).url,
        scenario: group.scenario,
        receivers: settings.receivers,
      });
      ready.push(impl.key);
    }
    for (const impl of group.impls) {
      await call('pass', { key: `${group.id}/${impl.key}`, phase: 'load', count: settings.warmup, concurrency: settings.concurrency });
    }
    const rounds = SETTINGS.rounds;
    const orderOf = (round) => (round % 2 === 0 ? group.impls : [...group.impls].reverse());
    for (let round = 0; round < rounds; round++) {
      for (const impl of orderOf(round)) {
        await collectGarbage();
        const commands0 = countsRedis(impl) ? await context.redis.commandCount() : undefined;
        const server0 = performance.eventLoopUtilization();
        const client0 = worker.performance.eventLoopUtilization();
        const result = await call('pass', {
          key: `${group.id}/${impl.key}`,
          phase: 'load',
          count: Math.round(settings.load / rounds),
          concurrency: settings.concurrency,
        });
        const server = performance.eventLoopUtilization(server0);
        const client = worker.performance.eventLoopUtilization(client0);
        const a = acc.get(impl.key);
        if (commands0) {
          for (const [name, calls] of await context.redis.commandCount())
            a.redisCommands.set(name, (a.redisCommands.get(name) ?? 0) + calls - (commands0.get(name) ?? 0));
        }
        a.ops += result.ops;
        a.ms += result.ms;
        a.serverActive += server.active;
        a.clientActive += client.active;
        progress(`    load    ${impl.label.padEnd(42)} ${int((result.ops / result.ms) * 1000).padStart(8)} ops/s`);
      }
    }
    for (let round = 0; round < rounds; round++) {
      for (const impl of orderOf(round)) {
        const result = await call('pass', {
          key: `${group.id}/${impl.key}`,
          phase: 'latency',
          count: Math.round(settings.latency / rounds),
        });
        acc.get(impl.key).latencies.push(...result.latencies);
      }
    }
  } catch (error) {
    group.error = error instanceof Error ? error.message : String(error);
    progress(`    FAILED: ${group.error}`);
  } finally {
    for (const key of ready) await call('teardown', { key: `${group.id}/${key}` }).catch(() => undefined);
    for (const server of servers.values()) await server.close().catch(() => undefined);
  }
  if (group.error) return;
  group.results = group.impls.map((impl) => {
    const a = acc.get(impl.key);
    return {
      ...impl,
      opsPerSec: (a.ops / a.ms) * 1000,
      serverMicrosPerOp: (a.serverActive / a.ops) * 1000,
      serverElu: a.serverActive / a.ms,
      clientElu: a.clientActive / a.ms,
      latency: summarize(a.latencies),
      redisCommandsPerOp: [...a.redisCommands]
        .filter(([, n]) => n / a.ops >= 0.05)
        .map(([name, n]) => [name, n / a.ops])
        .sort((x, y) => y[1] - x[1]),
    };
  });
}

// --- machine and code info --------------------------------------------------------

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function versionOf(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return '?';
  }
}

function machineInfo() {
  const cpus = os.cpus();
  const dirty = git('status', '--porcelain', '--', 'packages').split('\n').filter(Boolean).length;
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return {
    node: `${process.version} (V8 ${process.versions.v8})`,
    os: `${os.type()} ${os.release()} ${process.arch}`,
    cpus: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    code: `git ${commit}${dirty ? ` + ${dirty} uncommitted file(s) under packages/ (the build measured the working tree)` : ''}`,
    libraries: `socket.io ${versionOf('socket.io')}, socket.io-client ${versionOf('socket.io-client')}, ws ${versionOf('ws')}, ioredis ${versionOf('ioredis')}`,
  };
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

// --- report -------------------------------------------------------------------------

function report(groups, info) {
  const header = ['Scenario', 'Implementation', 'ops/s', 'vs base', 'p50 ms', 'p99 ms', 'srv µs/op', 'Δ µs/op', 'srv ELU', 'cli ELU'];
  const rows = [];
  const notes = [];
  for (const group of groups) {
    if (group.skipped) {
      notes.push(`- ${group.title}: skipped (${group.skipped}).`);
      continue;
    }
    if (group.error) {
      notes.push(`- ${group.title}: FAILED: ${group.error.split('\n')[0]}`);
      continue;
    }
    const base = group.results.find((r) => r.role === 'baseline') ?? { opsPerSec: Number.NaN, serverMicrosPerOp: Number.NaN };
    for (const r of group.results) {
      const perOp = r.redisCommandsPerOp;
      if (perOp.length === 0) continue;
      const total = perOp.reduce((sum, [, n]) => sum + n, 0);
      const detail = perOp.map(([name, n]) => `${name} ${fixed(n, 1)}`).join(', ');
      notes.push(
        `- ${group.title}, ${r.label}: ${fixed(total, 1)} Redis commands per operation (${detail}; INFO commandstats over the load phase; commands run inside Lua scripts count too).`,
      );
    }
    for (const [i, r] of group.results.entries()) {
      const isBase = r === base;
      rows.push([
        i === 0 ? group.title : '',
        `${r.label}${isBase ? ' (baseline)' : ''}`,
        int(r.opsPerSec),
        isBase ? '1.00×' : times(r.opsPerSec / base.opsPerSec),
        fixed(r.latency.p50, 3),
        fixed(r.latency.p99, 3),
        fixed(r.serverMicrosPerOp, 1),
        isBase ? '' : signedMicros(r.serverMicrosPerOp - base.serverMicrosPerOp),
        `${Math.round(r.serverElu * 100)}%`,
        `${Math.round(r.clientElu * 100)}%`,
      ]);
    }
  }
  const s = SETTINGS;
  const lines = [
    `# chat-service benchmark, ${info.date} (${QUICK ? 'quick' : 'full'} run, ${info.wallSeconds} s)`,
    '',
    `- node ${info.node}; ${info.os}; ${info.cpus}; ${info.memory}`,
    `- load average (1/5/15 min) at start ${info.loadStart}, at end ${info.loadEnd}${info.redisVersion ? `; redis-server ${info.redisVersion}` : ''}`,
    `- ${info.code}`,
    `- ${info.libraries}`,
    '- Servers run in the main thread; all clients run in ONE worker thread of the same process, over loopback TCP (clients in the same process: ' +
      'client work competes for the same 2 cores, see "cli ELU").',
    `- Round trip: ${s.rtt.warmup} warm-up ops, then ${s.rtt.load} ops at ${s.rtt.concurrency} in flight (one client), then ${s.rtt.latency} sequential ops for p50/p99. ` +
      `Fan-out: ${s.fanout.receivers} receivers + 1 sender in one room, ${s.fanout.warmup} warm-up messages, ${s.fanout.load} messages at ${s.fanout.concurrency} in flight ` +
      `(a message counts when acked AND delivered to all ${s.fanout.receivers}), then ${s.fanout.latency} sequential messages. ` +
      `Each load phase is split in ${s.rounds} passes run alternately (ABBA order) for every implementation of a scenario.`,
    '',
    markdownTable(header, rows),
    '',
    'Columns: **ops/s** throughput of the load phase (fan-out: messages/s, each delivered to every receiver); ' +
      '**vs base** ops/s ÷ the baseline of the same scenario; **p50/p99 ms** latency of the sequential phase (one operation in flight); ' +
      '**srv µs/op** server event-loop busy time per operation in the load phase, **Δ µs/op** its difference from the baseline (our added cost per operation); ' +
      '**srv ELU / cli ELU** event-loop utilization of the server thread / client worker during the load phase ' +
      '(a client near 100% means the client was the bottleneck and the ratio understates the server difference). ' +
      "With the Redis store, server time excludes redis-server's own CPU.",
  ];
  if (notes.length) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

// --- main ---------------------------------------------------------------------------

const t0 = performance.now();
const info = { ...machineInfo(), date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), loadStart: loadavg() };
progress(`chat-service bench (${QUICK ? 'quick' : 'full'}): node ${info.node}, ${info.cpus}, load ${info.loadStart}`);
progress('servers in the main thread, clients in a worker thread of the same process');
const context = { redis: undefined };
try {
  for (const group of selected) {
    if (group.redis && context.redis === undefined) {
      context.redis = await startRedis().catch((error) => {
        progress(`redis-server failed to start: ${error.message}`);
        return null;
      });
      if (context.redis) info.redisVersion = context.redis.version;
    }
    if (group.redis && !context.redis) {
      group.skipped = context.redis === null ? 'redis-server is not on PATH or did not start' : 'no Redis';
      progress(`▸ ${group.title}: skipped (${group.skipped})`);
      continue;
    }
    await runGroup(group, context);
  }
} finally {
  await context.redis?.stop();
  await worker.terminate();
}
info.loadEnd = loadavg();
info.wallSeconds = Math.round((performance.now() - t0) / 1000);

const markdown = report(selected, info);
console.log(`\n${markdown}`);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('latest.md', dir), markdown);
const written = ['bench/results/latest.md'];
if (SAVE) {
  const name = `${info.date.slice(0, 10)}.md`;
  writeFileSync(new URL(name, dir), markdown);
  written.push(`bench/results/${name}`);
}
progress(`written: ${written.join(', ')}`);
process.exitCode = selected.some((g) => g.error) ? 1 : 0;
