import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketIOServer } from 'socket.io';
import { io as connectSocketIO } from 'socket.io-client';
import type { Socket as SocketIOClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import { createWsTransport } from '../src/index.js';
import type { WsTransport } from '../src/index.js';
import { createFakeHost } from './harness.js';

const sioClients: SocketIOClient[] = [];
const transports: WsTransport[] = [];
const ioServers: SocketIOServer[] = [];

// In order: clients, then the ws transport, then socket.io (which closes the http server).
afterEach(async () => {
  await closeAllWsClients();
  for (const client of sioClients.splice(0)) client.close();
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(ioServers.splice(0).map((io) => new Promise<void>((resolve) => void io.close(() => { resolve(); }))));
});

async function sharedServer() {
  const http = createServer();
  const io = new SocketIOServer(http);
  ioServers.push(io);
  io.of('/chat-service').on('connection', (socket) => {
    socket.on('echo', (value: unknown, ack: (value: unknown) => void) => { ack(value); });
  });
  const transport = createWsTransport({ server: http, pingInterval: 0 });
  transports.push(transport);
  await transport.attach(createFakeHost(() => transport));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { http, transport, port };
}

function socketIOClient(port: number): SocketIOClient {
  const client = connectSocketIO(`http://127.0.0.1:${String(port)}/chat-service`, { transports: ['websocket'], reconnection: false, forceNew: true });
  sioClients.push(client);
  return client;
}

describe('on an http server shared with socket.io', () => {
  it("serves a ws client and a socket.io client on one port, also after engine.io's upgrade timeout", async () => {
    const { port, transport } = await sharedServer();
    expect(transport.port).toBe(port);
    const { client } = await connectWs(`ws://127.0.0.1:${String(port)}/chat-service`, 'device');
    const sio = socketIOClient(port);
    await new Promise<void>((resolve) => sio.once('connect', () => { resolve(); }));
    expect(await sio.timeout(2000).emitWithAck('echo', 'from socket.io')).toBe('from socket.io');
    expect(await client.call('echo', 'from ws')).toEqual([null, 'from ws']);
    // engine.io destroys upgrades nobody answered after 1 s; both of ours were answered.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await client.call('echo', 'still')).toEqual([null, 'still']);
    expect(sio.connected).toBe(true);
  });

  it('leaves unknown upgrade paths to the timeout and never closes a supplied server', async () => {
    const { port, transport, http } = await sharedServer();
    const stray = new WebSocket(`ws://127.0.0.1:${String(port)}/elsewhere`);
    stray.on('error', () => undefined);
    const started = Date.now();
    await new Promise((resolve) => stray.once('close', resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await transport.close();
    expect(http.listening).toBe(true);
    // socket.io keeps working after the ws transport closed.
    expect(await socketIOClient(port).timeout(2000).emitWithAck('echo', 1)).toBe(1);
  });
});
