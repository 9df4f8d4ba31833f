/**
 * @module @chat-service/core/testing
 * The test kit: an in-process transport whose clients behave like real ones.
 */
export { createInProcessTransport } from './in-process-transport.js';
export type { InProcessOptions, InProcessTransport } from './in-process-transport.js';
export { EventQueue } from './event-queue.js';
export { createFaultyStore } from './faulty-store.js';
export type { FaultyStore } from './faulty-store.js';
export type { ConnectQuery, Connected, TestClient } from './test-client.js';
export { loginOutcomeOf, queryParams, socketIdOf } from './test-client.js';
// A bound on a wait, for test clients that await acks, logins and closes.
export { withTimeout } from '../timeout.js';
