/**
 * The behaviour suite over this transport, with real JSON-RPC WebSocket
 * clients (JSON frames), on the memory store: the transport is checked where
 * it lives (the MessagePack × Redis run is in packages/server/test).
 */
import { describeServiceBehaviour, startForRequest } from '@chat-service/core/contracts';
import { createMemoryStore } from '@chat-service/store-memory';
import { describe } from 'vitest';
import { connectWs } from '@chat-service/test-support/ws-client';
import { createWsTransport } from '../src/index.js';

describe('ws transport × memory', () => {
  describeServiceBehaviour({
    name: 'ws json × memory',
    binary: false,
    async start(request) {
      const transport = createWsTransport({ port: 0 });
      const service = await startForRequest(request, transport, createMemoryStore());
      const url = `ws://127.0.0.1:${String(transport.port ?? 0)}/chat-service`;
      const rawErrors = Boolean(request.options?.['useRawErrorObjects']);
      return { service, connect: (query) => connectWs(url, query, { rawErrors }) };
    },
  });
});
