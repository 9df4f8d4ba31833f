/**
 * The lock release script.
 *
 * @module
 */
import type { ScriptSource } from './common.js';

/** Deletes KEYS[1] only if it still holds the token ARGV[1]. Returns 1 when released. */
export const LOCK_RELEASE: ScriptSource = {
  keys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`,
};
