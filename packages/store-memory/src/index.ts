/**
 * @module @chat-service/store-memory
 * The in-process `Store` + `Bus` of chat-service: the default store.
 */

// store
export { createMemoryStore } from './store.js';
export type { MemoryStore, MemoryStoreOptions } from './store.js';

// shared state between stores
export { createMemoryBacking } from './backing.js';
export type { MemoryBacking } from './backing.js';
