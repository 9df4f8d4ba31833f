/**
 * JSON with Buffers: `JSON.stringify` turns a Buffer into
 * `{type:'Buffer', data:[...]}`; {@link parseJson} turns every such node back
 * into a Buffer, so binary fields of room messages survive
 * history and the bus.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { parseMessageJson } from '@chat-service/core';

const toBuffer = (data: number[]): Buffer => Buffer.from(data);

/** Parses JSON, reviving `{type:'Buffer', data:[...]}` nodes into Buffers (see the core's `parseMessageJson`). */
export function parseJson(text: string): unknown {
  return parseMessageJson(text, toBuffer);
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
