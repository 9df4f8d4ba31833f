/**
 * What every part of the store shares: the client, the key space, the scripts.
 *
 * @module
 */
import type { Cluster, Redis } from 'ioredis';
import type { KeySpace } from './keys.js';
import type { Scripts } from './scripts/index.js';

/** The shared state of one store. */
export interface StoreContext {
  readonly client: Redis | Cluster;
  readonly keys: KeySpace;
  readonly scripts: Scripts;
}

/** Flattens lists as `length, ...names` for the creation scripts. */
export function lengthPrefixed(lists: readonly (readonly string[])[]): string[] {
  return lists.flatMap((names) => [String(names.length), ...names]);
}

/** `'1'` or `'0'`, as flags are stored. */
export function flag(value: boolean): '1' | '0' {
  return value ? '1' : '0';
}

/** A count for Redis: a non-negative safe integer (NaN and negatives give 0, fractions are floored, Infinity is capped). */
export function count(value: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  return Math.min(Math.floor(value), Number.MAX_SAFE_INTEGER);
}
