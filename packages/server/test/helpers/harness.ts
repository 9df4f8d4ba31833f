/**
 * Behaviour-suite harnesses for the real transports over the memory or Redis
 * store, through the drop-in `ChatService` class.
 */
import type { AddressInfo } from 'node:net';
import type { Store } from '@chat-service/core';
import type { BehaviourHarness, StartRequest } from '@chat-service/core/contracts';
import { createMemoryStore } from '@chat-service/store-memory';
import { createRedisStore } from '@chat-service/store-redis';
import { createWsTransport } from '@chat-service/transport-ws';
import type { Server } from 'socket.io';
import { inject } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import { connectWs } from '@chat-service/test-support/ws-client';
import { connectSocketIOV2 } from '@chat-service/test-support/socketio-v2-client';
import type { V2Transport } from '@chat-service/test-support/socketio-v2-client';
import type {} from '@chat-service/test-support/global-setup';
import { ChatService } from '../../src/index.js';
import type { ChatServiceOptions } from '../../src/index.js';

/** Which store a harness uses. */
export type StoreKind = 'memory' | 'redis';

/** A fresh store: memory, or Redis under a random key prefix. */
export function makeStore(kind: StoreKind): Store {
  if (kind === 'memory') return createMemoryStore();
  return createRedisStore({ url: inject('redisUrl'), prefix: `t${Math.random().toString(36).slice(2, 10)}` });
}

function serviceOptions(request: StartRequest, kind: StoreKind): ChatServiceOptions {
  const store = makeStore(kind);
  return { ...request.options, state: request.wrapStore ? request.wrapStore(store) : store };
}

async function ready(service: ChatService): Promise<void> {
  await service.whenReady().catch(() => undefined);
}

/** A `ChatService` with its socket.io transport on an own port-0 server, and that server's URL. */
async function startSocketIO(request: StartRequest, kind: StoreKind): Promise<{ service: ChatService; url: string }> {
  const service = new ChatService({ ...serviceOptions(request, kind), port: 0 }, request.hooks ?? {});
  await ready(service);
  const io = service.transport.getServer() as Server;
  const address = io.httpServer.address() as AddressInfo | null;
  return { service, url: `http://127.0.0.1:${address?.port ?? 0}` };
}

/** socket.io on an own port-0 server. */
export function socketioHarness(kind: StoreKind): BehaviourHarness {
  return {
    name: `socket.io × ${kind}`,
    async start(request) {
      const { service, url } = await startSocketIO(request, kind);
      return { service, connect: (query) => connectSocketIO(url, query) };
    },
  };
}

/** socket.io with socket.io-client 2 (chat-service 1.0 apps) over websocket or polling, default options. */
export function socketioV2Harness(kind: StoreKind, transport: V2Transport): BehaviourHarness {
  return {
    name: `socket.io-client 2 ${transport} × ${kind}`,
    async start(request) {
      const { service, url } = await startSocketIO(request, kind);
      return { service, connect: (query) => connectSocketIOV2(url, query, { transport }) };
    },
  };
}

/** ws (JSON-RPC) on an own port-0 server, JSON or MessagePack frames. */
export function wsHarness(kind: StoreKind, protocol: 'chat-service.json' | 'chat-service.msgpack' = 'chat-service.json'): BehaviourHarness {
  return {
    name: `ws ${protocol} × ${kind}`,
    binary: protocol === 'chat-service.msgpack',
    async start(request) {
      const transport = createWsTransport({ port: 0 });
      const service = new ChatService({ ...serviceOptions(request, kind), transport }, request.hooks ?? {});
      await ready(service);
      const url = `ws://127.0.0.1:${transport.port ?? 0}/chat-service`;
      const rawErrors = Boolean(request.options?.['useRawErrorObjects']);
      return { service, connect: (query) => connectWs(url, query, { rawErrors, protocol }) };
    },
  };
}
