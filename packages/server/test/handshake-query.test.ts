/**
 * The handshake query has one shape on every transport: string values, and of
 * a repeated key the last value wins (socket.io's rule), so `?user=a&user=b`
 * logs in as `b` everywhere and never as `['a', 'b']`.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import { ChatService } from '../src/index.js';

const services: ChatService[] = [];

afterEach(async () => {
  await closeAllWsClients();
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

it('gives the onConnect hook the same query on socket.io and ws: strings, last value of a repeated key', async () => {
  const seen: Record<string, unknown>[] = [];
  const addresses: (string | undefined)[] = [];
  const service = new ChatService(
    { port: 0, transport: ['socket.io', 'ws'] },
    {
      onConnect: (server, id) => {
        const data = server.transport.getHandshakeData(id);
        seen.push(data.query);
        // The client's address, read when asked, survives a spread and a JSON round trip.
        addresses.push(data.address, { ...data }.address, (JSON.parse(JSON.stringify(data)) as { address?: string }).address);
        return data.query['user'];
      },
    },
  );
  services.push(service);
  await service.whenReady();
  const { port } = (service.transport.getServer() as Server).httpServer.address() as AddressInfo;
  const ws = await connectWs(`ws://127.0.0.1:${String(port)}/chat-service?user=a&user=b&tag=1&tag=2&tag=3`, undefined);
  expect(ws.login.slice(0, 2)).toEqual(['loginConfirmed', 'b']);
  const sio = ioClient(`http://127.0.0.1:${String(port)}/chat-service?user=a&user=b&tag=1&tag=2&tag=3`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    const user = await new Promise<string>((resolve, reject) => {
      sio.once('loginConfirmed', (name: string) => {
        resolve(name);
      });
      sio.once('loginRejected', (error: unknown) => {
        reject(new Error(String(error)));
      });
    });
    expect(user).toBe('b');
  } finally {
    sio.close();
  }
  expect(seen).toHaveLength(2);
  expect(addresses).toHaveLength(6);
  for (const address of addresses) expect(address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  for (const query of seen) {
    expect(query).toMatchObject({ user: 'b', tag: '3' });
    expect(Object.values(query).every((value) => typeof value === 'string')).toBe(true);
  }
});
