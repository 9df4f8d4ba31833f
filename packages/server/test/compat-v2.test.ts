/**
 * Switching from chat-service 1.0: socket.io-client 2 apps are accepted by
 * default (refused with `allowEIO3: false` or the command's
 * `--no-socketio-v2`), see the reference's wire forms (middleware errors as
 * an `error` string, socket ids `namespace#engineId`), and socket.io 4's
 * `auth` reaches the hooks through `getHandshakeData`.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { Server as IoServer } from 'socket.io';
import type { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients } from '@chat-service/test-support/socketio-client';
import { closeAllV2Clients, connectSocketIOV2, ioV2 } from '@chat-service/test-support/socketio-v2-client';
import type { V2Transport } from '@chat-service/test-support/socketio-v2-client';
import { ChatService } from '../src/index.js';
import type { ChatServiceOptions, Hooks } from '../src/index.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const queryAuth: Hooks<ChatService> = { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] };
const services: ChatService[] = [];

afterEach(async () => {
  await closeAllV2Clients();
  await closeAllClients();
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

async function start(options: ChatServiceOptions = {}, hooks: Hooks<ChatService> = queryAuth): Promise<{ service: ChatService; url: string }> {
  const service = new ChatService({ port: 0, ...options }, hooks);
  services.push(service);
  await service.ready;
  const io4 = service.transport.getServer() as Server;
  return { service, url: `http://127.0.0.1:${(io4.httpServer.address() as AddressInfo).port}` };
}

/** The `connect_error` (or `error`) a refused v2 client sees. */
function refusal(url: string, transport: V2Transport): Promise<string> {
  const socket = ioV2(`${url}/chat-service`, { query: 'user=alice', multiplex: false, reconnection: false, forceNew: true, transports: [transport] });
  return new Promise((resolve) => {
    const done = (error: unknown): void => {
      socket.close();
      resolve(error instanceof Error ? error.message : String(error));
    };
    socket.once('connect_error', done);
    socket.once('error', done);
    socket.once('loginConfirmed', () => { done('accepted'); });
  });
}

describe.each(['websocket', 'polling'] as const)('socket.io-client 2 over %s', (transport) => {
  it('runs reference commands: login, roomJoin, roomMessage with binary data, notifications, errors as strings', async () => {
    const { service, url } = await start({ enableUserlistUpdates: true }, { ...queryAuth, roomMessagesChecker: () => Promise.resolve() });
    await service.addRoom('default', { owner: 'admin' });
    const alice = await connectSocketIOV2(url, 'alice', { transport });
    expect(alice.login[0]).toBe('loginConfirmed');
    // socket.io 4 gives protocol-3 clients the socket.io 2 id form, so client and server ids agree.
    expect(alice.client.id).toBe(alice.client.socket.id);
    expect(alice.client.socket.id).toMatch(/^\/chat-service#/);
    expect(alice.client.socket.io.engine.transport.name).toBe(transport);
    expect(await alice.client.call('roomJoin', 'default')).toEqual([null, 1]);
    const bob = await connectSocketIOV2(url, 'bob', { transport });
    expect(await bob.client.call('roomJoin', 'default')).toEqual([null, 1]);
    expect(await alice.client.next('roomUserJoined')).toEqual(['default', 'alice']);
    expect(await alice.client.next('roomUserJoined')).toEqual(['default', 'bob']);
    const payload = Buffer.from([0, 1, 2, 253, 254, 255]);
    const [error, id] = await bob.client.call('roomMessage', 'default', { textMessage: 'hi', binary: payload });
    expect(error).toBeNull();
    const [room, message] = (await alice.client.next('roomMessage')) as [string, Record<string, unknown>];
    expect(room).toBe('default');
    expect(message).toMatchObject({ textMessage: 'hi', author: 'bob', id });
    expect(Buffer.from(message['binary'] as Uint8Array)).toEqual(payload);
    const [, history] = (await alice.client.call('roomRecentHistory', 'default')) as [null, Record<string, unknown>[]];
    expect(Buffer.from(history[0]?.['binary'] as Uint8Array)).toEqual(payload);
    expect(await alice.client.call('roomJoin', 'nowhere')).toEqual(['ChatServiceError: No such room nowhere', null]);
    expect(await alice.client.call('roomMessage', 'default', 'text')).toEqual(['ChatServiceError: Bad argument at position 1, value "text"', null]);
  });

  it('gets error objects with useRawErrorObjects, and a middleware error as the reference did: an error event with the message', async () => {
    const middleware = (_socket: unknown, next: (error?: Error) => void): void => { next(new Error('some error')); };
    const raw = await start({ useRawErrorObjects: true });
    await raw.service.addRoom('default', {});
    const alice = await connectSocketIOV2(raw.url, 'alice', { transport });
    expect(await alice.client.call('roomJoin', 'nowhere')).toEqual([{ name: 'ChatServiceError', code: 'noRoom', args: ['nowhere'] }, null]);
    const guarded = await start({ transportOptions: { middleware } });
    expect(await refusal(guarded.url, transport)).toBe('some error');
  });

  it('is refused when allowEIO3 is false', async () => {
    const { url } = await start({ transportOptions: { ioOptions: { allowEIO3: false } } });
    expect(await refusal(url, transport)).not.toBe('accepted');
  });
});

describe('a socket.io server given as transportOptions.io', () => {
  it('accepts socket.io-client 2 too, unless ioOptions.allowEIO3 is false', async () => {
    for (const [ioOptions, accepted] of [[undefined, true], [{ allowEIO3: false }, false]] as const) {
      const http = createServer();
      const io = new IoServer(http);
      await new Promise<void>((resolve) => http.listen(0, resolve));
      const service = new ChatService({ transportOptions: { io, ...(ioOptions ? { ioOptions } : {}) } }, queryAuth);
      services.push(service);
      await service.ready;
      const outcome = await refusal(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'websocket');
      if (accepted) expect(outcome).toBe('accepted');
      else expect(outcome).not.toBe('accepted');
    }
  });
});

describe('handshake auth', () => {
  it("hooks read socket.io 4's auth option through getHandshakeData(id).auth; v2 clients see their query there", async () => {
    const seen: unknown[] = [];
    const { url } = await start({}, {
      onConnect: (server, id) => {
        const { auth, query } = server.transport.getHandshakeData(id);
        seen.push(auth);
        return auth?.['user'] ?? query['user'];
      },
    });
    const socket = io(`${url}/chat-service`, { auth: { user: 'carol' }, transports: ['websocket'], forceNew: true, reconnection: false });
    const login = await new Promise<unknown[]>((resolve) => socket.once('loginConfirmed', (...args: unknown[]) => { resolve(args); }));
    socket.close();
    expect(login[0]).toBe('carol');
    const v2 = await connectSocketIOV2(url, 'dave');
    expect(v2.login[1]).toBe('dave');
    // socket.io 4 presents a socket.io 2 client's namespace query as its auth.
    expect(seen).toEqual([{ user: 'carol' }, { user: 'dave' }]);
  });
});

describe('the command', () => {
  it('accepts socket.io-client 2 by default and refuses it with --no-socketio-v2', async () => {
    for (const [flags, accepted] of [[[], true], [['--no-socketio-v2'], false]] as const) {
      const child = spawn(process.execPath, [CLI, '--port', '0', '--auth', 'dev', '--log-level', 'info', ...flags], { env: { ...process.env, PORT: '' } });
      try {
        const port = await new Promise<number>((resolve, reject) => {
          let buffer = '';
          child.stdout.on('data', (d: Buffer) => {
            buffer += d.toString();
            const match = /"port":(\d+)[^\n]*"msg":"chat-service listening"|"msg":"chat-service listening"[^\n]*"port":(\d+)/.exec(buffer);
            if (match) resolve(Number(match[1] ?? match[2]));
          });
          child.once('exit', (code) => { reject(new Error(`exited with ${String(code)}`)); });
        });
        const outcome = await refusal(`http://127.0.0.1:${port}`, 'websocket');
        if (accepted) expect(outcome).toBe('accepted');
        else expect(outcome).not.toBe('accepted');
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
  });
});
