/**
 * Contract suites every adapter runs (imports vitest).
 *
 * @module @chat-service/core/contracts
 */

// Store + Bus
export { describeStoreContract } from './store/index.js';
export type { StoreCapability, StoreContractSetup, StoreHandle } from './store/index.js';
