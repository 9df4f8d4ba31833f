/**
 * The behaviour suite through the in-process test transport on the memory
 * store: no network at all (issue #2's layer 1).
 */
import { describeServiceBehaviour, startForRequest } from '@chat-service/core/contracts';
import { createInProcessTransport } from '@chat-service/core/testing';
import { createMemoryStore } from '@chat-service/store-memory';
import { describe } from 'vitest';

describe('in-process × memory', () => {
  describeServiceBehaviour({
    name: 'in-process memory',
    async start(request) {
      const transport = createInProcessTransport();
      const service = await startForRequest(request, transport, createMemoryStore());
      return { service, connect: (query) => transport.connect(query) };
    },
  });
});
