/**
 * How both built-in stores keep messages: as JSON, with binary fields.
 * `JSON.stringify` writes a Node Buffer as `{"type":"Buffer","data":[...]}`
 * (its `toJSON`); {@link parseMessageJson} turns each such node back into
 * bytes. So a stored message holds what JSON holds, plus Buffers, on every
 * store. The bytes are made by the caller (`Buffer.from` on Node): the core
 * imports nothing from Node.
 *
 * @module
 */

/** Whether a parsed JSON value is a serialised Buffer: exactly `type: 'Buffer'` and `data`, an array of numbers. */
function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!('type' in value) || value.type !== 'Buffer' || !('data' in value)) return false;
  return Array.isArray(value.data) && Object.keys(value).length === 2 && value.data.every((b) => typeof b === 'number');
}

/**
 * Parses JSON written by `JSON.stringify`, reviving serialised Buffers with
 * `toBytes`. A reviver makes `JSON.parse` call back for every value (several
 * times slower), so a text that cannot hold such a node (no `"Buffer"` in
 * it) is parsed without one.
 *
 * @param text - the JSON
 * @param toBytes - makes the bytes of one serialised Buffer (`Buffer.from`)
 * @returns the value
 * @throws {SyntaxError} when `text` is not JSON
 */
export function parseMessageJson(text: string, toBytes: (data: number[]) => unknown): unknown {
  if (!text.includes('"Buffer"')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => (isBufferJson(value) ? toBytes(value.data) : value));
}
