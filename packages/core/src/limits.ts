/**
 * Limits beyond the reference protocol, enforced in the command pipeline:
 * message size and per-socket command rate.
 *
 * @module
 */

/** The size of a value that is not walked into (anything but a plain object or array); undefined for those. */
function leafSize(item: unknown): number | undefined {
  if (typeof item === 'string') return item.length + 2;
  if (typeof item !== 'object' || item === null) return 8;
  if (item instanceof Uint8Array) return item.byteLength;
  if (item instanceof ArrayBuffer) return item.byteLength;
  return undefined;
}

/** Approximate wire size of a value in bytes; stops counting past `cap`. Each object is counted once (cycles end). */
export function measureSize(value: unknown, cap = Number.MAX_SAFE_INTEGER): number {
  const leaf = leafSize(value);
  if (leaf !== undefined) return leaf;
  // The objects left to walk and those seen: made at the first nested object, so a flat message allocates nothing.
  let pending: object[] | undefined;
  let seen: Set<object> | undefined;
  let total = 0;
  let item = value as object | undefined;
  while (item !== undefined && total <= cap) {
    for (const key in item) {
      if (!Object.hasOwn(item, key)) continue;
      total += key.length + 3;
      if (total > cap) break;
      const child: unknown = (item as Record<string, unknown>)[key];
      const size = leafSize(child);
      if (size !== undefined) total += size;
      else {
        const nested = child as object;
        seen ??= new Set([value as object]);
        if (seen.has(nested)) continue;
        seen.add(nested);
        (pending ??= []).push(nested);
      }
    }
    item = pending?.pop();
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
