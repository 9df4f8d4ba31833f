/**
 * The memory `Store` + `Bus`: the operations of every concern over one
 * backing.
 *
 * @module
 */
import type { Bus, BusMessage, Store } from '@chat-service/core';
import { roomTopic } from '@chat-service/core';
import type { MemoryBacking } from './backing.js';
import { createMemoryBacking, stateOf } from './backing.js';
import { createMemoryBus } from './bus.js';
import { createHistoryOperations } from './history.js';
import { createInstanceOperations } from './instances.js';
import { createLockOperations } from './locks.js';
import { createRoomListOperations } from './room-lists.js';
import { createRoomOperations } from './rooms.js';
import { createSocketOperations } from './sockets.js';
import { createUserOperations } from './users.js';

function ignoreError(): void {
  // the default: a failing handler must not disturb the others, and no logger was given
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The state and bus to use; share one between stores to share state.
   * @default a new private backing
   */
  backing?: MemoryBacking | undefined;
  /**
   * Receives what a bus handler threw (the other handlers still run).
   * @default ignore the error
   */
  onHandlerError?: ((error: unknown, message: BusMessage) => void) | undefined;
}

/** A `Store` and a `Bus` held in process memory. */
export interface MemoryStore extends Store, Bus {
  /** The backing this store uses: pass it to another `createMemoryStore` to share state and bus. */
  readonly backing: MemoryBacking;
  /** Stops this store's bus delivery; idempotent. The shared state stays usable by other stores. */
  close(): Promise<void>;
}

/**
 * Creates a `Store` + `Bus` held in process memory: the default store, and
 * the one for tests. Bus delivery is synchronous, inside `publish`. Values
 * are copied in and out. Room history is kept as JSON outside the
 * JavaScript heap, as the Redis store keeps it: a stored message holds what
 * JSON holds, plus Buffers (bus messages are copied as they are, Buffers and
 * other non-plain objects by reference).
 *
 * @param options - see {@link MemoryStoreOptions}
 * @returns the store
 * @example
 * ```ts
 * import { createMemoryBacking, createMemoryStore } from '@chat-service/store-memory';
 *
 * const store = createMemoryStore(); // private state
 * const backing = createMemoryBacking();
 * const a = createMemoryStore({ backing }); // two service instances
 * const b = createMemoryStore({ backing }); // sharing one state and bus
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const backing = options.backing ?? createMemoryBacking();
  const state = stateOf(backing);
  const onHandlerError = options.onHandlerError ?? ignoreError;
  const bus = createMemoryBus(state.bus, onHandlerError);
  return {
    backing,
    ...createUserOperations(state.users),
    ...createSocketOperations(state.sockets),
    ...createInstanceOperations(state.instances, state.heartbeats),
    ...createRoomOperations(state.rooms),
    ...createRoomListOperations(state.rooms),
    ...createHistoryOperations(state.rooms, (room, message, id, { origin }) => {
      const topic = roomTopic(room);
      // Most rooms live on one instance: build the notification only for another one.
      if (!bus.hasReceivers(topic, origin)) return;
      bus.publishNow(topic, { kind: 'emit', origin, channel: room, event: 'roomMessage', args: [room, { ...message, id }] });
    }),
    ...createLockOperations(state.locks),
    listen: (self) => bus.listen(self),
    publish: (topic, message) => bus.publish(topic, message),
    subscribe: (topic) => bus.subscribe(topic),
    unsubscribe: (topic) => bus.unsubscribe(topic),
    onMessage: (handler) => bus.onMessage(handler),
    close: () => bus.close(),
  };
}
