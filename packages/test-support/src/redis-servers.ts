/**
 * Real `redis-server` processes for tests: a single node and a six-node
 * Redis Cluster (three masters, three replicas), each on free ports with its
 * own temporary directory. Used by the global setup (`global-setup.ts`); fault-injection
 * tests use {@link startRedisServer} directly to kill and restart a server.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freePorts, pollUntil, redisCommand, type RedisNodeAddress } from './redis-wire.js';

export { freePort, redisCommand, type RedisNodeAddress } from './redis-wire.js';

// --- types ---

/** A running `redis-server` process started by the tests. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops the server (SIGTERM), waits for its exit and removes its directory. Idempotent. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL) and waits for its exit; keeps its directory, so it can be restarted on the same port. */
  kill(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The port; a free one by default (restart a killed server by passing its port). */
  port?: number;
  /** The working directory; a new temporary one by default (removed by `stop()`). */
  dir?: string;
  /** Extra `redis-server` arguments. */
  args?: readonly string[];
}

/** A running six-node cluster started by the tests. */
export interface RedisClusterHandle {
  readonly nodes: readonly RedisNodeAddress[];
  /** The node processes, in `nodes` order (kill one to force a failover). */
  readonly servers: readonly RedisServerHandle[];
  /** Stops every node and removes the cluster's directory. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

// --- processes ---

/** redis-server or redis-cli is not installed: retrying cannot help. */
class MissingBinaryError extends Error {}

const MISSING = 'redis-server was not found on PATH. Install it (`apt-get install -y redis-server`) or set REDIS_URL / REDIS_CLUSTER_NODES to existing servers.';

/** Spawns a process and rejects clearly when its binary is missing. */
async function spawnChecked(command: string, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new MissingBinaryError(command === 'redis-server' ? MISSING : `${command} was not found on PATH (it comes with redis-server: \`apt-get install -y redis-server\`).`) : error);
    });
    child.once('spawn', () => {
      resolve(child);
    });
  });
}

/** Keeps the last few KB of a process's output, for error messages. */
function captureOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

/** Resolves when the process has exited (at once if it already has). */
async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

/**
 * Kills the server and removes its directory if this process dies without
 * stopping it (a test run killed by a timeout never runs its teardown): a
 * detached shell polls both pids, and acts only when the test process is gone.
 */
function watchOrphan(child: ChildProcess, dir: string): void {
  if (child.pid === undefined) return;
  const [parent, pid] = [String(process.pid), String(child.pid)];
  const script = `while kill -0 ${parent} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; if ! kill -0 ${parent} 2>/dev/null; then kill -9 ${pid} 2>/dev/null; rm -rf '${dir.replace(/'/g, '')}'; fi`;
  const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  watchdog.on('error', () => undefined);
  watchdog.unref();
}

/**
 * Starts a `redis-server` without persistence on 127.0.0.1 and resolves once it
 * answers PING. Kill it with `kill()` and start it again with the same `port`
 * (and `dir`) to simulate a crash and a restart. Without a `port`, a free one
 * is picked (and another one tried if a concurrent run grabbed it first).
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServerHandle> {
  if (options.port !== undefined) return startOnce(options.port, options);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (error) {
      if (error instanceof MissingBinaryError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number, options: StartRedisServerOptions): Promise<RedisServerHandle> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), `chat-service-redis-${String(port)}-`)));
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', '', ...(options.args ?? [])];
  const child = await spawnChecked('redis-server', args).catch(async (error: unknown) => {
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const output = captureOutput(child);
  watchOrphan(child, dir);
  let exitedEarly = false;
  void exited(child).then(() => {
    exitedEarly = true;
  });
  const address = { host: HOST, port };
  try {
    await pollUntil(
      async () => {
        if (exitedEarly) throw new Error('exited');
        // the pid check makes sure we talk to our server, not one that already held the port
        return (await redisCommand(address, ['INFO', 'server'], 500)).includes(`process_id:${String(child.pid)}\r\n`);
      },
      () => `redis-server on port ${String(port)} did not start${exitedEarly ? ' (it exited)' : ''}:\n${output()}`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child);
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `redis://${HOST}:${String(port)}`,
    host: HOST,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      await exited(child);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

// --- cluster ---

/** Runs `redis-cli` to completion; rejects with its output on failure. */
async function redisCli(args: readonly string[]): Promise<void> {
  const child = await spawnChecked('redis-cli', args);
  const output = captureOutput(child);
  await exited(child);
  if (child.exitCode !== 0) throw new Error(`redis-cli ${args.join(' ')} failed:\n${output()}`);
}

/**
 * Starts a six-node Redis Cluster (three masters with one replica each) on
 * free ports and resolves once every node reports `cluster_state:ok` and
 * every replica is in sync with its master.
 */
export async function startRedisCluster(): Promise<RedisClusterHandle> {
  try {
    return await startClusterOnce();
  } catch (error) {
    // a concurrent test run may have taken one of the free ports: one more try
    if (error instanceof MissingBinaryError) throw error;
    return startClusterOnce();
  }
}

async function startClusterOnce(): Promise<RedisClusterHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'chat-service-redis-cluster-'));
  const ports = await freePorts(12);
  const servers: RedisServerHandle[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const port = ports[i] ?? 0;
        const server = await startRedisServer({
          port,
          dir,
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${String(port)}.conf`), '--cluster-node-timeout', '2000', '--repl-diskless-sync-delay', '0', '--cluster-port', String(ports[i + 6] ?? 0)],
        });
        servers.push(server);
      }),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    servers.sort((a, b) => a.port - b.port);
    const nodes = servers.map((s) => ({ host: s.host, port: s.port }));
    await redisCli(['--cluster', 'create', ...nodes.map((n) => `${n.host}:${String(n.port)}`), '--cluster-replicas', '1', '--cluster-yes']);
    let last = '';
    await pollUntil(
      async () => {
        const infos = await Promise.all(nodes.map((n) => redisCommand(n, ['CLUSTER', 'INFO'])));
        last = infos.join('\n');
        if (!infos.every((info) => info.includes('cluster_state:ok'))) return false;
        // replicas in sync, so that a killed master fails over at once
        const replication = await Promise.all(nodes.map((n) => redisCommand(n, ['INFO', 'replication'])));
        last = replication.join('\n');
        return replication.every((info) => info.includes('role:master') || info.includes('master_link_status:up'));
      },
      () => `the Redis Cluster did not reach cluster_state:ok with its replicas in sync:\n${last}`,
    );
    return { nodes, servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
