/**
 * Lua scripts of a room's history. The history is a stream holding the
 * newest messages, each under the stream id `<message id>-0` with the JSON in
 * field `m`; `XADD ... MAXLEN` appends and trims in one command, so a message
 * costs the same number of commands whether or not the history is full.
 * KEYS of every script: historyinfo, history.
 *
 * @module
 */
import type { ScriptSource } from './common.js';

/**
 * Allocates the next id, stores the message (ARGV[1], JSON of an object
 * without `id`) with `"id"` spliced in at the head, trims to historyMaxSize.
 * KEYS[3] is the room's userlist: with ARGV[2] = '1', ARGV[3] must be a member.
 * With ARGV[4] = 'publish' or 'spublish', publishes ARGV[5] .. message .. ARGV[6]
 * on the channel KEYS[4] (the room's bus channel, in the room's slot), so the
 * room's notifications leave Redis in id order, in the same round trip.
 * Returns the id, 0 when the room does not exist, -1 for a non-member
 * (nothing is written or published in either case). At most six commands:
 * EVALSHA, HMGET, SISMEMBER, HSET, XADD, PUBLISH.
 */
export const HISTORY_APPEND: ScriptSource = {
  keys: 4,
  lua: `
local info = redis.call('HMGET', KEYS[1], 'lastMessageId', 'historyMaxSize')
if not info[1] then return 0 end
if ARGV[2] == '1' and redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 0 then return -1 end
local id = (tonumber(info[1]) or 0) + 1
redis.call('HSET', KEYS[1], 'lastMessageId', string.format('%d', id))
local max = tonumber(info[2] or '0') or 0
local publish = ARGV[4] == 'publish' or ARGV[4] == 'spublish'
if max <= 0 and not publish then return id end
local body = ARGV[1]
local head = '{"id":' .. string.format('%d', id)
if body == '{}' then
  body = head .. '}'
else
  body = head .. ',' .. string.sub(body, 2)
end
if max > 0 then redis.call('XADD', KEYS[2], 'MAXLEN', max, string.format('%d-0', id), 'm', body) end
if publish then redis.call(ARGV[4], KEYS[4], ARGV[5] .. body .. ARGV[6]) end
return id
`,
};

/**
 * The window of ids (afterId, afterId + limit] clamped to lastMessageId
 * (see the core's historyWindow). ARGV: afterId, limit.
 * Returns {lastMessageId, messages...}, messages newest first.
 */
export const HISTORY_GET: ScriptSource = {
  keys: 2,
  lua: `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastMessageId') or '0') or 0
local from = math.min(math.max(math.floor(tonumber(ARGV[1]) or 0), 0), last)
local len = math.min(math.floor(tonumber(ARGV[2]) or 0), last - from)
local result = {last}
if len <= 0 then return result end
local entries = redis.call('XREVRANGE', KEYS[2], string.format('%d', from + len), string.format('%d', from + 1))
for i = 1, #entries do result[i + 1] = entries[i][2][2] end
return result
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
return {tonumber(info[1] or '0') or 0, tonumber(info[2] or '0') or 0, redis.call('XLEN', KEYS[2]), epoch}
`,
};

/** Sets historyMaxSize (ARGV[1]) and trims; 0 empties the history. Nothing for a missing room. */
export const HISTORY_MAX_SIZE_SET: ScriptSource = {
  keys: 2,
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local size = math.max(math.floor(tonumber(ARGV[1]) or 0), 0)
redis.call('HSET', KEYS[1], 'historyMaxSize', size)
if size == 0 then
  redis.call('DEL', KEYS[2])
else
  redis.call('XTRIM', KEYS[2], 'MAXLEN', size)
end
return 1
`,
};
