/**
 * One copy of the header values that the clients of a deployment send alike
 * (the host, the upgrade headers, a browser's user agent), shared by every
 * handshake that keeps them, instead of one copy per connection.
 *
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Headers whose values repeat from one client to the next (never a key, a cookie or a token). */
const REPEATED = new Set([
  'host',
  'connection',
  'upgrade',
  'origin',
  'user-agent',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'pragma',
  'sec-websocket-version',
  'sec-websocket-extensions',
]);

// Bounded: once full, new values are kept as they come (one copy each), as before.
const MAX_VALUES = 512;
const MAX_LENGTH = 512;
const values = new Map<string, string>();

function shared(value: string): string {
  const known = values.get(value);
  if (known !== undefined) return known;
  if (values.size < MAX_VALUES && value.length <= MAX_LENGTH) values.set(value, value);
  return value;
}

/** Replaces, in place, the values of repeated headers with their shared copy (same text). */
export function shareHeaderValues(headers: IncomingHttpHeaders): void {
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (typeof value === 'string' && REPEATED.has(name)) headers[name] = shared(value);
  }
}
