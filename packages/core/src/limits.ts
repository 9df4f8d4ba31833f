/**
 * Limits beyond the reference protocol, enforced in the command pipeline:
 * message size and per-socket command rate.
 *
 * @module
 */

/** Approximate wire size of a value in bytes; stops counting past `cap`. */
export function measureSize(value: unknown, cap = Number.MAX_SAFE_INTEGER): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const item = stack.pop();
    if (typeof item === 'string') total += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean' || item === null || item === undefined) total += 8;
    else if (item instanceof Uint8Array) total += item.byteLength;
    else if (item instanceof ArrayBuffer) total += item.byteLength;
    else if (typeof item === 'object') {
      if (seen.has(item)) continue;
      seen.add(item);
      for (const key in item) {
        if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
        total += key.length + 3;
        if (total > cap) break;
        stack.push((item as Record<string, unknown>)[key]);
      }
    } else total += 8;
  }
  return total;
}

/** A continuously refilled token bucket. */
export class TokenBucket {
  #tokens: number;
  #last: number;
  readonly #capacity: number;
  readonly #perMs: number;

  /**
   * @param capacity - the most tokens held (the burst)
   * @param intervalMs - the refill interval
   * @param now - the current time, in ms
   * @param perInterval - tokens added per `intervalMs` (default `capacity`)
   */
  constructor(capacity: number, intervalMs: number, now: number = Date.now(), perInterval: number = capacity) {
    this.#capacity = capacity;
    this.#tokens = capacity;
    this.#perMs = perInterval / intervalMs;
    this.#last = now;
  }

  /** Takes one token; returns 0 on success, else the ms until one is available. */
  take(now: number = Date.now()): number {
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#perMs);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.#tokens) / this.#perMs);
  }
}
