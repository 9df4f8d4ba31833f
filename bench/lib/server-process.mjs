/**
 * A server process: runs ONE implementation under test (ours or a bare
 * server), so that its CPU time and memory are its own. Started by the runner
 * (lib/processes.mjs), pinned to the servers' core.
 *
 * Calls: start { impl: 'ours'|'bare', transport: 'socket.io'|'ws', state, redisUrl, prefix, redisOptions, adapter, rooms, fill } → { url };
 * mark (start measuring); read → { cpuMs, busyMs, ms } since mark;
 * memory → { rss, heapUsed } after a full GC; close.
 */
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import { meter, serveRpc } from './processes.mjs';
import { startBareSocketIO, startBareWs, startOurs } from './servers.mjs';

let server;
const usage = meter(performance);

async function start({ impl, transport, state = 'memory', redisUrl, prefix, redisOptions, adapter, rooms = [], fill = {} }) {
  if (impl === 'bare') server = transport === 'ws' ? await startBareWs({ fill }) : await startBareSocketIO({ fill });
  else {
    const stateOptions = state === 'redis' ? { url: redisUrl, prefix, redisOptions } : undefined;
    server = await startOurs({ transport, state, stateOptions, adapter, rooms, fill });
  }
  return { url: server.url };
}

async function memory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await setImmediate();
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

serveRpc({
  start,
  mark: async () => (usage.mark(), {}),
  read: async () => usage.read(),
  memory,
  close: async () => (await server?.close(), {}),
});
