/**
 * Locks: `SET key token NX PX ttl`, released by a compare-and-delete script.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { LockStore } from '@chat-service/core';
import { count, type StoreContext } from './context.js';

/** The lock part of the store. */
export type LockOps = LockStore;

/** Builds the lock operations over one context. */
export function createLockOps({ client, keys, scripts }: StoreContext): LockOps {
  return {
    async lockAcquire(resource: string, ttl: number) {
      const token = randomUUID();
      const reply = await client.set(keys.lock(resource), token, 'PX', Math.max(count(Math.ceil(ttl)), 1), 'NX');
      return reply === 'OK' ? token : null;
    },
    async lockRelease(resource: string, token: string) {
      await scripts.lockRelease([keys.lock(resource)], [token]);
    },
  };
}
