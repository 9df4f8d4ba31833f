import { describe, expect, it } from 'vitest';
import { shareHeaderValues } from './header-values.js';

describe('shareHeaderValues', () => {
  it('leaves every header with the same value, repeated or not', () => {
    const headers = {
      host: 'chat.example:8000',
      upgrade: 'websocket',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'x-forwarded-for': '10.0.0.1',
      'set-cookie': ['a=1', 'b=2'],
    };
    const before = structuredClone(headers);
    shareHeaderValues(headers);
    shareHeaderValues(headers);
    expect(headers).toEqual(before);
    const other = { host: 'chat.example:8000', upgrade: 'WebSocket', 'user-agent': 'x'.repeat(10_000) };
    const copy = { ...other };
    shareHeaderValues(other);
    expect(other).toEqual(copy);
  });
});
