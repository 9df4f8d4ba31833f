/**
 * The behaviour suite over this transport, with real socket.io clients, on the
 * memory store: the transport is checked where it lives (the Redis and
 * socket.io-client 2 runs are in packages/server/test).
 */
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks } from '@chat-service/core';
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { createMemoryStore } from '@chat-service/store-memory';
import { describe } from 'vitest';
import { connectSocketIO } from '../../../test/clients/socketio-client.js';
import { createSocketIOTransport } from '../src/index.js';

describe('socket.io transport × memory', () => {
  describeServiceBehaviour({
    name: 'socket.io × memory',
    async start({ options, hooks, wrapStore }) {
      const transport = createSocketIOTransport({ port: 0 });
      const store = createMemoryStore();
      const service = new ChatServiceCore({
        store: wrapStore ? wrapStore(store) : store,
        bus: store,
        transports: [transport],
        hooks: hooks as Hooks,
        options: options ?? {},
      });
      await service.whenReady().catch(() => undefined);
      const url = `http://127.0.0.1:${String(transport.port ?? 0)}`;
      return { service, connect: (query) => connectSocketIO(url, query) };
    },
  });
});
