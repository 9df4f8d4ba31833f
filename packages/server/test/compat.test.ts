/**
 * The reference constructor and options over real socket.io clients:
 * initialization 2-7, connection 4, errorsHandling 1-2, one port for both
 * transports, and the CommonJS entry.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { Adapter } from 'socket.io-adapter';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients, connectSocketIO } from '@chat-service/test-support/socketio-client';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import { ChatService, createChatService, createMemoryStore, createSocketIOTransport, MemoryState, SocketIOTransport } from '../src/index.js';
import type { ChatServiceOptions, Hooks } from '../src/index.js';

const auth: Hooks<ChatService> = { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] };
const services: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await closeAllClients();
  await closeAllWsClients();
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

async function start(options: ChatServiceOptions, hooks: Hooks<ChatService> = auth): Promise<ChatService> {
  const service = new ChatService(options, hooks);
  services.push(service);
  await service.whenReady();
  return service;
}

function portOf(service: ChatService): number {
  const io = service.transport.getServer() as Server;
  return (io.httpServer.address() as AddressInfo).port;
}

describe('ChatService construction', () => {
  // Port 8000 may be taken (by `npm start`, say): then the promise is kept by a
  // start that fails on 8000 itself, which proves the default as well.
  it('new ChatService() with no arguments uses port 8000: listens there and emits ready, or fails to start on 8000 when it is taken', async () => {
    const service = new ChatService();
    services.push(service);
    expect(service.port).toBe(8000);
    const emitted = new Promise<string>((resolve) => {
      service.once('ready', () => { resolve('ready'); });
      service.once('error', () => { resolve('error'); });
    });
    const started = await service.ready.then(
      () => null,
      (error: unknown) => error as Error & { cause?: { code?: string; port?: number } },
    );
    if (started === null) {
      expect(await emitted).toBe('ready');
      expect(portOf(service)).toBe(8000);
      await service.close();
    } else {
      expect(await emitted).toBe('error');
      expect(started.cause?.code).toBe('EADDRINUSE');
      expect(started.cause?.port).toBe(8000);
    }
  });

  it('attaches to an http server that starts listening later', async () => {
    const http = createServer();
    await start({ transportOptions: { http } });
    await new Promise<void>((resolve) => http.listen(0, resolve));
    const { login } = await connectSocketIO(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'user1');
    expect(login[0]).toBe('loginConfirmed');
  });

  it('uses an existing socket.io server as is', async () => {
    const http = createServer();
    const io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, resolve));
    const service = await start({ transportOptions: { io } });
    expect(service.transport.getServer()).toBe(io);
    const { login } = await connectSocketIO(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'user1');
    expect(login[0]).toBe('loginConfirmed');
  });

  it('accepts a state class, a ready store and a transport class', async () => {
    for (const options of [
      { state: MemoryState, port: 0 },
      { state: createMemoryStore(), port: 0 },
      { transport: SocketIOTransport, transportOptions: { port: 0 } },
    ] as ChatServiceOptions[]) {
      const service = await start(options);
      const { login } = await connectSocketIO(`http://127.0.0.1:${portOf(service)}`, 'user1');
      expect(login[0]).toBe('loginConfirmed');
    }
  });

  it('installs a socket.io adapter given as a factory with adapterOptions', async () => {
    const made: unknown[] = [];
    // Shaped like the socket.io-redis factory: called with the options, returns an adapter class.
    function fakeRedisAdapter(this: unknown, url: unknown): typeof Adapter {
      made.push(url);
      return class extends Adapter {};
    }
    const service = await start({ port: 0, adapter: fakeRedisAdapter, adapterOptions: 'redis://localhost:6379' });
    expect(made).toEqual(['redis://localhost:6379']);
    const { login } = await connectSocketIO(`http://127.0.0.1:${portOf(service)}`, 'user1');
    expect(login[0]).toBe('loginConfirmed');
  });

  it('throws synchronously for an invalid state, transport or adapter', () => {
    expect(() => new ChatService({ state: {} })).toThrow(/Invalid state/);
    expect(() => new ChatService({ state: 'mongo' })).toThrow(/Invalid state/);
    expect(() => new ChatService({ transport: {} })).toThrow(/Invalid transport/);
    expect(() => new ChatService({ port: 0, adapter: 42 })).toThrow(/Invalid adapter/);
  });

  it('refuses a client whose namespace middleware fails, with connect_error', async () => {
    const service = await start({
      port: 0,
      transportOptions: { middleware: (_socket: unknown, next: (e?: Error) => void) => { next(new Error('some error')); } },
    });
    await expect(connectSocketIO(`http://127.0.0.1:${portOf(service)}`, 'user1')).rejects.toThrow('some error');
  });

  it('exposes the error class statically and per instance', async () => {
    const service = await start({ port: 0 });
    expect(ChatService.ChatServiceError).toBe(service.ChatServiceError);
    expect(String(new service.ChatServiceError('noRoom', 'r'))).toBe('ChatServiceError: No such room r');
  });

  it('createChatService builds a service from ports', async () => {
    const transport = createSocketIOTransport({ port: 0 });
    const service = createChatService({ store: createMemoryStore(), transports: [transport], hooks: auth as Hooks });
    services.push(service);
    await service.whenReady();
    const { client } = await connectSocketIO(`http://127.0.0.1:${transport.port ?? 0}`, 'user1');
    expect(await client.call('directGetWhitelistMode')).toEqual([null, false]);
  });
});

describe('payload limits over socket.io', () => {
  it('an oversized packet disconnects that client only (maxHttpBufferSize, 1 MB by default)', async () => {
    const service = await start({ port: 0 });
    await service.addRoom('lobby');
    const url = `http://127.0.0.1:${portOf(service)}`;
    const { client: big } = await connectSocketIO(url, 'big');
    const { client: other } = await connectSocketIO(url, 'other');
    await big.call('roomJoin', 'lobby');
    big.emit('roomMessage', 'lobby', { textMessage: 'x'.repeat(1_200_000) });
    await big.disconnected();
    expect(await other.call('roomJoin', 'lobby')).toEqual([null, 1]);
    expect(await service.execUserCommand(true, 'roomHistoryInfo', 'lobby')).toEqual([expect.objectContaining({ lastMessageId: 0 })]);
  });
});

describe('socket.io and ws on one port', () => {
  it('clients of both transports share a room', async () => {
    const service = await start({ port: 0, transport: ['socket.io', 'ws'], enableUserlistUpdates: true });
    await service.addRoom('lobby');
    const port = (service.transport.getServer() as Server).httpServer.address() as AddressInfo;
    const { client: web } = await connectSocketIO(`http://127.0.0.1:${port.port}`, 'web');
    const { client: device, login } = await connectWs(`ws://127.0.0.1:${port.port}/chat-service`, 'device');
    expect(login[0]).toBe('loginConfirmed');
    expect(await web.call('roomJoin', 'lobby')).toEqual([null, 1]);
    expect(await device.call('roomJoin', 'lobby')).toEqual([null, 1]);
    expect(await web.next('roomUserJoined')).toEqual(['lobby', 'web']);
    expect(await web.next('roomUserJoined')).toEqual(['lobby', 'device']);
    await device.call('roomMessage', 'lobby', { textMessage: 'reading 42' });
    expect((await web.next('roomMessage'))[1]).toMatchObject({ textMessage: 'reading 42', author: 'device', id: 1 });
    expect((await device.next('roomMessage'))[1]).toMatchObject({ textMessage: 'reading 42', id: 1 });
    await web.call('roomMessage', 'lobby', { textMessage: 'ack' });
    const seen = await device.next('roomMessage');
    expect(seen[1]).toMatchObject({ textMessage: 'ack', author: 'web', id: 2 });
    await device.close();
    expect(await web.next('roomUserLeft')).toEqual(['lobby', 'device']);
  });
});

describe('package entry points', () => {
  // `npm test` builds first; the built CommonJS entry must work with require().
  const cjs = new URL('../dist/index.cjs', import.meta.url);
  it('require() gives the ChatService class', () => {
    expect(existsSync(cjs)).toBe(true);
    const required = createRequire(import.meta.url)(cjs.pathname) as { ChatService: unknown; ChatServiceError: unknown };
    expect(typeof required.ChatService).toBe('function');
    expect(typeof required.ChatServiceError).toBe('function');
  });
});
