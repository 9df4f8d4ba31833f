/**
 * `new ChatService()` that cannot start: `ready` rejects with the cause, the
 * `error` and `closed` events carry it, and nobody watching makes it an
 * unhandled rejection (the process fails instead of exiting 0). Options of
 * the wrong type throw naming the key; unknown keys are warned about.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@chat-service/test-support/redis-servers';
import { ChatService, createChatService, createMemoryStore, createSocketIOTransport, OptionError } from '../src/index.js';
import type { ChatServiceOptions, Logger } from '../src/index.js';

const SERVER_DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The README's "Server in code" example, as a module file that can import the packages. */
function readmeExample(port: number): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Server in code'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'cs-readme-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const file = join(dir, 'server.mjs');
  writeFileSync(file, code.replace('port: 8000', `port: ${port}`));
  return file;
}
const busy: Server[] = [];

afterEach(async () => {
  await Promise.all(busy.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function takenPort(): Promise<number> {
  const server = createServer();
  busy.push(server);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return (server.address() as AddressInfo).port;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = (): void => undefined;
  return { warnings, debug: noop, info: noop, error: noop, warn: (message) => warnings.push(message) };
}

describe('a ChatService that cannot start', () => {
  it('port in use: ready rejects with the port, error and closed are emitted', async () => {
    const port = await takenPort();
    const service = new ChatService({ port });
    const events: [string, unknown][] = [];
    service.on('error', (error) => events.push(['error', error]));
    service.on('closed', (error) => events.push(['closed', error]));
    const error = await service.ready.then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(error?.message).toBe(`[transport-socketio] cannot listen on port ${port}; change the port option`);
    expect(error?.cause?.code).toBe('EADDRINUSE');
    expect(events).toEqual([
      ['error', error],
      ['closed', error],
    ]);
  });

  it('Redis unreachable: ready rejects naming the address and the cause', async () => {
    const port = await freePort();
    const service = new ChatService({ port: 0, state: 'redis', stateOptions: { url: `redis://127.0.0.1:${port}` } });
    await expect(service.ready).rejects.toThrow(`cannot reach Redis at 127.0.0.1:${port}: connection refused`);
  });

  it('with nobody watching, a failed start ends the process non-zero with the cause (not a silent exit 0)', async () => {
    const port = await takenPort();
    const script = `import { ChatService } from ${JSON.stringify(SERVER_DIST)};\nnew ChatService({ port: ${port} });\n`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain(`cannot listen on port ${port}`);
  });
});

describe("the README's server-in-code example", () => {
  it('with its port taken, prints why and exits 1', async () => {
    const port = await takenPort();
    const child = spawn(process.execPath, [readmeExample(port)]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe(`chat service not started: [transport-socketio] cannot listen on port ${port}; change the port option\n`);
    expect(code).toBe(1);
  });
});

describe('option checking', () => {
  it('an option of the wrong type throws, naming it', () => {
    const make = (options: Record<string, unknown>): ChatService => new ChatService(options);
    expect(() => make({ historyMaxGetMessages: 'lots' })).toThrow(new OptionError('historyMaxGetMessages', 'expected number, got "lots"'));
    expect(() => make({ enableDirectMessages: 'yes' })).toThrow('invalid option enableDirectMessages: expected boolean, got "yes"');
    expect(() => make({ port: 'eighty' })).toThrow('invalid option port: expected number, got "eighty"');
    expect(() => make({ rateLimit: { commands: 'x', intervalMs: 1 } })).toThrow('invalid option rateLimit.commands: expected number, got "x"');
  });

  it('limits accept false for "off", and null / undefined mean the default', async () => {
    const service = new ChatService({ port: 0, maxMessageSize: false, rateLimit: false, historyMaxSize: undefined, closeTimeout: null } as unknown as ChatServiceOptions);
    try {
      await service.ready;
      expect(service.options.maxMessageSize).toBe(0);
      expect(service.options.rateLimit).toBeUndefined();
      expect(service.options.closeTimeout).toBe(15000);
    } finally {
      await service.close();
    }
  });

  it('unknown keys are warned about through the logger, and the service starts', async () => {
    const logger = recordingLogger();
    const service = new ChatService({ port: 0, logger, historyMaxGetMesages: 5, enableDirectMessage: true } as ChatServiceOptions);
    try {
      await service.ready;
      expect(logger.warnings).toEqual(['unknown options ignored: historyMaxGetMesages, enableDirectMessage (see ChatServiceOptions for the known ones)']);
    } finally {
      await service.close();
    }
  });

  it('createChatService checks the service options the same way', async () => {
    const logger = recordingLogger();
    const base = { store: createMemoryStore(), transports: [createSocketIOTransport({ port: 0 })], logger };
    expect(() => createChatService({ ...base, historyMaxSize: '10' } as unknown as Parameters<typeof createChatService>[0])).toThrow(
      'invalid option historyMaxSize: expected number, got "10"',
    );
    const service = createChatService({ ...base, transports: [createSocketIOTransport({ port: 0 })], closeTimeot: 5 } as Parameters<typeof createChatService>[0]);
    try {
      await service.whenReady();
      expect(logger.warnings).toEqual(['unknown option ignored: closeTimeot (see CoreOptions for the known ones)']);
    } finally {
      await service.close();
    }
  });

  it('without a logger, unknown keys go to process warnings', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    const service = new ChatService({ port: 0, prot: 8001 } as ChatServiceOptions);
    try {
      await service.ready;
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => [w.name, w.message])).toContainEqual(['ChatServiceWarning', 'unknown option ignored: prot (see ChatServiceOptions for the known ones)']);
    } finally {
      process.off('warning', onWarning);
      await service.close();
    }
  });
});
