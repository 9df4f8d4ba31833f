import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS } from './protocol/commands.js';
import { ARG_SCHEMAS, argumentsSchema, firstBadArgument } from './schemas.js';

describe('argument kinds', () => {
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
    ['directListName', 'anything', true],
    ['roomListName', 1, false],
  ] as const)('%s accepts %o: %s', (kind, value, ok) => {
    expect(v.is(ARG_SCHEMAS[kind], value)).toBe(ok);
  });
});

describe('firstBadArgument', () => {
  it('gives the index of the first argument refused, or -1', () => {
    expect(firstBadArgument('roomHistoryGet', ['r', 0, 1], false)).toBe(-1);
    expect(firstBadArgument('roomHistoryGet', [1, -1, 0], false)).toBe(0);
    expect(firstBadArgument('roomHistoryGet', ['r', 0, 0], false)).toBe(2);
    expect(firstBadArgument('roomAddToList', ['r', 'whitelist', ['a', 2]], false)).toBe(2);
  });

  it('with a checker, a message only needs to be a plain object', () => {
    expect(firstBadArgument('roomMessage', ['r', { htmlMessage: 'x' }], false)).toBe(1);
    expect(firstBadArgument('roomMessage', ['r', { htmlMessage: 'x' }], true)).toBe(-1);
    expect(firstBadArgument('roomMessage', ['r', []], true)).toBe(1);
    expect(firstBadArgument('directMessage', ['u', Buffer.from('x')], true)).toBe(1);
  });
});

describe('firstBadArgument and the tuple schemas the docs are generated from', () => {
  // Values of every kind, good and bad: each command's arguments are drawn from them.
  const values: unknown[] = ['', 'r', 1, -1, 0.5, Infinity, true, [], ['a'], ['a', 1], null, undefined, { textMessage: 'x' }, { textMessage: 1 }, { other: 'x' }, Buffer.from('x')];

  it.each(COMMAND_NAMES.map((name) => [name]))('agree on which arguments of %s pass', (name) => {
    const arity = COMMANDS[name].args.length;
    for (const lenient of [false, true]) {
      const tuple = argumentsSchema(name, lenient);
      for (let round = 0; round < 200; round++) {
        const args = Array.from({ length: arity }, (_, i) => values[(round * 7 + i * 13 + round * i) % values.length]);
        const result = v.safeParse(tuple, args, { abortEarly: true });
        const key = result.success ? -1 : result.issues[0].path?.[0]?.key;
        expect(firstBadArgument(name, args, lenient), `${name}(${JSON.stringify(args)}) lenient ${String(lenient)}`).toBe(key);
      }
    }
  });
});
