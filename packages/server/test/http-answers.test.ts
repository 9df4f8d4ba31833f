/**
 * Every way of composing the transports answers plain HTTP (426 on the ws
 * endpoint, 404 elsewhere) and refuses a WebSocket upgrade on a wrong path with
 * an HTTP error, instead of leaving the connection open with no bytes; the
 * servers we create bound slow headers and requests; `allowedOrigins` is
 * checked on both transports.
 */
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { freePort } from '@chat-service/test-support/redis-wire';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import { ChatService } from '../src/index.js';
import { expectAnswers, get, upgrade } from './helpers/http-probe.js';
import type { ChatServiceOptions } from '../src/index.js';

const services: ChatService[] = [];
const servers: HttpServer[] = [];

afterEach(async () => {
  await closeAllWsClients();
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
  for (const server of servers.splice(0)) if (server.listening) server.close();
});

const onConnect = (server: ChatService, id: string): unknown => server.transport.getHandshakeData(id).query['user'];

async function start(options: ChatServiceOptions): Promise<ChatService> {
  const service = new ChatService(options, { onConnect });
  services.push(service);
  await service.whenReady();
  return service;
}

async function loginOverSocketIO(port: number): Promise<string> {
  const client = ioClient(`http://127.0.0.1:${String(port)}/chat-service`, { query: { user: 'bob' }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      client.once('loginConfirmed', (user: string) => { resolve(user); });
      client.once('connect_error', reject);
    });
  } finally {
    client.close();
  }
}

describe('plain HTTP on every composition of the transports', () => {
  it("library transport: ['socket.io', 'ws'] on one port", async () => {
    const service = await start({ port: 0, transport: ['socket.io', 'ws'] });
    const http = (service.transport.getServer() as Server).httpServer as HttpServer;
    const { port } = http.address() as AddressInfo;
    await expectAnswers(port);
    expect(await loginOverSocketIO(port)).toBe('bob');
    expect(http.headersTimeout).toBe(10_000);
    expect(http.requestTimeout).toBe(30_000);
  });

  it("library transport: 'ws' alone on its own server", async () => {
    const port = await freePort();
    await start({ port, transport: 'ws' });
    await expectAnswers(port);
  });

  it('a supplied bare server shared by both transports', async () => {
    const http = createServer();
    servers.push(http);
    await start({ port: 0, transport: ['socket.io', 'ws'], transportOptions: { http } });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    await expectAnswers(port);
    expect(await loginOverSocketIO(port)).toBe('bob');
  });

  it('a supplied bare server with the ws transport alone', async () => {
    const http = createServer();
    servers.push(http);
    await start({ transport: 'ws', transportOptions: { server: http } });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    await expectAnswers((http.address() as AddressInfo).port);
  });

  it("socket.io alone keeps socket.io's own 404 fallback and header timeouts", async () => {
    const service = await start({ port: 0 });
    const http = (service.transport.getServer() as Server).httpServer as HttpServer;
    const { port } = http.address() as AddressInfo;
    expect(await get(port, '/')).toBe(404);
    expect(http.headersTimeout).toBe(10_000);
    expect(http.requestTimeout).toBe(30_000);
  });
});

describe('allowedOrigins', () => {
  it('refuses other page origins on the WebSocket upgrade and the socket.io handshake; clients without Origin pass', async () => {
    const service = await start({ port: 0, transport: ['socket.io', 'ws'], allowedOrigins: ['https://app.example.com'] });
    const { port } = (service.transport.getServer() as Server).httpServer.address() as AddressInfo;
    expect(await upgrade(port, '/chat-service?user=a', { origin: 'https://evil.example.com' })).toBe(403);
    expect(await upgrade(port, '/chat-service?user=a', { origin: 'https://app.example.com' })).toBe(101);
    // engine.io answers a refused upgrade with 400, a refused polling handshake with 403.
    expect(await upgrade(port, '/socket.io/?EIO=4&transport=websocket', { origin: 'https://evil.example.com' })).toBe(400);
    expect(await upgrade(port, '/socket.io/?EIO=4&transport=websocket', { origin: 'https://app.example.com' })).toBe(101);
    expect(await get(port, '/socket.io/?EIO=4&transport=polling', { origin: 'https://evil.example.com' })).toBe(403);
    expect(await get(port, '/socket.io/?EIO=4&transport=polling', { origin: 'https://app.example.com' })).toBe(200);
    expect(await loginOverSocketIO(port)).toBe('bob');
    const { login } = await connectWs(`ws://127.0.0.1:${String(port)}/chat-service`, 'carol');
    expect(login[0]).toBe('loginConfirmed');
  });

  it('lets every origin through without the option', async () => {
    const service = await start({ port: 0, transport: ['socket.io', 'ws'] });
    const { port } = (service.transport.getServer() as Server).httpServer.address() as AddressInfo;
    expect(await upgrade(port, '/chat-service?user=a', { origin: 'https://evil.example.com' })).toBe(101);
    expect(await upgrade(port, '/socket.io/?EIO=4&transport=websocket', { origin: 'https://evil.example.com' })).toBe(101);
  });
});

