/**
 * The behaviour suite through the in-process test transport on the memory
 * store: no network at all (issue #2's layer 1).
 */
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks } from '@chat-service/core';
import { describeServiceBehaviour } from '@chat-service/core/contracts';
import { createInProcessTransport } from '@chat-service/core/testing';
import { createMemoryStore } from '@chat-service/store-memory';
import { describe } from 'vitest';

describe('in-process × memory', () => {
  describeServiceBehaviour({
    name: 'in-process memory',
    async start({ options, hooks, wrapStore }) {
      const transport = createInProcessTransport();
      const store = createMemoryStore();
      const service = new ChatServiceCore({
        store: wrapStore ? wrapStore(store) : store,
        bus: store,
        transports: [transport],
        hooks: hooks as Hooks,
        options: options ?? {},
      });
      await service.whenReady().catch(() => undefined);
      return { service, connect: (query) => transport.connect(query) };
    },
  });
});
