/**
 * Lua scripts of users and their direct lists. Every key is a user key.
 *
 * @module
 */
import { SADD_ALL, type ScriptSource } from './common.js';

/**
 * Creates a user unless it exists. KEYS: state, whitelist, blacklist.
 * ARGV: whitelistOnly, then for each list its length followed by its names.
 * Returns 1 when created.
 */
export const USER_ADD: ScriptSource = {
  keys: 3,
  lua: `${SADD_ALL}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'whitelistOnly', ARGV[1])
saddLists(2, 3, 2)
return 1
`,
};

/**
 * Removes a user with its lists and every socket record.
 * KEYS: state, whitelist, blacklist, sockets, rooms.
 * ARGV: the socketrooms key base, the roomsockets key base.
 */
export const USER_DELETE: ScriptSource = {
  keys: 5,
  lua: `
local ids = redis.call('HKEYS', KEYS[4])
for _, room in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  local key = ARGV[2] .. room
  for _, id in ipairs(redis.call('SMEMBERS', key)) do ids[#ids + 1] = id end
  redis.call('DEL', key)
end
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1
`,
};

/**
 * A sender's standing with a recipient, or nil when the recipient is missing.
 * KEYS: state, blacklist, whitelist. ARGV: sender.
 * Returns {inBlacklist, inWhitelist, whitelistOnly}.
 */
export const DIRECT_ACCESS: ScriptSource = {
  keys: 3,
  lua: `
local mode = redis.call('HGET', KEYS[1], 'whitelistOnly')
if not mode then return false end
return {redis.call('SISMEMBER', KEYS[2], ARGV[1]), redis.call('SISMEMBER', KEYS[3], ARGV[1]), mode == '1' and 1 or 0}
`,
};
