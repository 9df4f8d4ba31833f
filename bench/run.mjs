/**
 * `npm run bench [-- --quick] [-- --only=acks,ws,...] [-- --no-redis] [-- --out=DIR]`
 *
 * Our service (socket.io and ws transports, memory and Redis stores) beside
 * bare socket.io and bare ws servers doing the same traffic, all in ONE run
 * (the machines are shared and noisy: only same-run ratios mean anything).
 * Each implementation runs in its own server process, all clients in one
 * load-generator process, pinned to different cores where `taskset` exists.
 * Writes bench/results/<date>.md and .json. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL, URL } from 'node:url';
import { runGroup } from './lib/measure.mjs';
import { CORES, startChild } from './lib/processes.mjs';
import { startRedis } from './lib/redis.mjs';
import { renderMarkdown, summarizeGroups } from './lib/report.mjs';
import { allGroups, SCENARIOS, settingsFor } from './lib/scenarios.mjs';
import { int } from './lib/stats.mjs';

const USAGE = `usage: npm run bench -- [--quick] [--only=<scenario|transport|group id>,...] [--impl=bare,memory,redis,redis-autopipeline,redis-adapter,against] [--against=CHECKOUT] [--server-flags=--trace-gc,...] [--no-redis] [--out=DIR] [--rounds=N] [--pass-ms=N] [--connections=N]
  scenarios: ${Object.keys(SCENARIOS).join(', ')}; transports: sio, ws; group ids: <scenario>-<transport>, e.g. acks-ws`;

const argv = process.argv.slice(2);
const valueOf = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const known = ['--quick', '--no-redis', '--help'];
const unknown = argv.filter(
  (a) =>
    !known.includes(a) &&
    !['only', 'impl', 'out', 'rounds', 'pass-ms', 'connections', 'profile', 'redis-core', 'against', 'server-flags'].some((n) =>
      a.startsWith(`--${n}=`),
    ),
);
if (argv.includes('--help') || unknown.length) {
  console.error(unknown.length ? `bench: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
  process.exit(unknown.length ? 2 : 0);
}
const QUICK = argv.includes('--quick');
const settings = settingsFor(QUICK);
const overrides = {
  rounds: (n) => (settings.rounds = n),
  'pass-ms': (n) => (settings.passMs = n),
  connections: (n) => (settings.connect.count = n),
};
for (const [option, set] of Object.entries(overrides)) {
  const value = valueOf(option);
  if (value === undefined) continue;
  if (!/^[1-9]\d*$/.test(value)) {
    console.error(`bench: --${option} needs a positive integer, got "${value}"`);
    process.exit(2);
  }
  set(Number(value));
}
// --against=CHECKOUT: ours on the memory store as built in another checkout, beside this one's (an A/B in one run).
const against = valueOf('against');
if (against !== undefined) {
  settings.against = resolve(against);
  for (const file of ['bench/lib/servers.mjs', 'packages/server/dist/index.js']) {
    if (!existsSync(join(settings.against, file))) {
      console.error(
        `bench: --against needs a built checkout: ${join(settings.against, file)} is missing (npm ci && npx turbo run build there)`,
      );
      process.exit(2);
    }
  }
  const git = (...args) =>
    execFileSync('git', ['-C', settings.against, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    settings.againstLabel = `${settings.against} (git ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ', changed' : ''})`;
  } catch {
    settings.againstLabel = settings.against; // not a git checkout
  }
}
const only = (valueOf('only') ?? '').split(',').filter(Boolean);
let groups = allGroups(settings).filter((g) => only.length === 0 || only.some((o) => g.id === o || g.scenario === o || g.proto === o));
if (groups.length === 0) {
  console.error(`bench: --only=${only.join(',')} selects nothing\n${USAGE}`);
  process.exit(2);
}
if (argv.includes('--no-redis')) for (const g of groups) g.impls = g.impls.filter((i) => !i.redis);
const impls = (valueOf('impl') ?? '').split(',').filter(Boolean);
for (const g of groups) g.impls = g.impls.filter((i) => (impls.length ? impls.includes(i.key) : !i.optional));
if (groups.every((g) => g.impls.length === 0)) {
  console.error(
    `bench: --impl=${impls.join(',')} selects nothing (bare, memory, redis, redis-autopipeline, redis-adapter, against)\n${USAGE}`,
  );
  process.exit(2);
}
// Where redis-server runs: on the servers' core (default: its CPU is taken from the server side, as the
// Redis rows' cost), or beside the load generator (as another machine would be, competing with the clients).
const redisSide = valueOf('redis-core') ?? 'server';
if (!['generator', 'server'].includes(redisSide)) {
  console.error(`bench: --redis-core needs generator or server, got "${redisSide}"`);
  process.exit(2);
}
const redisCore = CORES?.[redisSide];

// Node flags for the server processes only (comma-separated), e.g. --server-flags=--trace-gc-nvp.
const serverFlags = valueOf('server-flags');
if (serverFlags !== undefined) process.env.BENCH_SERVER_FLAGS = serverFlags;
// The server processes inherit it: each writes a CPU profile of every measured pass there.
const profileDir = valueOf('profile');
if (profileDir !== undefined) {
  mkdirSync(resolve(profileDir), { recursive: true });
  process.env.BENCH_PROFILE_DIR = resolve(profileDir);
}
const outDir = resolve(valueOf('out') ?? new URL('./results/', import.meta.url).pathname);

// --- machine and code ---------------------------------------------------------------

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

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function machineInfo() {
  const cpus = os.cpus();
  const dirty = git('status', '--porcelain', '--', 'packages').split('\n').filter(Boolean).length;
  return {
    quick: QUICK,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: `${process.version} (V8 ${process.versions.v8})`,
    os: `${os.type()} ${os.release()} ${process.arch}`,
    cpus: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    code: `git ${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ` + ${dirty} uncommitted file(s) under packages/` : ''}`,
    libraries: `socket.io ${versionOf('socket.io')}, socket.io-client ${versionOf('socket.io-client')}, ws ${versionOf('ws')}, ioredis ${versionOf('ioredis')}`,
    pinning: CORES
      ? `taskset: server processes on core ${CORES.server}, the load generator on core ${CORES.generator}, redis-server on core ${redisCore} (with the ${redisSide === 'server' ? 'servers' : 'generator'}; other processes on the machine are not pinned)`
      : 'not pinned (no taskset, or fewer than 2 cores): servers and generator share the cores',
    loadStart: loadavg(),
  };
}

// --- progress --------------------------------------------------------------------

const t0 = performance.now();
const totalPasses = groups.reduce((n, g) => n + g.impls.length * (g.scenario === 'connect' ? settings.connect.rounds : settings.rounds), 0);
let passes = 0;
const elapsed = () => `${Math.round((performance.now() - t0) / 1000)} s`;
const progress = {
  note: (text) => process.stderr.write(`[${passes}/${totalPasses} ${elapsed()}] ${text}\n`),
  pass: ({ group, impl, round, rounds, gen, server }) => {
    passes++;
    const rate = `${int((gen.ops / gen.ms) * 1000)} ${SCENARIOS[group.scenario].unit}`;
    const cpu = `srv ${Math.round((server.cpuMs / gen.ms) * 100)}% gen ${Math.round((gen.cpuMs / gen.ms) * 100)}%`;
    process.stderr.write(
      `[${passes}/${totalPasses} ${elapsed()}] ${group.id} ${impl.key} ${round + 1}/${rounds}: ${rate.padStart(16)}  ${cpu}  load ${os.loadavg()[0].toFixed(1)}\n`,
    );
  },
};

// --- main ------------------------------------------------------------------------

const info = machineInfo();
progress.note(`chat-service bench (${QUICK ? 'quick' : 'full'}), ${info.cpus}, load ${info.loadStart}; ${info.pinning}`);
const generator = await startChild(new URL('./lib/generator.mjs', import.meta.url), 'generator');
const context = { generator, settings, progress, redis: undefined };
try {
  if (groups.some((g) => g.impls.some((i) => i.redis))) {
    context.redis = await startRedis(redisCore).catch((error) => (progress.note(`redis-server failed to start: ${error.message}`), null));
    if (context.redis) info.redisVersion = context.redis.version;
    else for (const g of groups) g.impls = g.impls.filter((i) => !i.redis);
    if (!context.redis) progress.note('no redis-server: the Redis rows are left out');
  }
  for (const group of groups) {
    progress.note(`${group.id}: ${group.impls.map((i) => i.key).join(', ')}`);
    await runGroup(group, context);
  }
} finally {
  await context.redis?.stop();
  await generator.stop();
}
info.loadEnd = loadavg();
info.wallSeconds = Math.round((performance.now() - t0) / 1000);
groups = groups.map((g) => ({ ...g, impls: g.impls.map(({ start: _start, ...rest }) => rest) }));
summarizeGroups(groups);

const markdown = renderMarkdown({ info, settings, groups });
console.log(`\n${markdown}`);
mkdirSync(outDir, { recursive: true });
const stem = `${info.date.slice(0, 16).replace(':', '')}${QUICK ? '-quick' : ''}`;
writeFileSync(resolve(outDir, `${stem}.md`), markdown);
writeFileSync(resolve(outDir, `${stem}.json`), `${JSON.stringify({ info, settings, groups }, null, 2)}\n`);
progress.note(`written: ${pathToFileURL(resolve(outDir, stem)).pathname}.{md,json}`);
process.exitCode = groups.some((g) => g.error) ? 1 : 0;
