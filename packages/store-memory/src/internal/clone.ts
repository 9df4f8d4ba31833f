/**
 * Copies of plain data going in and out of the store, so that callers never
 * share mutable state with it.
 *
 * @module
 */
import type { StoredMessage } from '@chat-service/core';

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function clonePlainObject(source: object): Record<string, unknown> {
  // Object.fromEntries defines own properties, so a `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, cloneData(value)]));
}

/**
 * Deep-copies arrays and plain objects. Anything else (Buffers and other
 * binary views, dates, class instances) is kept as given, by reference.
 *
 * @param value - any value
 * @returns the copy
 */
export function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (isPlainObject(value)) return clonePlainObject(value);
  return value;
}

/**
 * Copies a message (see {@link cloneData}).
 *
 * @param message - a stored or incoming message
 * @returns the copy
 */
export function cloneMessage(message: Readonly<StoredMessage>): StoredMessage {
  return { ...clonePlainObject(message), timestamp: message.timestamp };
}
