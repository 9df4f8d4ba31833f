/**
 * Lua scripts of rooms: creation, the permission read, the userlist.
 * Every key is a room key (one hash slot).
 *
 * @module
 */
import { SADD_ALL, type ScriptSource } from './common.js';

/**
 * `summariseListeners(listenersKey, infoKey)`: writes into a room's
 * historyinfo hash who listens on the room's bus channel, read from the
 * room's listeners set (the instances subscribed to the channel): `listeners`
 * (how many) and `listener` (the only one, when there is one). The append
 * script reads both with the fields it reads anyway and publishes a room
 * message only when an instance other than the sender's listens. Without the
 * fields (a historyinfo written by an older version) it always publishes.
 */
export const SUMMARISE_LISTENERS = `
local function summariseListeners(listenersKey, infoKey)
  local n = redis.call('SCARD', listenersKey)
  if n == 1 then
    redis.call('HSET', infoKey, 'listeners', 1, 'listener', redis.call('SRANDMEMBER', listenersKey))
  else
    redis.call('HSET', infoKey, 'listeners', n)
    redis.call('HDEL', infoKey, 'listener')
  end
end
`;

/**
 * Creates a room unless its state hash exists (also while being deleted), its
 * historyinfo with the listeners of its bus channel (which outlive a
 * deletion: instances may still be subscribed when a room of the same name is
 * created again).
 * KEYS: state, adminlist, whitelist, blacklist, historyinfo, listeners.
 * ARGV: hasOwner (0/1), owner, whitelistOnly, historyMaxSize,
 * enableAccessListsUpdates, enableUserlistUpdates, epoch (a fresh random
 * string, stored beside lastMessageId), then for each of the three lists its
 * length followed by its names. Returns 1 when created.
 */
export const ROOM_ADD: ScriptSource = {
  keys: 6,
  lua: `${SADD_ALL}${SUMMARISE_LISTENERS}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local state = {'whitelistOnly', ARGV[3], 'enableAccessListsUpdates', ARGV[5], 'enableUserlistUpdates', ARGV[6]}
if ARGV[1] == '1' then
  state[#state + 1] = 'owner'
  state[#state + 1] = ARGV[2]
end
redis.call('HSET', KEYS[1], unpack(state))
redis.call('HSET', KEYS[5], 'lastMessageId', 0, 'historyMaxSize', ARGV[4], 'epoch', ARGV[7])
summariseListeners(KEYS[6], KEYS[5])
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

/**
 * Adds (ARGV[2] = 'add') or removes instance ARGV[1] from the listeners of a
 * room's bus channel, and updates the summary in the room's historyinfo when
 * the room exists (see {@link SUMMARISE_LISTENERS}).
 * KEYS: listeners, historyinfo.
 */
export const ROOM_LISTENERS_CHANGE: ScriptSource = {
  keys: 2,
  lua: `${SUMMARISE_LISTENERS}
if ARGV[2] == 'add' then redis.call('SADD', KEYS[1], ARGV[1]) else redis.call('SREM', KEYS[1], ARGV[1]) end
if redis.call('EXISTS', KEYS[2]) == 1 then summariseListeners(KEYS[1], KEYS[2]) end
return 1
`,
};

/** KEYS: userlist, seen. ARGV: user. Returns {joined, timestamp or nil}. */
export const ROOM_USER_SEEN: ScriptSource = {
  keys: 2,
  lua: `
return {redis.call('SISMEMBER', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}
`,
};
