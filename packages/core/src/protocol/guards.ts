/**
 * Type guards for values from the wire (decoded frames, handshake data),
 * shared by the core, the transports, the client and the test clients.
 *
 * @module
 */

/**
 * Whether a value is a plain record: an object that is neither `null` nor an array.
 *
 * @param value - any value
 * @returns `true` for `{}`-like objects
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `Array.isArray` typed for values from outside: the elements are `unknown`, not `any`.
 *
 * @param value - any value
 * @returns `true` for arrays
 */
export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}
