import { describe, expect, it } from 'vitest';
import { checkArg } from './schemas.js';

describe('checkArg', () => {
  it.each([
    ['string', '', true],
    ['string', 1, false],
    ['boolean', false, true],
    ['boolean', 0, false],
    ['stringList', [], true],
    ['stringList', ['a', 1], false],
    ['stringList', 'a', false],
    ['historyId', 0, true],
    ['historyId', 1.5, true],
    ['historyId', -1, false],
    ['historyId', Infinity, false],
    ['historyId', '1', false],
    ['historyLimit', 0, false],
    ['historyLimit', 1, true],
    ['any', undefined, true],
    ['roomMessage', { textMessage: 'x' }, true],
    ['roomMessage', { textMessage: 'x', author: 'y' }, false],
    ['roomMessage', { textMessage: 1 }, false],
    ['roomMessage', null, false],
    ['roomMessage', [], false],
    ['roomMessage', 'text', false],
    ['directMessage', Buffer.from('x'), false],
  ] as const)('%s accepts %o: %s', (kind, value, ok) => {
    expect(checkArg(kind, value, false)).toBe(ok);
  });

  it('with a checker, a message only needs to be a plain object', () => {
    expect(checkArg('roomMessage', { htmlMessage: 'x' }, true)).toBe(true);
    expect(checkArg('roomMessage', [], true)).toBe(false);
    expect(checkArg('directMessage', Buffer.from('x'), true)).toBe(false);
  });
});
