/**
 * The behaviour suite: every transport-independent acceptance case of
 * the reference service, run against any transport × store combination.
 *
 * @module
 */
import type { BehaviourHarness } from './harness.js';
import { apiBehaviour } from './api.js';
import { apiPermissionsBehaviour } from './api-permissions.js';
import { consistencyRecoveryBehaviour } from './consistency-recovery.js';
import { connectionBehaviour } from './connection.js';
import { customHandlersBehaviour } from './custom-handlers.js';
import { directBehaviour } from './direct.js';
import { faultsBehaviour } from './faults.js';
import { hooksBehaviour } from './hooks.js';
import { limitsBehaviour } from './limits.js';
import { roomHistoryBehaviour } from './room-history.js';
import { roomInfoBehaviour } from './room-info.js';
import { roomMessagingBehaviour } from './room-messaging.js';
import { validationBehaviour } from './validation.js';
import { roomPermissionsBehaviour } from './room-permissions.js';

export type { BehaviourHarness, StartRequest, StartedService } from './harness.js';
export { queryAuth, startForRequest, waitUntil } from './harness.js';

/** Registers the whole behaviour suite for one harness. */
export function describeServiceBehaviour(harness: BehaviourHarness): void {
  connectionBehaviour(harness);
  customHandlersBehaviour(harness);
  roomMessagingBehaviour(harness);
  roomHistoryBehaviour(harness);
  roomInfoBehaviour(harness);
  roomPermissionsBehaviour(harness);
  directBehaviour(harness);
  hooksBehaviour(harness);
  apiBehaviour(harness);
  apiPermissionsBehaviour(harness);
  validationBehaviour(harness);
  faultsBehaviour(harness);
  consistencyRecoveryBehaviour(harness);
  limitsBehaviour(harness);
}
