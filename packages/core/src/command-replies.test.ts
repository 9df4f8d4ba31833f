import { describe, expect, it } from 'vitest';
import { replyAckArgs, runCustomHandler, safeWireError } from './command-replies.js';
import { ChatServiceError } from './errors.js';

describe('safeWireError', () => {
  it('converts by useRawErrorObjects, and never throws', () => {
    expect(safeWireError(new ChatServiceError('noRoom', 'r'), false)).toBe('ChatServiceError: No such room r');
    expect(safeWireError(new ChatServiceError('noRoom', 'r'), true)).toEqual({ name: 'ChatServiceError', code: 'noRoom', args: ['r'] });
    expect(safeWireError(Object.create(null), false)).toBe('Error');
  });
});

describe('runCustomHandler', () => {
  it('spreads an array result, wraps any other value, and gives a throw as an error reply', async () => {
    expect(await runCustomHandler(() => [1, 2], [], false)).toEqual({ kind: 'result', results: [1, 2] });
    expect(await runCustomHandler((a) => Promise.resolve(a), ['x'], false)).toEqual({ kind: 'result', results: ['x'] });
    const error = new ChatServiceError('noRoom', 'r');
    expect(
      await runCustomHandler(
        () => {
          throw error;
        },
        [],
        true,
      ),
    ).toEqual({ kind: 'error', error, wireError: { name: 'ChatServiceError', code: 'noRoom', args: ['r'] } });
  });
});

describe('replyAckArgs', () => {
  it('drops a dropped reply', () => {
    expect(replyAckArgs({ kind: 'dropped', loggedIn: true })).toBeNull();
  });

  it('pads results to (null, data) with null for undefined', () => {
    expect(replyAckArgs({ kind: 'result', results: [] })).toEqual([null, null]);
    expect(replyAckArgs({ kind: 'result', results: [undefined] })).toEqual([null, null]);
    expect(replyAckArgs({ kind: 'result', results: [null, 2, 3] })).toEqual([null, null, 2, 3]);
    expect(replyAckArgs({ kind: 'result', results: [0] })).toEqual([null, 0]);
  });

  it('acks errors as (wireError, null)', () => {
    expect(replyAckArgs({ kind: 'error', error: 'boom', wireError: 'wire:boom' })).toEqual(['wire:boom', null]);
  });
});
