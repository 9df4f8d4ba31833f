/**
 * A throw-away `redis-server` for the Redis rows, pinned to the core it is given (the runner's
 * `--redis-core`): a free port on 127.0.0.1, no persistence, stopped (by its pid) when the run ends.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { Redis } from 'ioredis';
import { pinned } from './processes.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server, pinned to `core` (a taskset core list; not pinned when undefined).
 * Resolves `{ url, version, stop() }`, or `null` when redis-server is not installed.
 */
export async function startRedis(core) {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];
  const child = spawn(...pinned(core, 'redis-server', args), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10000);
    child.once('error', (error) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') resolve(false);
      else reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 127 && core !== undefined) return resolve(false); // taskset could not find redis-server
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  if (!ready) return null;
  child.removeAllListeners('exit');
  const version = /v=([\d.]+)/.exec(output)?.[1] ?? /Redis version=([\d.]+)/.exec(output)?.[1] ?? 'unknown';
  // If the runner dies without stop(), do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  probe.on('error', () => undefined);
  await probe.connect();
  /** Calls per command the server has run so far (INFO commandstats; an EVALSHA counts once; INFO itself is left out). */
  const commandCount = async () => {
    const stats = await probe.info('commandstats');
    const calls = new Map();
    for (const match of stats.matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)) if (match[1] !== 'info') calls.set(match[1], Number(match[2]));
    return calls;
  };
  /** CPU time (user + system, ms) redis-server has used so far (INFO cpu), which it takes from the core it is pinned to. */
  const cpuMs = async () => {
    const stats = await probe.info('cpu');
    const field = (name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(stats)?.[1] ?? Number.NaN);
    return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
  };
  const stop = () =>
    new Promise((resolve) => {
      probe.disconnect();
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, version, pid: child.pid, commandCount, cpuMs, stop };
}
