/**
 * Lua scripts of a room's history. The history list is a ring of
 * historyMaxSize slots: with `historyBase` B (in historyinfo, 0 when absent),
 * the message with id k > B sits at index (k - B - 1) mod historyMaxSize, and
 * the list holds the ids (max(B, lastMessageId - historyMaxSize), lastMessageId].
 * An append is one RPUSH while the ring fills, then one LSET over the oldest
 * message: a full history costs no trim command. A new size re-lays the ring.
 * KEYS of every script: historyinfo, history.
 *
 * @module
 */
import type { ScriptSource } from './common.js';
import { ROOM_STANDING } from './rooms.js';

/**
 * `historyInfo(key)`: {last, max, base} of the historyinfo hash, or nil when
 * it is missing. `historySlice(key, info, first, upto)`: the stored messages
 * with ids in [first, upto], OLDEST first, as two LRANGE replies to be read one
 * after the other (the second is empty unless the range wraps round the ring).
 * `historyPage(infoKey, listKey, afterId, limit)`: {lastMessageId, older, newer}
 * of the window (afterId, afterId + limit] clamped to lastMessageId (see the
 * core's historyWindow), {0, {}, {}} without a historyinfo hash.
 */
const HISTORY_RING = `
local function historyInfo(key)
  local info = redis.call('HMGET', key, 'lastMessageId', 'historyMaxSize', 'historyBase')
  if not info[1] then return nil end
  return {last = tonumber(info[1]) or 0, max = tonumber(info[2] or '0') or 0, base = tonumber(info[3] or '0') or 0}
end

local function historySlice(key, info, first, upto)
  first = math.max(first, math.max(info.base, info.last - info.max) + 1)
  upto = math.min(upto, info.last)
  if info.max <= 0 or first > upto then return {{}, {}} end
  local from = (first - info.base - 1) % info.max
  local to = (upto - info.base - 1) % info.max
  if from <= to then return {redis.call('LRANGE', key, from, to), {}} end
  return {redis.call('LRANGE', key, from, -1), redis.call('LRANGE', key, 0, to)}
end

local function historyPage(infoKey, listKey, afterId, limit)
  local info = historyInfo(infoKey)
  if not info then return {0, {}, {}} end
  local from = math.min(math.max(math.floor(tonumber(afterId) or 0), 0), info.last)
  local len = math.min(math.floor(tonumber(limit) or 0), info.last - from)
  local slice = historySlice(listKey, info, from + 1, from + len)
  return {info.last, slice[1], slice[2]}
end
`;

/**
 * Appends room messages, one after the other, each one atomic step as if it
 * were a script of its own: KEYS come in groups of four and ARGV, after three
 * arguments of the whole call, in groups of two, one group each per message,
 * so that all the messages of one turn of the event loop cost one call (see
 * `append-batch.ts`). ARGV[1] is '', 'publish' or 'spublish'; ARGV[2] the
 * sending instance; ARGV[3] the prefix of a published room message (see
 * `roomMessagePrefix`). For a message with KEYS k .. k+3 (historyinfo,
 * history, userlist, the room's bus channel) and ARGV a, a+1: allocates the
 * next id and stores the message (ARGV[a], the JSON of an object without
 * `id`, its leading `{` left out) with `"id"` at the head, in its ring slot.
 * ARGV[a+1], the message's control string, is 'p' (publish) or '-', then 'c'
 * and a name that must be in the userlist, or '-' for no member check. A
 * message with 'p' in a call with ARGV[1] set is published, ARGV[3] ..
 * message, on the room's channel, so the room's notifications leave Redis in
 * id order, in the same round trip; but not when the historyinfo's listener
 * summary (see `SUMMARISE_LISTENERS`) says that no instance other than the
 * sender listens on it.
 * Returns one reply per message: the id, 0 when the room does not exist, -1
 * for a non-member (nothing is written or published in either case), or the
 * error of that message's commands (the other messages are not affected).
 * Five commands per message at most, full history or not: HMGET, SISMEMBER,
 * HSET, RPUSH or LSET, PUBLISH; four when no other instance listens.
 */
export const HISTORY_APPEND: ScriptSource = {
  keys: 4,
  grouped: true,
  lua: `
local mode, origin, prefix = ARGV[1], ARGV[2], ARGV[3]
local publishing = mode == 'publish' or mode == 'spublish'
local function append(k, a)
  local info = redis.call('HMGET', KEYS[k], 'lastMessageId', 'historyMaxSize', 'historyBase', 'listeners', 'listener')
  if not info[1] then return 0 end
  local control = ARGV[a + 1]
  -- bytes 99 and 112: 'c' and 'p'
  if string.byte(control, 2) == 99 and redis.call('SISMEMBER', KEYS[k + 2], string.sub(control, 3)) == 0 then return -1 end
  local last = tonumber(info[1]) or 0
  local id = last + 1
  local ids = string.format('%d', id)
  redis.call('HSET', KEYS[k], 'lastMessageId', ids)
  local max = tonumber(info[2] or '0') or 0
  local publish = publishing and string.byte(control, 1) == 112 and not (info[4] == '0' or (info[4] == '1' and info[5] == origin))
  if max <= 0 and not publish then return id end
  local rest = ARGV[a]
  local body
  if rest == '}' then body = '{"id":' .. ids .. '}' else body = '{"id":' .. ids .. ',' .. rest end
  if max > 0 then
    local base = tonumber(info[3] or '0') or 0
    if last - base < max then
      redis.call('RPUSH', KEYS[k + 1], body)
    else
      redis.call('LSET', KEYS[k + 1], string.format('%d', (id - base - 1) % max), body)
    end
  end
  if publish then redis.call(mode, KEYS[k + 3], prefix .. body) end
  return id
end
local replies = {}
for i = 0, #KEYS / 4 - 1 do
  local ok, reply = pcall(append, i * 4 + 1, i * 2 + 4)
  if ok then
    replies[i + 1] = reply
  elseif type(reply) == 'table' and reply.err then
    replies[i + 1] = reply
  else
    replies[i + 1] = {err = tostring(reply)}
  end
end
return replies
`,
};

/**
 * The window of ids (afterId, afterId + limit] clamped to lastMessageId
 * (see the core's historyWindow). ARGV: afterId, limit.
 * Returns {lastMessageId, older, newer}: the messages, oldest first, in two parts.
 */
export const HISTORY_GET: ScriptSource = {
  keys: 2,
  lua: `${HISTORY_RING}
return historyPage(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
`,
};

/**
 * A user's standing in a room and a window of its history in one step: the
 * read of `roomAccess` and of {@link HISTORY_GET}. KEYS: state, adminlist,
 * blacklist, whitelist, userlist, historyinfo, history. ARGV: user, afterId,
 * limit. Returns nil for a missing room (or one being deleted), else
 * {standing, lastMessageId, older, newer} (standing as `ROOM_ACCESS` gives it).
 */
export const HISTORY_READ: ScriptSource = {
  keys: 7,
  lua: `${ROOM_STANDING}${HISTORY_RING}
local standing = roomStanding(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1])
if not standing then return false end
local page = historyPage(KEYS[6], KEYS[7], ARGV[2], ARGV[3])
return {standing, page[1], page[2], page[3]}
`,
};

/** The newest ARGV[1] stored messages; returns {older, newer}: oldest first, in two parts. */
export const HISTORY_RECENT: ScriptSource = {
  keys: 2,
  lua: `${HISTORY_RING}
local info = historyInfo(KEYS[1])
if not info then return {{}, {}} end
return historySlice(KEYS[2], info, info.last - math.floor(tonumber(ARGV[1]) or 0) + 1, info.last)
`,
};

/**
 * Returns {lastMessageId, historyMaxSize, historySize, epoch}; the epoch is ''
 * for a missing room. A room stored before epochs existed gets ARGV[1] as its
 * epoch on this first read.
 */
export const HISTORY_INFO: ScriptSource = {
  keys: 2,
  lua: `
local info = redis.call('HMGET', KEYS[1], 'lastMessageId', 'historyMaxSize', 'epoch')
local epoch = info[3]
if not epoch then
  epoch = ''
  if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('HSET', KEYS[1], 'epoch', ARGV[1])
    epoch = ARGV[1]
  end
end
return {tonumber(info[1] or '0') or 0, tonumber(info[2] or '0') or 0, redis.call('LLEN', KEYS[2]), epoch}
`,
};

/**
 * Sets historyMaxSize (ARGV[1]) and re-lays the ring for it, keeping the
 * newest messages that fit (none for 0). Nothing for a missing room.
 */
export const HISTORY_MAX_SIZE_SET: ScriptSource = {
  keys: 2,
  lua: `${HISTORY_RING}
local info = historyInfo(KEYS[1])
if not info then return 0 end
local size = math.max(math.floor(tonumber(ARGV[1]) or 0), 0)
local kept = historySlice(KEYS[2], info, info.last - size + 1, info.last)
redis.call('DEL', KEYS[2])
for _, part in ipairs(kept) do
  for i = 1, #part, 1000 do redis.call('RPUSH', KEYS[2], unpack(part, i, math.min(i + 999, #part))) end
end
redis.call('HSET', KEYS[1], 'historyMaxSize', size, 'historyBase', string.format('%d', info.last - #kept[1] - #kept[2]))
return 1
`,
};
