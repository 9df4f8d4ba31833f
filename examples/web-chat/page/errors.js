/**
 * Service errors as sentences a person can act on. The SDK's
 * `ChatServiceClientError` carries the service's `code` and `args`; an error
 * without a code is a connection problem.
 */

const q = (value) => `“${String(value)}”`;

/** @type {Record<string, (args: unknown[]) => string>} */
const SENTENCES = {
  noRoom: ([room]) => `There is no room named ${q(room)}.`,
  roomExists: ([room]) => `A room named ${q(room)} already exists.`,
  invalidName: ([name]) => `${q(name)} cannot be used: names must not contain “:”, “{”, “}” or control characters.`,
  notAllowed: () => 'You are not allowed to do that.',
  notJoined: ([room]) => `You are not in the room ${q(room)}: join it first.`,
  noUser: ([user]) => `There is no user named ${q(user)}.`,
  noUserOnline: ([user]) => `${String(user)} is not online right now.`,
  noLogin: () => 'The server did not accept this login.',
  messageTooLarge: ([size, limit]) => `This message is too long (${String(size)} bytes; the limit is ${String(limit)}).`,
  rateLimitExceeded: ([ms]) => `You are sending too fast: try again in ${Math.max(1, Math.ceil(Number(ms) / 1000))} s.`,
  listLimitExceeded: () => 'That list is full.',
  timeout: () => 'The server took too long to answer: try again.',
  badArgument: () => 'The server could not understand that request.',
};

/**
 * A human sentence for a failed command or login.
 * @param {unknown} error - usually a `ChatServiceClientError`
 * @returns {string}
 */
export function describeError(error) {
  const { code, args, message } = /** @type {{ code?: string, args?: unknown[], message?: string }} */ (error ?? {});
  const sentence = code ? SENTENCES[code] : undefined;
  if (sentence) return sentence(Array.isArray(args) ? args : []);
  if (!code) {
    if (typeof navigator !== 'undefined' && !navigator.onLine) return 'You are offline: try again once the connection is back.';
    if (/xhr|websocket|transport|connect|closed|timeout|no reply/i.test(String(message)))
      return 'The server cannot be reached right now: try again in a moment.';
  }
  const text = String(message ?? error).replace(/^(Chat)?Service(Client)?Error:\s*/, '');
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
