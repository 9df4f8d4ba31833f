/**
 * The bench's child processes: the servers under test and the load generator
 * each run in their own Node process, pinned with `taskset` (when it exists
 * and the machine has at least 2 cores) to a core of their own: servers (and
 * by default redis-server) on core 0, the generator on core 1. They talk to the runner
 * over the Node IPC channel: `{ id, op, ...payload }` answered by
 * `{ id, result }` or `{ id, error }` (see `serveRpc`).
 */
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

/** Core numbers: servers on one core, the generator on another; undefined when not pinning. */
export const CORES = (() => {
  if (os.cpus().length < 2) return undefined;
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return { server: '0', generator: '1' };
  } catch {
    return undefined;
  }
})();

/** `[command, args]` running `command args` pinned to `core` when pinning is available. */
export function pinned(core, command, args) {
  return CORES && core !== undefined ? ['taskset', ['-c', core, command, ...args]] : [command, args];
}

/**
 * Starts `node --expose-gc <module>` as a child with an IPC channel, pinned to `role`'s core.
 * Resolves `{ call(op, payload, timeoutMs), pid, stop() }`.
 */
export function startChild(moduleUrl, role) {
  const [command, args] = pinned(CORES?.[role], process.execPath, [
    '--expose-gc',
    ...process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
    ...(role === 'server' ? (process.env.BENCH_SERVER_FLAGS ?? '').split(',').filter(Boolean) : []),
    fileURLToPath(moduleUrl),
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const calls = new Map();
  let ids = 0;
  let exited;
  const failAll = (error) => {
    for (const pending of calls.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    calls.clear();
  };
  child.on('message', ({ id, result, error }) => {
    const pending = calls.get(id);
    if (!pending) return;
    calls.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(new Error(`${role} process: ${error}`));
    else pending.resolve(result);
  });
  child.on('exit', (code, signal) => {
    exited = new Error(`${role} process exited (${signal ?? code})`);
    failAll(exited);
  });
  const call = (op, payload = {}, timeoutMs = 300_000) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      const id = ++ids;
      const timer = setTimeout(() => {
        calls.delete(id);
        reject(new Error(`${role} process: ${op} took more than ${timeoutMs / 1000} s`));
      }, timeoutMs);
      calls.set(id, { resolve, reject, timer });
      child.send({ id, op, ...payload });
    });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    await call('exit', {}, 10_000).catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  return Promise.resolve({ call, pid: child.pid, stop });
}

/** In a child: answers the runner's calls with `ops[op](payload)`; `exit` ends the process. */
export function serveRpc(ops) {
  process.on('message', async (message) => {
    if (message.op === 'exit') {
      process.send({ id: message.id, result: {} }, () => process.exit(0));
      return;
    }
    try {
      const result = await ops[message.op](message);
      process.send({ id: message.id, result });
    } catch (error) {
      process.send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** CPU time (user + system, ms) and event-loop busy time since `mark()`. */
export function meter(performance) {
  let cpu0 = process.cpuUsage();
  let elu0 = performance.eventLoopUtilization();
  let t0 = performance.now();
  return {
    mark() {
      cpu0 = process.cpuUsage();
      elu0 = performance.eventLoopUtilization();
      t0 = performance.now();
    },
    read() {
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      return { cpuMs: (cpu.user + cpu.system) / 1000, busyMs: elu.active, ms: performance.now() - t0 };
    },
  };
}
