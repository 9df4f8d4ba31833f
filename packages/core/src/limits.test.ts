import { describe, expect, it } from 'vitest';
import { measureSize, TokenBucket } from './limits.js';
import { DEFAULT_OPTIONS, resolveOptions } from './options.js';

describe('measureSize', () => {
  it('counts strings, binary data and keys', () => {
    expect(measureSize({ textMessage: 'x'.repeat(1000) })).toBeGreaterThan(1000);
    expect(measureSize({ data: Buffer.alloc(5000) })).toBeGreaterThanOrEqual(5000);
    expect(measureSize({ a: 1 })).toBeLessThan(20);
  });
  it('survives cycles and stops past the cap', () => {
    const a: Record<string, unknown> = { s: 'x'.repeat(100) };
    a['self'] = a;
    expect(measureSize(a)).toBeLessThan(200);
    const inner: Record<string, unknown> = { s: 'x'.repeat(100), root: a };
    inner['inner'] = inner;
    const nested = { inner, again: inner, s: 'x'.repeat(100) };
    // each object counted once: a cycle through a nested object, and one shared twice
    expect(measureSize(nested)).toBeGreaterThan(200);
    expect(measureSize(nested)).toBeLessThan(measureSize(a) + 300);
    const wide = Array.from({ length: 100000 }, () => 'yy');
    expect(measureSize(wide, 100)).toBeLessThan(200);
  });
});

describe('TokenBucket', () => {
  it('allows a burst of capacity, then refills over time', () => {
    const bucket = new TokenBucket(3, 300, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(100);
    expect(bucket.take(100)).toBe(0);
    expect(bucket.take(100)).toBeGreaterThan(0);
  });
});

describe('limit options', () => {
  it('are on by default with the documented values', () => {
    expect(DEFAULT_OPTIONS).toMatchObject({
      maxMessageSize: 65536,
      maxNameLength: 128,
      rateLimit: { commands: 100, intervalMs: 1000, burst: 200, disconnectAfter: 100 },
      userRateLimit: { commands: 200, intervalMs: 1000, burst: 400, disconnectAfter: 100 },
      maxRoomsPerSocket: 1000,
      maxSocketsPerUser: 100,
      handshakeTimeout: 10000,
    });
    expect(resolveOptions({})).toMatchObject(DEFAULT_OPTIONS);
  });

  it('are switched off by false, 0 or Infinity, one convention for all', () => {
    const numeric = ['maxMessageSize', 'maxNameLength', 'maxRoomsPerSocket', 'maxSocketsPerUser', 'handshakeTimeout'] as const;
    for (const off of [false, 0, Infinity]) {
      const resolved = resolveOptions({ ...Object.fromEntries(numeric.map((k) => [k, off])), rateLimit: off, userRateLimit: off });
      for (const key of numeric) expect(resolved[key]).toBe(0);
      expect(resolved.rateLimit).toBeUndefined();
      expect(resolved.userRateLimit).toBeUndefined();
    }
    expect(resolveOptions({ rateLimit: { commands: 5, intervalMs: 500 } }).rateLimit).toEqual({ commands: 5, intervalMs: 500, burst: 5, disconnectAfter: 100 });
  });
});
