/**
 * A real chat-service on port 0 serving socket.io and ws on one port, and
 * the two typed clients connected to it; everything is closed by `cleanup()`.
 */
import type { AddressInfo } from 'node:net';
import { ChatService } from '@chat-service/server';
import type { ChatServiceOptions, Hooks } from '@chat-service/server';
import type { Server } from 'socket.io';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { createSocketIOClient, createWsClient } from '../../src/index.js';
import type { ChatClient, ClientOptions } from '../../src/index.js';

/** The transports a test client can use. */
export type ClientKind = 'socket.io' | 'ws';

/** A started service and how to reach it. */
export interface Started {
  service: ChatService;
  port: number;
  /** Connects a typed client of `kind` as `user` (no `?user=` when undefined). */
  connect: (kind: ClientKind, user: string | undefined, options?: ClientOptions) => ChatClient;
}

const services: ChatService[] = [];
const clients: ChatClient[] = [];

/** Closes every client and service the tests started (call from `afterEach`). */
export async function cleanup(): Promise<void> {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
}

const auth: Hooks<ChatService> = { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] };

function connectClient(port: number, kind: ClientKind, user: string | undefined, options: ClientOptions = {}): ChatClient {
  if (kind === 'socket.io') {
    const query = user === undefined ? {} : { query: { user } };
    const socket = io(`http://127.0.0.1:${String(port)}/chat-service`, {
      ...query,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return createSocketIOClient(socket, options);
  }
  const url = new URL(`ws://127.0.0.1:${String(port)}/chat-service`);
  if (user !== undefined) url.searchParams.set('user', user);
  return createWsClient(url, { ...options, WebSocket });
}

/**
 * Starts `new ChatService({ port: 0, transport: ['socket.io', 'ws'], ...options })`
 * whose `onConnect` trusts `?user=`, unless `hooks` say otherwise.
 */
export async function startService(options: ChatServiceOptions = {}, hooks: Hooks<ChatService> = {}): Promise<Started> {
  const service = new ChatService({ port: 0, transport: ['socket.io', 'ws'], ...options }, { ...auth, ...hooks });
  services.push(service);
  await service.whenReady();
  const port = ((service.transport.getServer() as Server).httpServer.address() as AddressInfo).port;
  return {
    service,
    port,
    connect: (kind, user, clientOptions) => {
      const client = connectClient(port, kind, user, clientOptions);
      clients.push(client);
      return client;
    },
  };
}
