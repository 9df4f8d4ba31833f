/**
 * Lua scripts of rooms: creation, the permission read, the userlist.
 * Every key is a room key (one hash slot).
 *
 * @module
 */
import { SADD_ALL, type ScriptSource } from './common.js';

/**
 * Creates a room unless its state hash exists (also while being deleted).
 * KEYS: state, adminlist, whitelist, blacklist, historyinfo.
 * ARGV: hasOwner (0/1), owner, whitelistOnly, historyMaxSize,
 * enableAccessListsUpdates, enableUserlistUpdates, epoch (a fresh random
 * string, stored beside lastMessageId), then for each of the three lists its
 * length followed by its names. Returns 1 when created.
 */
export const ROOM_ADD: ScriptSource = {
  keys: 5,
  lua: `${SADD_ALL}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local state = {'whitelistOnly', ARGV[3], 'enableAccessListsUpdates', ARGV[5], 'enableUserlistUpdates', ARGV[6]}
if ARGV[1] == '1' then
  state[#state + 1] = 'owner'
  state[#state + 1] = ARGV[2]
end
redis.call('HSET', KEYS[1], unpack(state))
redis.call('HSET', KEYS[5], 'lastMessageId', 0, 'historyMaxSize', ARGV[4], 'epoch', ARGV[7])
saddLists(2, 4, 8)
return 1
`,
};

/**
 * `roomStanding(state, adminlist, blacklist, whitelist, userlist, user)`: a
 * user's standing in a room, or false when the room is missing or being deleted:
 * {hasOwner, owner, isAdmin, inBlacklist, inWhitelist, inUserlist, whitelistOnly}.
 */
export const ROOM_STANDING = `
local function roomStanding(stateKey, adminKey, blackKey, whiteKey, userKey, user)
  local s = redis.call('HMGET', stateKey, 'whitelistOnly', 'deleting', 'owner')
  if not s[1] or s[2] then return false end
  return {
    s[3] and 1 or 0, s[3] or '',
    redis.call('SISMEMBER', adminKey, user),
    redis.call('SISMEMBER', blackKey, user),
    redis.call('SISMEMBER', whiteKey, user),
    redis.call('SISMEMBER', userKey, user),
    s[1] == '1' and 1 or 0,
  }
end
`;

/**
 * A user's standing in a room (see {@link ROOM_STANDING}), or nil when the room is missing or being deleted.
 * KEYS: state, adminlist, blacklist, whitelist, userlist. ARGV: user.
 */
export const ROOM_ACCESS: ScriptSource = {
  keys: 5,
  lua: `${ROOM_STANDING}
return roomStanding(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1])
`,
};

/**
 * Adds (ARGV[3] = 'add') or removes a user from the userlist and, when that
 * changed it, records the time. Nothing happens for a missing room.
 * KEYS: state, userlist, seen. ARGV: user, now, 'add' | 'remove'.
 */
export const ROOM_USERLIST_CHANGE: ScriptSource = {
  keys: 3,
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local changed
if ARGV[3] == 'add' then
  changed = redis.call('SADD', KEYS[2], ARGV[1])
else
  changed = redis.call('SREM', KEYS[2], ARGV[1])
end
if changed == 1 then redis.call('HSET', KEYS[3], ARGV[1], ARGV[2]) end
return changed
`,
};

/** KEYS: userlist, seen. ARGV: user. Returns {joined, timestamp or nil}. */
export const ROOM_USER_SEEN: ScriptSource = {
  keys: 2,
  lua: `
return {redis.call('SISMEMBER', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}
`,
};
