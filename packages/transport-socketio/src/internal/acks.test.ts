import { describe, expect, it } from 'vitest';
import { handlerResultArgs, replyArgs, splitPacket } from './acks.js';

const ack = (): void => undefined;
const wire = (error: unknown): unknown => `wire:${String(error)}`;

describe('splitPacket', () => {
  it('takes a trailing function as the ack', () => {
    expect(splitPacket(['cmd', 1, ack])).toEqual({ name: 'cmd', args: [1], ack });
  });

  it('keeps a trailing non-function as an argument', () => {
    expect(splitPacket(['cmd', 1, 'x'])).toEqual({ name: 'cmd', args: [1, 'x'], ack: undefined });
    expect(splitPacket(['cmd'])).toEqual({ name: 'cmd', args: [], ack: undefined });
  });
});

describe('replyArgs', () => {
  it('drops a null reply', () => {
    expect(replyArgs(null, wire)).toBeNull();
  });

  it('pads results to (null, data) with null for undefined', () => {
    expect(replyArgs({ error: null, results: [] }, wire)).toEqual([null, null]);
    expect(replyArgs({ error: null, results: [undefined] }, wire)).toEqual([null, null]);
    expect(replyArgs({ error: null, results: [null, 2, 3] }, wire)).toEqual([null, null, 2, 3]);
    expect(replyArgs({ error: null, results: [0] }, wire)).toEqual([null, 0]);
  });

  it('converts errors with wireError and acks (error, null)', () => {
    expect(replyArgs({ error: 'boom' }, wire)).toEqual(['wire:boom', null]);
  });

  it('acks an error-less reply without results as (null, null)', () => {
    expect(replyArgs({ error: undefined }, wire)).toEqual([null, null]);
  });
});

describe('handlerResultArgs', () => {
  it('spreads arrays and sends anything else as one value', () => {
    expect(handlerResultArgs(['a', 'b'])).toEqual([null, 'a', 'b']);
    expect(handlerResultArgs([])).toEqual([null, null]);
    expect(handlerResultArgs(undefined)).toEqual([null, null]);
    expect(handlerResultArgs(false)).toEqual([null, false]);
    expect(handlerResultArgs({ a: [1] })).toEqual([null, { a: [1] }]);
  });
});
