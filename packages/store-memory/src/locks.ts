/**
 * Locks with tokens and a time to live, expired by timestamps (no timers).
 *
 * @module
 */
import type { LockStore } from '@chat-service/core';
import { settle } from './internal/settle.js';

/** One held lock. */
export interface LockRecord {
  readonly token: string;
  /** `performance.now()` time after which the lock is free. */
  readonly expiresAt: number;
}

/** resource -> lock. */
export type LockTable = Map<string, LockRecord>;

/** The lock methods of a `Store`. */
export type LockOperations = LockStore;

/** Expired locks that nobody released are dropped every this many acquisitions. */
const SWEEP_EVERY = 1024;

function sweep(locks: LockTable, time: number): void {
  for (const [resource, lock] of locks) if (lock.expiresAt <= time) locks.delete(resource);
}

/**
 * Implements the lock methods.
 *
 * @param locks - the shared table
 * @returns the methods
 */
export function createLockOperations(locks: LockTable): LockOperations {
  // A monotonic clock: a wall-clock jump must not free or freeze locks.
  const now = (): number => globalThis.performance.now();
  let acquisitions = 0;
  return {
    lockAcquire(resource, ttl) {
      return settle(() => {
        if (++acquisitions % SWEEP_EVERY === 0) sweep(locks, now());
        const held = locks.get(resource);
        if (held && held.expiresAt > now()) return null;
        const token = globalThis.crypto.randomUUID();
        locks.set(resource, { token, expiresAt: now() + ttl });
        return token;
      });
    },
    lockRelease(resource, token) {
      return settle(() => {
        if (locks.get(resource)?.token === token) locks.delete(resource);
      });
    },
  };
}
