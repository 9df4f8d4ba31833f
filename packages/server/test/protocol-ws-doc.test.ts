/**
 * PROTOCOL-WS.md's examples, replayed as they stand against the command
 * started with `npm start`'s flags (on a free port instead of 8000): the
 * frame-by-frame session, the request / response / batch examples and the
 * Node.js device script, each on a fresh server.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/server/dist/cli.js');
const DOC = readFileSync(join(ROOT, 'PROTOCOL-WS.md'), 'utf8');
const children: ChildProcessWithoutNullStreams[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(
    children.splice(0).map((child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }),
  );
});

/** The flags of the root `npm start` script (everything after `cli.js`). */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = scripts['start'] ?? '';
  return start.slice(start.indexOf('cli.js') + 'cli.js'.length).trim().split(/\s+/);
}

/** Starts the command as `npm start` does, on a free port; resolves with the port. */
function startServer(): Promise<number> {
  const child = spawn(process.execPath, [CLI, ...startFlags(), '--port', '0', '--log-level', 'info'], { env: { ...process.env, PORT: '' } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /"port":(\d+)[^\n]*"msg":"chat-service listening"|"msg":"chat-service listening"[^\n]*"port":(\d+)/.exec(out);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    child.once('exit', (code) => { reject(new Error(`the command exited with ${String(code)}`)); });
  });
}

/** The text of `heading`'s section (up to the next heading of the same or a higher level). */
function section(heading: string): string {
  const at = DOC.indexOf(`${heading}\n`);
  if (at < 0) throw new Error(`PROTOCOL-WS.md has no "${heading}"`);
  const level = /^#+/.exec(heading)?.[0] ?? '#';
  const rest = DOC.slice(at + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${String(level.length)}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The fenced blocks of `text` whose info string is `info` (`''` for none). */
function blocks(text: string, info: string): string[] {
  const found: string[] = [];
  let current: string[] | undefined;
  let currentInfo = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (current === undefined) {
        current = [];
        currentInfo = line.slice(3).trim();
      } else {
        if (currentInfo === info) found.push(current.map((l) => `${l}\n`).join(''));
        current = undefined;
      }
    } else if (current !== undefined) {
      current.push(line);
    }
  }
  return found;
}

/** Timestamps and socket ids vary from run to run. */
function normalise(value: unknown, key?: string): unknown {
  if (key === 'timestamp' && typeof value === 'number') return '<timestamp>';
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (typeof value === 'object' && value !== null) {
    // JSON objects are unordered: compare with sorted keys.
    const entries = Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, normalise(v, k)]);
    const out = Object.fromEntries(entries) as Record<string, unknown>;
    if (out['method'] === 'loginConfirmed' && Array.isArray(out['params'])) {
      const authData = out['params'][1] as Record<string, unknown> | undefined;
      if (authData && typeof authData['id'] === 'string') authData['id'] = '<socket id>';
    }
    return out;
  }
  return value;
}

/** A ws client collecting every frame it receives. */
async function connect(port: number, user: string): Promise<{ ws: WebSocket; next: (count: number) => Promise<unknown[]> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/chat-service?user=${user}`, ['chat-service.json']);
  sockets.push(ws);
  const frames: unknown[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString()));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = async (count: number): Promise<unknown[]> => {
    const deadline = Date.now() + 5000;
    while (frames.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${String(count)} frames, got ${JSON.stringify(frames)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return frames.splice(0, count);
  };
  return { ws, next };
}

/** Frames that may arrive in any order among themselves, compared as a multiset. */
function unordered(frames: unknown[]): string[] {
  return frames.map((f) => JSON.stringify(normalise(f))).sort();
}

describe('PROTOCOL-WS.md examples against npm start', () => {
  it('§8: the session, frame by frame', async () => {
    const port = await startServer();
    const lines = (blocks(section('## 8. A session, frame by frame'), '')[0] ?? '').split('\n');
    const operator = await connect(port, 'operator');
    await operator.next(1);
    const device = await connect(port, 'thermo-1');
    expect(device.ws.protocol).toBe('chat-service.json');
    let expected: string[] = [];
    const check = async (): Promise<void> => {
      if (expected.length === 0) return;
      const parsed = expected.map((line) => JSON.parse(line) as Record<string, unknown>);
      const fromOperator = parsed.find((f) => f['method'] === 'directMessage');
      if (fromOperator) {
        const [message] = fromOperator['params'] as [{ textMessage: string }];
        operator.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'directMessage', params: ['thermo-1', { textMessage: message.textMessage }] }));
      }
      expect(unordered(await device.next(parsed.length))).toEqual(unordered(parsed));
      expected = [];
    };
    let frames = 0;
    for (const line of lines) {
      if (line.startsWith('← {')) {
        expected.push(line.slice(2));
        frames += 1;
      } else if (line.startsWith('→ {')) {
        await check();
        device.ws.send(line.slice(2));
        frames += 1;
      }
    }
    await check();
    expect(frames).toBeGreaterThan(10);
  });

  it('§2-§3: login, a request and its response, an error, a client notification', async () => {
    const port = await startServer();
    const login = blocks(section('## 2. Login'), 'json').map((b) => JSON.parse(b) as unknown);
    const json = blocks(section('## 3. Requests and responses'), 'json').map((b) => JSON.parse(b) as Record<string, unknown>);
    const [request, success, , failing, failure, notification] = json;
    const device = await connect(port, 'alice');
    expect(normalise((await device.next(1))[0])).toEqual(normalise(login[0]));
    device.ws.send(JSON.stringify(request));
    const joined = await device.next(2); // the response, and roomUserJoined (userlist updates are on)
    expect(joined.map((f) => normalise(f))).toContainEqual(success);
    device.ws.send(JSON.stringify(failing));
    expect(await device.next(1)).toEqual([failure]);
    device.ws.send(JSON.stringify(notification));
    // No response to a notification: only the broadcast of the message arrives.
    const [broadcast] = (await device.next(1)) as [{ method: string; params: [string, Record<string, unknown>] }];
    expect(broadcast.method).toBe('roomMessage');
    expect(broadcast.params[1]).toMatchObject({ ...(notification?.['params'] as unknown[])[1] as object, author: 'alice', id: 1 });
    const unauthenticated = await connect(port, '');
    expect((await unauthenticated.next(1))[0]).toEqual(login[1]);
  });

  it('§3: the batch', async () => {
    const port = await startServer();
    const [batch, answer] = blocks(section('### Batches'), 'json').map((b) => JSON.parse(b) as unknown[]);
    const device = await connect(port, 'alice');
    await device.next(1);
    device.ws.send(JSON.stringify(batch));
    // Besides the answer: roomUserJoined and the broadcast of "boot".
    const frames = await device.next(3);
    // The epoch is random: the document shows one, the server makes its own.
    const anyString: unknown = expect.any(String);
    const expected = JSON.parse(JSON.stringify(answer), (key, value: unknown) => (key === 'epoch' ? anyString : value)) as unknown;
    expect(frames.find((f) => Array.isArray(f))).toEqual(expected);
  });

  it('§8: the Node.js device script prints what the document says', async () => {
    const port = await startServer();
    const node = section('### Node.js (ws)');
    const [script] = blocks(node, 'js');
    const [printed] = blocks(node, '');
    const dir = mkdtempSync(join(tmpdir(), 'cs-device-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'device.mjs'), (script ?? '').replace('localhost:8000', `localhost:${port}`));
    const child = spawn(process.execPath, [join(dir, 'device.mjs')]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(out).toBe(printed);
    expect(code).toBe(0);
  });
});
