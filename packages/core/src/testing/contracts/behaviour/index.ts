/**
 * The behaviour suite: every transport-independent acceptance case of
 * the reference service, run against any transport × store combination.
 *
 * @module
 */
import type { BehaviourHarness } from './harness.js';
import { apiBehaviour } from './api.js';
import { connectionBehaviour } from './connection.js';
import { customHandlersBehaviour } from './custom-handlers.js';
import { directBehaviour } from './direct.js';
import { faultsBehaviour } from './faults.js';
import { hooksBehaviour } from './hooks.js';
import { limitsBehaviour } from './limits.js';
import { roomMessagingBehaviour } from './room-messaging.js';
import { roomPermissionsBehaviour } from './room-permissions.js';

export type { BehaviourHarness, StartRequest, StartedService } from './harness.js';
export { queryAuth, waitUntil } from './harness.js';

/** Registers the whole behaviour suite for one harness. */
export function describeServiceBehaviour(harness: BehaviourHarness): void {
  connectionBehaviour(harness);
  customHandlersBehaviour(harness);
  roomMessagingBehaviour(harness);
  roomPermissionsBehaviour(harness);
  directBehaviour(harness);
  hooksBehaviour(harness);
  apiBehaviour(harness);
  faultsBehaviour(harness);
  limitsBehaviour(harness);
}
