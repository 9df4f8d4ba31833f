/**
 * Lua fragments shared by several scripts.
 *
 * @module
 */

/** A script's Lua source and how many of its arguments are keys. */
export interface ScriptSource {
  /** How many keys it takes; with `grouped`, any number of groups of that many keys. */
  readonly keys: number;
  /** The script takes its keys in groups of `keys` (one group per item it handles). */
  readonly grouped?: boolean;
  readonly lua: string;
}

/**
 * `saddAll(key, from, count)`: SADD of `ARGV[from .. from + count - 1]` in
 * chunks, since `unpack` of thousands of values overflows the Lua stack.
 * `saddLists(firstKey, lastKey, pos)`: for each of `KEYS[firstKey .. lastKey]`,
 * reads a length at `ARGV[pos]` and adds that many following values; returns
 * the next position.
 */
export const SADD_ALL = `
local function saddAll(key, from, count)
  local last = from + count - 1
  local i = from
  while i <= last do
    local j = math.min(i + 999, last)
    redis.call('SADD', key, unpack(ARGV, i, j))
    i = j + 1
  end
end

local function saddLists(firstKey, lastKey, pos)
  for k = firstKey, lastKey do
    local count = tonumber(ARGV[pos])
    saddAll(KEYS[k], pos + 1, count)
    pos = pos + 1 + count
  end
  return pos
end
`;

/**
 * Sets hash fields (ARGV: field, value, ...) only when the hash exists, so a
 * late write never resurrects a deleted room or user. Returns 1 when written.
 */
export const HSET_IF_EXISTS: ScriptSource = {
  keys: 1,
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`,
};

/**
 * Adds ARGV[2..] to the set KEYS[2] unless SCARD + count > ARGV[1]; nothing
 * happens when the owner hash KEYS[1] is missing. Returns 0 when over the limit.
 */
export const LIST_ADD: ScriptSource = {
  keys: 2,
  lua: `${SADD_ALL}
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local count = #ARGV - 1
if count == 0 then return 1 end
if redis.call('SCARD', KEYS[2]) + count > tonumber(ARGV[1]) then return 0 end
saddAll(KEYS[2], 2, count)
return 1
`,
};
