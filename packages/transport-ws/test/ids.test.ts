import { describe, expect, it } from 'vitest';
import { randomId } from '../src/ids.js';

describe('randomId', () => {
  it('gives distinct 20-character base64url ids, across pool refills', () => {
    const ids = Array.from({ length: 1000 }, () => randomId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{20}$/.test(id))).toBe(true);
  });
});
