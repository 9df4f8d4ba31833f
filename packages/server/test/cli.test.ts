/**
 * The `chat-service` command, run from the built package as a user would:
 * flags, dev auth, JWT auth, config modules, /healthz, the reference client, the ws
 * endpoint on the same port, Redis, and graceful shutdown.
 */
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK } from 'jose';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedisStore } from '@chat-service/store-redis';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { afterEach, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { startRedisServer } from '@chat-service/test-support/redis-servers';
import type {} from '@chat-service/test-support/global-setup';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import { get, upgrade } from './helpers/http-probe.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

interface Started {
  child: ChildProcessWithoutNullStreams;
  port: number;
  instanceUID: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function run(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { env: { ...process.env, PORT: '' } });
  children.push(child);
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry['msg'] === 'chat-service listening') {
          resolve({ child, port: entry['port'] as number, instanceUID: entry['instanceUID'] as string, logs, exited });
        }
      }
    });
    void exited.then((code) => { reject(new Error(`cli exited with ${String(code)}: ${stderr}`)); });
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, ...args]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => { resolve({ code, out }); }));
}

/** An HS256 token signed with `secret`. */
function hs256(secret: string, payload: Record<string, unknown>): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const data = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
}

/** The first notification of a raw ws connection (loginConfirmed or loginRejected). */
function firstNotification(ws: WebSocket): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data: Buffer) => { resolve(JSON.parse(data.toString()) as { method: string; params: unknown[] }); });
    ws.once('error', reject);
  });
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  for (const start = Date.now(); !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
  }
}

afterEach(async () => {
  await closeAllWsClients();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('chat-service command', () => {
  it('prints usage, and refuses bad flags', async () => {
    const help = await runToExit(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: chat-service');
    const bad = await runToExit(['--transports', 'carrier-pigeon']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('unknown transport');
  });

  it('serves the reference client, ws clients and /healthz, then shuts down on SIGTERM', async () => {
    const server = await run(['--auth', 'dev', '--rooms', 'default']);
    expect(server.logs.some((l) => l['level'] === 'warn' && String(l['msg']).includes('DEVELOPMENT AUTH'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', instanceUID: server.instanceUID });
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', instanceUID: server.instanceUID });

    // The client of the reference README, unchanged but for the address.
    const socket = io(`http://localhost:${server.port}/chat-service`, { query: 'user=someLogin&password=somePassword' } as never);
    const { client: device } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'device');
    expect(await device.call('roomJoin', 'default')).toEqual([null, 1]);
    const received = new Promise<unknown[]>((resolve, reject) => {
      socket.once('loginConfirmed', (userName: string) => {
        expect(userName).toBe('someLogin');
        socket.emit('roomJoin', 'default', (error: unknown, data: unknown) => {
          if (error) reject(new Error('roomJoin failed', { cause: error }));
          expect(data).toBe(1);
          socket.emit('roomMessage', 'default', { textMessage: 'Hello!' });
        });
      });
      socket.once('loginRejected', (error: unknown) => { reject(new Error(String(error))); });
      socket.on('roomMessage', (room: string, msg: unknown) => { resolve([room, msg]); });
    });
    const [room, msg] = await received;
    expect(room).toBe('default');
    expect(msg).toMatchObject({ textMessage: 'Hello!', author: 'someLogin', id: 1 });
    expect((await device.next('roomMessage'))[1]).toMatchObject({ textMessage: 'Hello!', author: 'someLogin' });
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(metrics).toContain('chat_service_connected_sockets 2');
    expect(metrics).toContain('chat_service_commands_total{command="roomJoin",outcome="ok"} 2');
    expect(metrics).toContain('chat_service_logins_total{outcome="confirmed",transport="ws"} 1');
    expect(metrics).toMatch(/^process_cpu_seconds_total \d/m);
    socket.close();

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.logs.map((l) => l['msg'])).toContain('stopped');
  });

  it('without an auth hook every login is rejected, and says so', async () => {
    const server = await run([]);
    expect(server.logs.some((l) => String(l['msg']).includes('no onConnect hook'))).toBe(true);
    const { login } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'user1');
    expect(login).toEqual(['loginRejected', 'ChatServiceError: No login provided']);
  });

  it('--auth jwt accepts valid tokens from ?token= (socket.io) and a Bearer header (ws), and rejects expired ones', async () => {
    const server = await run(['--auth', 'jwt', '--jwt-secret', 's', '--log-level', 'debug']);
    const exp = Math.floor(Date.now() / 1000) + 300;
    expect(server.logs.some((l) => l['msg'] === 'jwt auth' && l['claim'] === 'sub')).toBe(true);

    const socket = io(`http://127.0.0.1:${server.port}/chat-service`, { query: { token: hs256('s', { sub: 'alice', exp, role: 'secret-ish' }) }, transports: ['websocket'] });
    const [name, authData] = await new Promise<unknown[]>((resolve, reject) => {
      socket.once('loginConfirmed', (...args: unknown[]) => { resolve(args); });
      socket.once('loginRejected', (error: unknown) => { reject(new Error(String(error))); });
    });
    socket.close();
    expect(name).toBe('alice');
    expect(authData).toEqual({ exp, id: expect.any(String) as unknown });

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/chat-service`, 'chat-service.json', { headers: { authorization: `Bearer ${hs256('s', { sub: 'bob', exp })}` } });
    try {
      expect(await firstNotification(ws)).toMatchObject({ method: 'loginConfirmed', params: ['bob', { exp }] });
    } finally {
      ws.close();
    }

    const expiredToken = hs256('s', { sub: 'carol', exp: exp - 3600 });
    const expired = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, { token: expiredToken });
    expect(expired.login).toEqual(['loginRejected', 'ChatServiceError: Action is not allowed']);
    const forged = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, { token: hs256('not-s', { sub: 'carol', exp }) });
    expect(forged.login).toEqual(['loginRejected', 'ChatServiceError: Action is not allowed']);
    const none = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'carol');
    expect(none.login).toEqual(['loginRejected', 'ChatServiceError: No login provided']);
    await until(() => server.logs.filter((l) => l['msg'] === 'jwt auth: token rejected').length === 2);
    expect(server.logs.filter((l) => l['msg'] === 'jwt auth: token rejected').map((l) => l['reason'])).toEqual(['token expired', 'bad signature']);
    expect(JSON.stringify(server.logs)).not.toContain(expiredToken.split('.')[2]);
  });

  it('--auth jwt needs exactly one key, and a config onConnect wins over it', async () => {
    const missing = await runToExit(['--auth', 'jwt']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('--auth jwt needs exactly one of --jwt-secret');
    const both = await runToExit(['--auth', 'jwt', '--jwt-secret', 's', '--jwt-public-key', '/nonexistent.pem']);
    expect(both.code).toBe(2);
    const badKey = await runToExit(['--auth', 'jwt', '--jwt-public-key', '/nonexistent.pem']);
    expect(badKey.code).toBe(2);
    expect(badKey.out).toContain('not a readable PEM public key');

    const dir = mkdtempSync(join(tmpdir(), 'chat-service-config-'));
    const file = join(dir, 'config.mjs');
    writeFileSync(file, `export const hooks = { onConnect: (server, id) => 'cfg-' + server.transport.getHandshakeData(id).query.user };\n`);
    const server = await run(['--config', file, '--auth', 'jwt', '--jwt-secret', 's', '--transports', 'ws']);
    expect(server.logs.some((l) => l['level'] === 'warn' && String(l['msg']).includes('--auth jwt is ignored'))).toBe(true);
    const { login } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'x');
    expect(login.slice(0, 2)).toEqual(['loginConfirmed', 'cfg-x']);
  });

  it('--auth jwt --jwt-jwks-url verifies tokens against an identity provider key set served by the test', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }] };
    const idp = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${String((idp.address() as AddressInfo).port)}/jwks.json`;
      const server = await run(['--auth', 'jwt', '--jwt-jwks-url', url, '--jwt-issuer', 'https://idp.test/', '--transports', 'ws']);
      expect(server.logs.some((l) => l['msg'] === 'jwt auth' && l['key'] === 'jwks' && l['jwksUrl'] === url)).toBe(true);
      const sign = (iss: string): Promise<string> =>
        new SignJWT({ sub: 'dana' }).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setIssuer(iss).setExpirationTime('5m').sign(privateKey);
      const ok = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, { token: await sign('https://idp.test/') });
      expect(ok.login.slice(0, 2)).toEqual(['loginConfirmed', 'dana']);
      const wrongIssuer = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, { token: await sign('https://evil.test/') });
      expect(wrongIssuer.login).toEqual(['loginRejected', 'ChatServiceError: Action is not allowed']);
    } finally {
      await new Promise((resolve) => idp.close(resolve));
    }
    const badUrl = await runToExit(['--auth', 'jwt', '--jwt-jwks-url', 'not a url']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.out).toContain('--jwt-jwks-url "not a url" is not a URL');
  });

  it('loads hooks and options from a config module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-service-config-'));
    const file = join(dir, 'config.mjs');
    writeFileSync(
      file,
      `export const hooks = { onConnect: async (server, id) => ['cfg-' + server.transport.getHandshakeData(id).query.user, { role: 'tester' }] };\n` +
        `export const options = { enableDirectMessages: true };\n`,
    );
    const server = await run(['--config', file, '--transports', 'ws']);
    const { client, login } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'x');
    expect(login[0]).toBe('loginConfirmed');
    expect(login[1]).toBe('cfg-x');
    expect(login[2]).toMatchObject({ role: 'tester' });
    await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'y');
    expect((await client.call('directMessage', 'cfg-y', { textMessage: 'hi' }))[0]).toBeNull();
  });

  it('runs on a Redis Cluster given as a node list, and answers CORS for allowed origins', async () => {
    const nodes = inject('redisClusterNodes').map((n) => `${n.host}:${n.port}`).join(',');
    const prefix = `clic${Math.random().toString(36).slice(2, 8)}`;
    const server = await run(['--auth', 'dev', '--redis-cluster', nodes, '--prefix', prefix, '--rooms', 'lobby', '--cors', 'http://app.example']);
    expect(server.logs.find((l) => l['msg'] === 'chat-service listening')?.['store']).toBe('redis-cluster');
    const { client: a } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'alice');
    const { client: b } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'bob');
    await a.call('roomJoin', 'lobby');
    await b.call('roomJoin', 'lobby');
    await a.call('roomMessage', 'lobby', { textMessage: 'over the cluster' });
    expect((await b.next('roomMessage'))[1]).toMatchObject({ textMessage: 'over the cluster', author: 'alice' });
    const polling = await fetch(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://app.example' } });
    expect(polling.headers.get('access-control-allow-origin')).toBe('http://app.example');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('on Redis, a graceful shutdown leaves no socket of the instance in the store', async () => {
    const prefix = `cli${Math.random().toString(36).slice(2, 8)}`;
    const server = await run(['--auth', 'dev', '--store', inject('redisUrl'), '--prefix', prefix, '--rooms', 'lobby']);
    const { client } = await connectWs(`ws://127.0.0.1:${server.port}/chat-service`, 'alice');
    expect(await client.call('roomJoin', 'lobby')).toEqual([null, 1]);
    const store = createRedisStore({ url: inject('redisUrl'), prefix });
    try {
      expect(Object.values(await store.getInstanceSockets(server.instanceUID))).toEqual(['alice']);
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      expect(await store.getInstanceSockets(server.instanceUID)).toEqual({});
      expect(await store.countUserSockets('alice')).toBe(0);
      expect(await store.roomListGet('lobby', 'userlist')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('/readyz answers 503 while its Redis is down and 200 once it is back; /healthz stays 200', async () => {
    const redis = await startRedisServer();
    onTestFinished(() => redis.kill());
    const server = await run(['--auth', 'dev', '--store', redis.url, '--transports', 'ws']);
    const probe = async (path: string): Promise<[number, Record<string, unknown>]> => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
      return [response.status, (await response.json()) as Record<string, unknown>];
    };
    expect(await probe('/readyz')).toEqual([200, { status: 'ready', instanceUID: server.instanceUID }]);
    await redis.kill();
    const [status, body] = await probe('/readyz');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'not ready', reason: expect.stringMatching(/^store unavailable: /) as unknown });
    expect((await probe('/healthz'))[0]).toBe(200);
    const restarted = await startRedisServer({ port: redis.port });
    onTestFinished(() => restarted.stop());
    await vi.waitFor(async () => { expect((await probe('/readyz'))[0]).toBe(200); }, { timeout: 10_000, interval: 100 });
  });
});

describe('plain HTTP and origins on the command', () => {
  it('answers 426 on the ws endpoint, 404 on unknown paths and unknown upgrades, with both transports or ws alone', async () => {
    const both = await run(['--auth', 'dev']);
    expect(await get(both.port, '/chat-service')).toBe(426);
    expect(await get(both.port, '/nope')).toBe(404);
    expect(await upgrade(both.port, '/elsewhere')).toBe(404);
    expect(await upgrade(both.port, '/chat-service?user=a')).toBe(101);
    const wsOnly = await run(['--auth', 'dev', '--transports', 'ws']);
    expect(await get(wsOnly.port, '/socket.io/?EIO=4&transport=polling')).toBe(404);
    expect(await get(wsOnly.port, '/chat-service')).toBe(426);
    expect(await upgrade(wsOnly.port, '/elsewhere')).toBe(404);
  });

  it('--allowed-origins refuses other page origins on both transports', async () => {
    const { port } = await run(['--auth', 'dev', '--allowed-origins', 'https://app.example.com']);
    expect(await upgrade(port, '/chat-service?user=a', { origin: 'https://evil.example.com' })).toBe(403);
    expect(await upgrade(port, '/chat-service?user=a', { origin: 'https://app.example.com' })).toBe(101);
    expect(await get(port, '/socket.io/?EIO=4&transport=polling', { origin: 'https://evil.example.com' })).toBe(403);
    expect(await get(port, '/socket.io/?EIO=4&transport=polling', { origin: 'https://app.example.com' })).toBe(200);
  });
});
