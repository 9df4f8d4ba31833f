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
