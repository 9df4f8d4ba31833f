/**
 * Narrowing of raw script replies (`unknown`) into the shapes the scripts
 * promise; a mismatch is a bug or a foreign script, reported as an error.
 *
 * @module
 */

function fail(what: string, value: unknown): never {
  throw new Error(`[store-redis] unexpected reply (${what}): ${JSON.stringify(value)}`);
}

/** A Redis integer reply. */
export function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return fail('number', value);
}

/** A Redis bulk string reply. */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : fail('string', value);
}

/** A Redis array reply. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : fail('array', value);
}

/** A Redis array of bulk strings. */
export function asStrings(value: unknown): string[] {
  return asArray(value).map(asString);
}

/** A nullable bulk string parsed as a number (`null` stays `null`). */
export function asOptionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : asNumber(value);
}
