/**
 * Copies of plain data going in and out of the store, so that callers never
 * share mutable state with it.
 *
 * @module
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Copies `source`'s own enumerable properties into `target`, deeply; a `__proto__` key stays a key. */
function copyInto(target: Record<string, unknown>, source: object): Record<string, unknown> {
  // for...in with an own-property check: the same keys as Object.keys, without allocating their array.
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = cloneData((source as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else target[key] = value;
  }
  return target;
}

/**
 * Deep-copies arrays and plain objects. Anything else (Buffers and other
 * binary views, dates, class instances) is kept as given, by reference.
 *
 * @param value - any value
 * @returns the copy
 */
export function cloneData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneData);
  return isPlainObject(value) ? copyInto({}, value) : value;
}
