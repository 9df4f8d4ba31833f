/**
 * The name rule for users and rooms (PROTOCOL.md §1).
 */

// Control characters, DEL, and the three characters the Redis key layout reserves.
// eslint-disable-next-line no-control-regex
const INVALID_NAME = /[\u0000-\u001f\u007f:{}]/;

/** True when `name` is a non-empty string without control characters, `:`, `{` or `}`. */
export function isValidName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !INVALID_NAME.test(name);
}

/** The start of a user's transport channel (no room name holds `:`). */
export const USER_CHANNEL_PREFIX = 'echo:';

/** The transport channel of a user's sockets. */
export function userChannel(userName: string): string {
  return `${USER_CHANNEL_PREFIX}${userName}`;
}
