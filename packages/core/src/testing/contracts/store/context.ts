/**
 * What every capability file of the Store/Bus contract shares: the setup
 * type, handle bookkeeping and name helpers.
 *
 * @module
 */
import { afterEach, vi } from 'vitest';
import type { AppendResult, Bus, RoomInit, Store } from '../../../ports.js';

/** One handle of the store under test: a `Store` and a `Bus` over the shared backing. */
export type StoreHandle = Store & Bus;

/** A group of contract tests, one per file under `contracts/store/`. */
export type StoreCapability = 'users-and-direct' | 'sockets-and-instances' | 'rooms' | 'room-lists' | 'history' | 'locks' | 'bus';

/** How a store adapter plugs into {@link describeStoreContract}. */
export interface StoreContractSetup {
  /**
   * Returns a new handle (Store & Bus) over ONE shared backing: two calls in
   * one test must see the same state and hear each other's bus messages.
   * The suite closes every handle it created after each test.
   */
  create(): Promise<StoreHandle>;
  /**
   * Capabilities the adapter documents as unsupported; their tests show as
   * skipped, never as passed. Prefer none: the core needs all of them.
   */
  unsupported?: readonly StoreCapability[] | undefined;
}

/** Per-suite helpers handed to each capability. */
export interface ContractContext {
  /** Creates a handle that is closed after the current test. */
  readonly open: () => Promise<StoreHandle>;
}

/**
 * Registers an `afterEach` that closes the handles opened by the test; call
 * it inside a `describe` block.
 *
 * @param setup - the adapter's setup
 * @returns the per-test helpers
 */
export function useHandles(setup: StoreContractSetup): ContractContext {
  const handles: StoreHandle[] = [];
  afterEach(async () => {
    const opened = handles.splice(0);
    await Promise.all(opened.map((handle) => handle.close()));
  });
  return {
    async open() {
      const handle = await setup.create();
      handles.push(handle);
      return handle;
    },
  };
}

/**
 * Whether a capability is documented as unsupported.
 *
 * @param setup - the adapter's setup
 * @param capability - the group of tests
 * @returns `true` to skip the group
 */
export function isUnsupported(setup: StoreContractSetup, capability: StoreCapability): boolean {
  return setup.unsupported?.includes(capability) ?? false;
}

/**
 * A unique name, so that runs on a shared Redis never collide.
 *
 * @param kind - a readable prefix such as `room` or `user`
 * @returns `kind-<uuid>`
 */
export function randomName(kind: string): string {
  return `${kind}-${globalThis.crypto.randomUUID()}`;
}

/**
 * Names that break stores which use plain objects as dictionaries. They are
 * ordinary names for users, rooms, list values, socket ids and resources.
 */
export const TRICKY_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/**
 * A sorted copy, for comparing lists whose order the contract leaves open.
 *
 * @param values - any strings
 * @returns them sorted
 */
export function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

/**
 * Waits until `check` stops throwing (polls; never a fixed sleep).
 *
 * @param check - an assertion block
 * @param timeout - ms before giving up
 * @returns what `check` returned
 */
export function eventually<T>(check: () => T | Promise<T>, timeout = 3000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}

/**
 * A complete `RoomInit` with empty lists and no owner.
 *
 * @param overrides - fields to change
 * @returns the init
 */
export function roomInit(overrides: Partial<RoomInit> = {}): RoomInit {
  return {
    owner: null,
    whitelistOnly: false,
    adminlist: [],
    whitelist: [],
    blacklist: [],
    historyMaxSize: 10,
    enableAccessListsUpdates: false,
    enableUserlistUpdates: false,
    ...overrides,
  };
}

/**
 * The id of an append that must have succeeded.
 *
 * @param result - what `roomHistoryAppend` resolved
 * @returns the id
 * @throws when nothing was appended
 */
export function appendedId(result: AppendResult): number {
  if (result.kind !== 'appended') throw new Error(`expected an appended message, got ${result.kind}`);
  return result.id;
}
