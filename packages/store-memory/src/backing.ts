/**
 * The state and bus that several memory stores can share.
 *
 * @module
 */
import type { BusTable } from './bus.js';
import type { HeartbeatTable, InstanceTable } from './instances.js';
import type { RoomTable } from './internal/room-record.js';
import type { LockTable } from './locks.js';
import type { SocketTable } from './sockets.js';
import type { UserTable } from './users.js';

/**
 * A handle on one in-memory state and bus. Pass the same backing to several
 * `createMemoryStore` calls so that service instances in one process share
 * users, rooms, sockets, locks and bus messages. Its contents are private.
 */
export interface MemoryBacking {
  readonly kind: 'memory-backing';
}

/** Everything a backing holds. */
export interface MemoryState {
  readonly users: UserTable;
  readonly sockets: SocketTable;
  readonly instances: InstanceTable;
  readonly heartbeats: HeartbeatTable;
  readonly rooms: RoomTable;
  readonly locks: LockTable;
  readonly bus: BusTable;
}

const STATES = new WeakMap<MemoryBacking, MemoryState>();

/**
 * Creates an empty backing.
 *
 * @returns the backing, to pass as `createMemoryStore({ backing })`
 * @example
 * ```ts
 * const backing = createMemoryBacking();
 * const first = createMemoryStore({ backing });
 * const second = createMemoryStore({ backing }); // sees first's rooms, hears its bus
 * ```
 */
export function createMemoryBacking(): MemoryBacking {
  const backing: MemoryBacking = Object.freeze({ kind: 'memory-backing' });
  STATES.set(backing, {
    users: new Map(),
    sockets: new Map(),
    instances: new Map(),
    heartbeats: new Map(),
    rooms: new Map(),
    locks: new Map(),
    bus: new Set(),
  });
  return backing;
}

/**
 * @param backing - a backing made by {@link createMemoryBacking}
 * @returns its state
 * @throws {Error} when the backing was not made by `createMemoryBacking`
 */
export function stateOf(backing: MemoryBacking): MemoryState {
  const state = STATES.get(backing);
  if (!state) throw new Error('[store-memory] unknown backing: create it with createMemoryBacking()');
  return state;
}
