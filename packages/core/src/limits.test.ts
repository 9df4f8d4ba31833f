import { describe, expect, it } from 'vitest';
import { measureSize, TokenBucket } from './limits.js';

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
