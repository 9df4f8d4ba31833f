/**
 * Contract suites every adapter runs (imports vitest).
 *
 * @module @chat-service/core/contracts
 */

// Store + Bus
export { describeStoreContract } from './store/index.js';
export { appendedId, roomInit } from './store/context.js';
export type { StoreCapability, StoreContractSetup, StoreHandle } from './store/index.js';

// Service behaviour (the reference's acceptance cases) over any transport × store
export { describeServiceBehaviour, queryAuth, startForRequest, waitUntil } from './behaviour/index.js';
export type { BehaviourHarness, StartRequest, StartedService } from './behaviour/index.js';
