/**
 * The Store + Bus contract suite, composed from one file per capability.
 *
 * @module
 */
import { describe } from 'vitest';
import { describeBus } from './bus.js';
import { describeBusAppend } from './bus-append.js';
import type { StoreContractSetup } from './context.js';
import { describeHistory } from './history.js';
import { describeHistoryFidelity } from './history-fidelity.js';
import { describeInstances } from './instances.js';
import { describeRoomDeletion } from './room-deletion.js';
import { describeHistoryModel } from './history-model.js';
import { describeLocks } from './locks.js';
import { describeRoomLists } from './room-lists.js';
import { describeRooms } from './rooms.js';
import { describeSocketsAndInstances } from './sockets-and-instances.js';
import { describeUsersAndDirect } from './users-and-direct.js';

export type { StoreCapability, StoreContractSetup, StoreHandle } from './context.js';

/**
 * Registers the behaviour every `Store` + `Bus` adapter must deliver, as
 * vitest suites. Each test opens its own handles (closed after it) and uses
 * random names, so it runs safely against a shared Redis.
 *
 * @param name - the setup's name, shown in the report (e.g. `memory`, `redis cluster`)
 * @param setup - a factory of handles over one shared backing
 * @example
 * ```ts
 * import { describeStoreContract } from '@chat-service/core/contracts';
 * import { createMemoryBacking, createMemoryStore } from '@chat-service/store-memory';
 *
 * const backing = createMemoryBacking();
 * describeStoreContract('memory', { create: async () => createMemoryStore({ backing }) });
 * ```
 */
export function describeStoreContract(name: string, setup: StoreContractSetup): void {
  describe(`Store contract: ${name}`, () => {
    describeUsersAndDirect(setup);
    describeSocketsAndInstances(setup);
    describeInstances(setup);
    describeRooms(setup);
    describeRoomDeletion(setup);
    describeRoomLists(setup);
    describeHistory(setup);
    describeHistoryFidelity(setup);
    describeHistoryModel(setup);
    describeLocks(setup);
    describeBus(setup);
    describeBusAppend(setup);
  });
}
