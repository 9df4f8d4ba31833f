/**
 * The name rule for users and rooms, and the transport channel of a user.
 *
 * @module
 */

// Control characters, DEL, and the three characters the Redis key layout reserves.
// eslint-disable-next-line no-control-regex
const INVALID_NAME = /[\u0000-\u001f\u007f:{}]/;

// A UTF-16 surrogate without its partner: not well-formed Unicode. Redis (UTF-8) would turn
// every one into U+FFFD, so 'a\ud800' and 'a\udfff' would name the same room there.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` has no lone UTF-16 surrogate (is well-formed Unicode). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * True when `name` is a non-empty, well-formed Unicode string (no lone
 * surrogates) without control characters, `:`, `{` or `}`.
 */
export function isValidName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !INVALID_NAME.test(name) && !LONE_SURROGATE.test(name);
}

/** The start of a user's transport channel (no room name holds `:`). */
export const USER_CHANNEL_PREFIX = 'echo:';

/** The transport channel of a user's sockets. */
export function userChannel(userName: string): string {
  return `${USER_CHANNEL_PREFIX}${userName}`;
}
