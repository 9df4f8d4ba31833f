/**
 * The behaviour suite over this transport, with real socket.io clients, on the
 * memory store: the transport is checked where it lives (the Redis and
 * socket.io-client 2 runs are in packages/server/test).
 */
import { describeServiceBehaviour, startForRequest } from '@chat-service/core/contracts';
import { createMemoryStore } from '@chat-service/store-memory';
import { describe } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import { createSocketIOTransport } from '../src/index.js';

describe('socket.io transport × memory', () => {
  describeServiceBehaviour({
    name: 'socket.io × memory',
    async start(request) {
      const transport = createSocketIOTransport({ port: 0 });
      const service = await startForRequest(request, transport, createMemoryStore());
      const url = `http://127.0.0.1:${String(transport.port ?? 0)}`;
      return { service, connect: (query) => connectSocketIO(url, query) };
    },
  });
});
