/**
 * Lua scripts of a user's sockets and their rooms. Every key is a key of the
 * user (one hash slot): the sockets hash, the socket -> rooms sets, the
 * room -> sockets sets and the set of rooms having such a set.
 *
 * @module
 */
import type { ScriptSource } from './common.js';

/** KEYS: sockets. ARGV: socketId, instanceUID. Returns the user's socket count. */
export const SOCKET_ADD: ScriptSource = {
  keys: 1,
  lua: `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HLEN', KEYS[1])
`,
};

/**
 * Forgets a socket and its rooms. KEYS: sockets, rooms, socketrooms(socket).
 * ARGV: socketId, the roomsockets key base.
 * Returns {nconnected, {rooms...}, {njoined per room...}}.
 */
export const SOCKET_REMOVE: ScriptSource = {
  keys: 3,
  lua: `
local id = ARGV[1]
local rooms = redis.call('SMEMBERS', KEYS[3])
local counts = {}
for i, room in ipairs(rooms) do
  local key = ARGV[2] .. room
  redis.call('SREM', key, id)
  local n = redis.call('SCARD', key)
  if n == 0 then redis.call('SREM', KEYS[2], room) end
  counts[i] = n
end
redis.call('DEL', KEYS[3])
redis.call('HDEL', KEYS[1], id)
return {redis.call('HLEN', KEYS[1]), rooms, counts}
`,
};

/**
 * Every socket of a user. KEYS: sockets. ARGV: the socketrooms key base.
 * Returns {{socketId, instanceUID, {rooms...}}, ...}.
 */
export const SOCKETS_GET: ScriptSource = {
  keys: 1,
  lua: `
local all = redis.call('HGETALL', KEYS[1])
local result = {}
for i = 1, #all, 2 do
  result[#result + 1] = {all[i], all[i + 1], redis.call('SMEMBERS', ARGV[1] .. all[i])}
end
return result
`,
};

/**
 * Joins (ARGV[3] = 'add') or leaves a room with one socket.
 * KEYS: socketrooms(socket), roomsockets(room), rooms. ARGV: socketId, room, 'add' | 'remove'.
 * Returns {njoined, changed}.
 */
export const SOCKET_ROOM_CHANGE: ScriptSource = {
  keys: 3,
  lua: `
local changed
if ARGV[3] == 'add' then
  changed = redis.call('SADD', KEYS[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('SADD', KEYS[3], ARGV[2])
else
  changed = redis.call('SREM', KEYS[1], ARGV[2])
  redis.call('SREM', KEYS[2], ARGV[1])
end
local n = redis.call('SCARD', KEYS[2])
if n == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
return {n, changed}
`,
};

/**
 * Removes every socket of the user from a room. KEYS: roomsockets(room), rooms.
 * ARGV: room, the socketrooms key base. Returns the removed socket ids.
 */
export const SOCKETS_LEAVE_ROOM: ScriptSource = {
  keys: 2,
  lua: `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('SREM', ARGV[2] .. id, ARGV[1]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return ids
`,
};
