import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { encodeMessageBody, parseJson } from './codec.js';

describe('codec', () => {
  it('revives Buffer nodes at any depth and leaves look-alikes alone', () => {
    const value = {
      a: Buffer.from([1, 2]),
      b: [{ c: Buffer.from('x') }],
      d: { type: 'Buffer', data: [1], extra: true },
      e: { type: 'Buffer', data: ['x'] },
    };
    const back = parseJson(JSON.stringify(value));
    expect(back).toEqual(value);
    expect(Buffer.isBuffer((back as { a: unknown }).a)).toBe(true);
    expect(Buffer.isBuffer((back as { d: unknown }).d)).toBe(false);
  });

  it('parses text without Buffer nodes as JSON.parse does, including the word in a string', () => {
    for (const text of [
      '{"t":"plain","n":[1,{"type":"Buf","data":[1]}]}',
      '{"t":"a \\"Buffer\\" in text","b":{"type":"Buffer","data":[7]}}',
      '[]',
      '"Buffer"',
    ]) {
      const back = parseJson(text);
      expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(text));
    }
    expect(Buffer.isBuffer((parseJson('{"t":"a \\"Buffer\\" in text","b":{"type":"Buffer","data":[7]}}') as { b: unknown }).b)).toBe(true);
  });

  it('encodes a message without an id as it is, and a class instance by its own fields', () => {
    const message = JSON.parse('{"__proto__": {"polluted": true}, "timestamp": 1, "b": [1]}') as Record<string, unknown>;
    expect(encodeMessageBody(message)).toBe('{"__proto__":{"polluted":true},"timestamp":1,"b":[1]}');
    class Message {
      [field: string]: unknown;
      timestamp = 2;
      toJSON(): string {
        return 'not the fields';
      }
    }
    expect(encodeMessageBody(new Message())).toBe('{"timestamp":2}');
  });

  it('drops the id and keeps a __proto__ field as data', () => {
    const message = JSON.parse('{"__proto__": {"polluted": true}, "id": 7, "timestamp": 1}') as Record<string, unknown>;
    const body = encodeMessageBody(message);
    expect(body).toBe('{"__proto__":{"polluted":true},"timestamp":1}');
    const back = parseJson(body);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
