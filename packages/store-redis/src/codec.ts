/**
 * JSON with Buffers: `JSON.stringify` turns a Buffer into
 * `{type:'Buffer', data:[...]}`; {@link parseJson} turns every such node back
 * into a Buffer, so binary fields of room messages survive
 * history and the bus.
 *
 * @module
 */
import { Buffer } from 'node:buffer';

function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!('type' in value) || value.type !== 'Buffer' || !('data' in value)) return false;
  return Array.isArray(value.data) && Object.keys(value).length === 2 && value.data.every((b) => typeof b === 'number');
}

function reviveBuffers(_key: string, value: unknown): unknown {
  return isBufferJson(value) ? Buffer.from(value.data) : value;
}

/**
 * Parses JSON, reviving `{type:'Buffer', data:[...]}` nodes into Buffers. A
 * reviver makes `JSON.parse` call back for every value (several times slower),
 * so a text that cannot hold such a node (no `"Buffer"` in it) is parsed without.
 */
export function parseJson(text: string): unknown {
  return text.includes('"Buffer"') ? JSON.parse(text, reviveBuffers) : JSON.parse(text);
}

/** Whether JSON.stringify of the object itself gives its own fields and nothing inherited (no `toJSON` from a class). */
function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Serialises a message without its `id` (the history script writes the id). */
export function encodeMessageBody(message: Readonly<Record<string, unknown>>): string {
  // The core hands over a fresh plain message without an id: no copy then (this runs once per room message).
  if (!Object.hasOwn(message, 'id') && isPlain(message)) return JSON.stringify(message);
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(message)) {
    if (field === 'id') continue;
    // defineProperty: a field named `__proto__` stays an ordinary field
    Object.defineProperty(body, field, { value, enumerable: true, configurable: true, writable: true });
  }
  return JSON.stringify(body);
}
