/**
 * The command's pino logger: JSON lines with level names, tokens redacted
 * from headers, queries and URLs, one child logger per connection (socket id
 * and user), and `NODE_DEBUG=ChatService` turning on debug lines, in the
 * command's logger and in the library's default logger (a child process,
 * since `util.debuglog` reads the environment once).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks } from '@chat-service/core';
import { createInProcessTransport } from '@chat-service/core/testing';
import { createMemoryStore } from '@chat-service/store-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { logConnections } from '../src/cli/connection-log.js';
import { createServerLogger } from '../src/cli/logger.js';
import type { LogLevel } from '../src/cli/logger.js';

/** A logger writing into an array of parsed lines. */
function capture(level: LogLevel, env: NodeJS.ProcessEnv = {}): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createServerLogger> } {
  const lines: Record<string, unknown>[] = [];
  const logger = createServerLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }, env);
  return { lines, logger };
}

const services: ChatServiceCore[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

describe('the command logger (pino)', () => {
  it('writes JSON lines with level names, ISO times and serialised errors, above its level only', () => {
    const { lines, logger } = capture('info');
    logger.debug('hidden');
    logger.warn('careful', { error: new Error('boom'), n: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'careful', n: 1, error: { type: 'Error', message: 'boom' } });
    expect(new Date(String(lines[0]?.['time'])).toISOString()).toBe(lines[0]?.['time']);
  });

  it('redacts tokens in headers, query objects and URLs', () => {
    const { lines, logger } = capture('info');
    const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
    logger.info('handshake', {
      headers: { authorization: `Bearer ${secret}`, cookie: `sid=${secret}`, host: 'chat.example' },
      query: { token: secret, user: 'alice' },
      url: `/chat-service?user=alice&token=${secret}&x=1`,
      handshake: { headers: { authorization: secret } },
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      headers: { authorization: '[Redacted]', cookie: '[Redacted]', host: 'chat.example' },
      query: { token: '[Redacted]', user: 'alice' },
      url: '/chat-service?user=alice&token=[Redacted]&x=1',
    });
  });

  it('NODE_DEBUG=ChatService lowers the level to debug', () => {
    const quiet = capture('info', { NODE_DEBUG: 'http' });
    quiet.logger.debug('a');
    expect(quiet.lines).toEqual([]);
    const loud = capture('info', { NODE_DEBUG: 'net,ChatService' });
    loud.logger.debug('a');
    expect(loud.lines).toMatchObject([{ level: 'debug', msg: 'a' }]);
  });

  it('gives each connection a child logger with its socket id and user, dropped at disconnect', async () => {
    const { lines, logger } = capture('debug');
    const transport = createInProcessTransport();
    const hooks: Hooks = { onConnect: (server, id) => (server as ChatServiceCore).transport.getHandshakeData(id).query['user'] };
    const service = new ChatServiceCore({ store: createMemoryStore(), transports: [transport], hooks });
    services.push(service);
    const held = logConnections(service, logger);
    await service.whenReady();
    await service.addRoom('lobby');
    const { client } = await transport.connect('alice');
    await client.call('roomJoin', 'lobby');
    expect(held()).toBe(1);
    await client.close();
    const id = client.id;
    const mine = lines.filter((l) => l['socket'] === id);
    expect(mine.map((l) => l['msg'])).toEqual(['socket connected', 'command', 'socket disconnected']);
    for (const line of mine) expect(line['user']).toBe('alice');
    expect(mine[1]).toMatchObject({ level: 'debug', command: 'roomJoin', ok: true });
    expect(held()).toBe(0);
  });
});

describe('NODE_DEBUG=ChatService in the library', () => {
  // A hook bug (a plain Error thrown by onConnect), met by a real ws client.
  const script = `
    import { ChatService } from ${JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)))};
    import WebSocket from ${JSON.stringify(createRequire(import.meta.url).resolve('ws'))};
    import { createServer } from 'node:http';
    const http = createServer();
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    const service = new ChatService({ transport: 'ws', transportOptions: { server: http } }, { onConnect: () => { throw new Error('hook bug'); } });
    await service.whenReady();
    const ws = new WebSocket('ws://127.0.0.1:' + http.address().port + '/chat-service', 'chat-service.json');
    await new Promise((resolve) => ws.once('message', resolve));
    ws.close();
    await service.close();
    http.close();
  `;
  const runScript = (env: NodeJS.ProcessEnv): Promise<string> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('exit', () => { resolve(err); });
    });

  it('prints a failure that is not a ChatServiceError to stderr; silent without it', async () => {
    const [on, off] = await Promise.all([runScript({ NODE_DEBUG: 'ChatService' }), runScript({ NODE_DEBUG: '' })]);
    expect(on).toMatch(/CHATSERVICE \d+: warn login failed[\s\S]*Error: hook bug/);
    expect(off).not.toContain('hook bug');
  });
});
