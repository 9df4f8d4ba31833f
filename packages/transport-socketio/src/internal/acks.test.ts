import { describe, expect, it } from 'vitest';
import { replyArgs, splitPacket } from './acks.js';

const ack = (): void => undefined;

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
  it('drops a dropped reply', () => {
    expect(replyArgs({ kind: 'dropped', loggedIn: true })).toBeNull();
  });

  it('pads results to (null, data) with null for undefined', () => {
    expect(replyArgs({ kind: 'result', results: [] })).toEqual([null, null]);
    expect(replyArgs({ kind: 'result', results: [undefined] })).toEqual([null, null]);
    expect(replyArgs({ kind: 'result', results: [null, 2, 3] })).toEqual([null, null, 2, 3]);
    expect(replyArgs({ kind: 'result', results: [0] })).toEqual([null, 0]);
  });

  it('acks errors as (wireError, null)', () => {
    expect(replyArgs({ kind: 'error', error: 'boom', wireError: 'wire:boom' })).toEqual(['wire:boom', null]);
  });
});
