/**
 * A server process: runs ONE implementation under test (ours or a bare
 * server), so that its CPU time and memory are its own. Started by the runner
 * (lib/processes.mjs), pinned to the servers' core.
 *
 * Calls: start { impl: 'ours'|'bare', transport: 'socket.io'|'ws', state, redisUrl, prefix, redisOptions, adapter, rooms, fill } → { url };
 * mark { label } (start measuring); read → { cpuMs, busyMs, ms } since mark;
 * memory → { rss, heapUsed } after a full GC; close.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setImmediate } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { meter, serveRpc } from './processes.mjs';
import { startBareSocketIO, startBareWs, startOurs } from './servers.mjs';

let server;
const usage = meter(performance);

async function start({ impl, transport, state = 'memory', redisUrl, prefix, redisOptions, adapter, rooms = [], fill = {}, from }) {
  if (impl === 'bare') server = transport === 'ws' ? await startBareWs({ fill }) : await startBareSocketIO({ fill });
  else {
    const stateOptions = state === 'redis' ? { url: redisUrl, prefix, redisOptions } : undefined;
    // `from`: another checkout (--against), whose own bench servers run its own build.
    const ours = from ? (await import(pathToFileURL(join(from, 'bench/lib/servers.mjs')).href)).startOurs : startOurs;
    server = await ours({ transport, state, stateOptions, adapter, rooms, fill });
  }
  return { url: server.url };
}

// With `--profile=DIR` (BENCH_PROFILE_DIR): a CPU profile of exactly the measured window of each
// pass and, for a connect pass, a sampling heap profile of what its logins left on the heap.
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
let profiler;
let profileLabel;
let heapLabel;

const profilePath = (label, ext) => join(PROFILE_DIR, `${label.replaceAll('/', '_')}.${ext}`);

async function memory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await setImmediate();
  }
  const { rss, heapUsed } = process.memoryUsage();
  if (heapLabel) {
    const { profile } = await profiler.post('HeapProfiler.stopSampling');
    await writeFile(profilePath(heapLabel, 'heapprofile'), JSON.stringify(profile));
    heapLabel = undefined;
  }
  return { rss, heapUsed };
}

async function mark({ label = `pass-${process.pid}` } = {}) {
  if (PROFILE_DIR) {
    if (!profiler) {
      profiler = new Session();
      profiler.connect();
    }
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    profileLabel = label;
    await profiler.post('HeapProfiler.enable');
    if (label.startsWith('connect')) {
      await profiler.post('HeapProfiler.startSampling', { samplingInterval: 256 });
      heapLabel = label;
    } else {
      // Everything the pass allocates, collected objects included: what the scavenges cost.
      await profiler.post('HeapProfiler.startSampling', {
        samplingInterval: 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
  }
  usage.mark();
  return {};
}

async function read() {
  const result = usage.read();
  if (profileLabel) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(profilePath(profileLabel, 'cpuprofile'), JSON.stringify(profile));
    if (!heapLabel) {
      const { profile: allocations } = await profiler.post('HeapProfiler.stopSampling');
      await writeFile(profilePath(profileLabel, 'allocations.heapprofile'), JSON.stringify(allocations));
    }
    profileLabel = undefined;
  }
  return result;
}

serveRpc({
  start,
  mark,
  read,
  memory,
  close: async () => (await server?.close(), {}),
});
