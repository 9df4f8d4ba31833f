#!/usr/bin/env node
/**
 * One command for a local cluster: a Redis server (or the one in REDIS_URL),
 * three instances of the `chat-service` command on it, and a TCP balancer in
 * front of them that serves the web chat page. Open http://127.0.0.1:8000/ in
 * two tabs: each tab lands on another instance, and they chat.
 *
 *   node examples/cluster/start.mjs          # PORT=8000 INSTANCES=3 by default
 *
 * Prints one JSON line once everything listens:
 * {"balancer":8000,"instances":[{"port":…,"instanceUID":"…"},…],"redis":"redis://…"}
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { startBalancer } from './balancer.mjs';

const CLI = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));
const children = [];
let dir;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves with the first stdout line that `match` accepts. */
function startChild(command, args, match, env = process.env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = match(line);
      if (found !== undefined) resolve(found);
    });
  });
}

async function startRedis() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'chat-cluster-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  await startChild('redis-server', args, (line) => (line.includes('Ready to accept connections') ? true : undefined));
  return `redis://127.0.0.1:${port}`;
}

function stop() {
  for (const child of children) child.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const redis = await startRedis();
  const count = Number(process.env.INSTANCES ?? 3);
  const env = { ...process.env, REDIS_URL: redis };
  const args = ['--port', '0', '--auth', 'dev', '--web', '--rooms', 'default', '--direct-messages', '--userlist-updates'];
  if (process.env.PREFIX) args.push('--prefix', process.env.PREFIX);
  const instances = await Promise.all(
    Array.from({ length: count }, () =>
      startChild(process.execPath, [CLI, ...args], (line) => {
        if (!line.includes('"chat-service listening"')) return undefined;
        const { port, instanceUID } = JSON.parse(line);
        return { port, instanceUID };
      }, env),
    ),
  );
  const balancer = await startBalancer(instances.map(({ port }) => ({ host: '127.0.0.1', port })), Number(process.env.PORT ?? 8000));
  process.stdout.write(`${JSON.stringify({ balancer: balancer.address().port, instances, redis })}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => {
  stop();
  process.exit(0);
});
main().catch((error) => {
  process.stderr.write(`cluster example: ${error.message}\n`);
  stop();
  process.exit(1);
});
