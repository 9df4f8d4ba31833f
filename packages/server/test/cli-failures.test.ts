/**
 * The command's start-up failures, run as an operator would: each exits
 * non-zero with one human line on stderr (no stack trace), naming the cause
 * and what to change; unknown config options are warned about.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@chat-service/test-support/redis-servers';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const servers: Server[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** Runs the command to its exit (killed after `limitMs`). */
function runToExit(args: string[], limitMs = 15_000): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, '--log-level', 'warn', ...args], { env: { ...process.env, PORT: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, ms: Date.now() - started });
    }),
  );
}

/** Expects exit code 1 and exactly one `chat-service: ...` line on stderr, and returns it. */
function oneLine(exit: Exit): string {
  expect(exit.code, exit.stderr).toBe(1);
  const lines = exit.stderr.split('\n').filter(Boolean);
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^chat-service: /);
  return lines[0] ?? '';
}

/** A TCP server on a free port: `silent` accepts and never answers. */
async function tcpServer(): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function configFile(name: string, source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cs-config-')), name);
  writeFileSync(file, source);
  return file;
}

describe('chat-service command start-up failures', () => {
  it('port in use: names the port and hints at --port / PORT', async () => {
    const port = await tcpServer();
    const line = oneLine(await runToExit(['--port', String(port), '--auth', 'dev']));
    expect(line).toBe(`chat-service: port ${port} is already in use (is another chat-service running?): stop it, or choose another port with --port <n> or PORT=<n>`);
  });

  it('Redis refusing connections: the address and "connection refused", within a few seconds', async () => {
    const port = await freePort();
    const exit = await runToExit(['--port', '0', '--store', `redis://127.0.0.1:${port}`]);
    expect(oneLine(exit)).toBe(`chat-service: cannot reach Redis at 127.0.0.1:${port}: connection refused`);
    expect(exit.ms).toBeLessThan(5000);
  });

  it('an unknown Redis host: "unknown host"', async () => {
    const exit = await runToExit(['--port', '0', '--store', 'redis://no-such-host.invalid:6379']);
    expect(oneLine(exit)).toBe('chat-service: cannot reach Redis at no-such-host.invalid:6379: unknown host');
    expect(exit.ms).toBeLessThan(5000);
  });

  it('Redis and cluster nodes that accept but never answer: bounded by the start-up timeout', async () => {
    const [single, a, b] = [await tcpServer(), await tcpServer(), await tcpServer()];
    const [one, cluster] = await Promise.all([
      runToExit(['--port', '0', '--store', `redis://127.0.0.1:${single}`]),
      runToExit(['--port', '0', '--redis-cluster', `127.0.0.1:${a},127.0.0.1:${b}`]),
    ]);
    expect(oneLine(one)).toBe(`chat-service: cannot reach Redis at 127.0.0.1:${single}: no answer within 5000 ms`);
    expect(oneLine(cluster)).toMatch(/: the nodes accept connections but do not answer as a Redis Cluster/);
    expect(cluster.stderr).toContain(`cannot reach the Redis Cluster at 127.0.0.1:${a},127.0.0.1:${b}: `);
    // 5 s of start-up timeout plus the start of a process on a busy machine.
    for (const exit of [one, cluster]) expect(exit.ms).toBeLessThan(12_000);
  });

  it('a cluster whose nodes refuse connections: the nodes and the cause', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const exit = await runToExit(['--port', '0', '--redis-cluster', `127.0.0.1:${a},127.0.0.1:${b}`]);
    expect(oneLine(exit)).toBe(`chat-service: cannot reach the Redis Cluster at 127.0.0.1:${a},127.0.0.1:${b}: connection refused`);
    expect(exit.ms).toBeLessThan(6000);
  });

  it('a config module with a syntax error: its file and line', async () => {
    const file = configFile('bad.mjs', "export const options = {\n  historyMaxSize: 10;\n};\n");
    expect(oneLine(await runToExit(['--port', '0', '--config', file]))).toBe(`chat-service: config module ${file}:2: SyntaxError: Unexpected token ';'`);
  });

  it('a config module throwing while it loads: its file and line', async () => {
    const file = configFile('throws.mjs', "export const options = {};\nthrow new Error('no secret configured');\n");
    expect(oneLine(await runToExit(['--port', '0', '--config', file]))).toBe(`chat-service: config module ${file}:2: Error: no secret configured`);
  });

  it('a missing config module, and one exporting neither hooks nor options', async () => {
    expect(oneLine(await runToExit(['--port', '0', '--config', '/nonexistent/config.mjs']))).toBe('chat-service: config module /nonexistent/config.mjs not found');
    const file = configFile('empty.mjs', 'export const hook = {};\n');
    expect(oneLine(await runToExit(['--port', '0', '--config', file]))).toBe(
      `chat-service: config module ${file} exports neither "hooks" nor "options" (export const hooks = {...} and/or export const options = {...})`,
    );
  });

  it('an option of the wrong type: the key and the type expected', async () => {
    const file = configFile('lots.mjs', "export const options = { historyMaxGetMessages: 'lots' };\n");
    expect(oneLine(await runToExit(['--port', '0', '--config', file]))).toBe(
      `chat-service: ${file}: invalid option historyMaxGetMessages: expected number, got "lots"`,
    );
    const nested = configFile('rate.mjs', 'export const options = { rateLimit: { commands: true, intervalMs: 1000 } };\n');
    expect(oneLine(await runToExit(['--port', '0', '--config', nested]))).toBe(`chat-service: ${nested}: invalid option rateLimit.commands: expected number, got true`);
  });

  it('an unknown option key is warned about, and the server still starts', async () => {
    const file = configFile('typo.mjs', 'export const options = { historyMaxGetMesages: 5 };\n');
    const child = spawn(process.execPath, [CLI, '--port', '0', '--auth', 'dev', '--config', file], { env: { ...process.env, PORT: '' } });
    let stdout = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('chat-service listening')) resolve();
        });
        child.once('exit', (code) => { reject(new Error(`exited with ${String(code)}`)); });
      });
    } finally {
      child.kill('SIGTERM');
    }
    const warning = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => String(entry['msg']).startsWith('unknown option'));
    expect(warning).toMatchObject({ msg: 'unknown option ignored: historyMaxGetMesages (see ChatServiceOptions for the known ones)' });
  });
});
