/**
 * Error texts back to codes and args, and `toClientError` over both wire forms.
 */
import { describe, expect, it } from 'vitest';
import { ChatServiceClientError, formatErrorText, parseErrorText, toClientError } from '../src/index.js';

describe('parseErrorText', () => {
  it.each([
    ['ChatServiceError: No such room lobby', 'noRoom', ['lobby']],
    ['ChatServiceError: No such user online bob', 'noUserOnline', ['bob']],
    ['ChatServiceError: No such user bob', 'noUser', ['bob']],
    ['ChatServiceError: Bad argument at position 1, value {"a":[1]}', 'badArgument', [1, { a: [1] }]],
    ['ChatServiceError: Bad argument at position 0, value undefined', 'badArgument', [0, undefined]],
    ['ChatServiceError: Expected 2 arguments, got 0', 'wrongArgumentsCount', ['2', '0']],
    ['ChatServiceError: Action is not allowed', 'notAllowed', []],
    ['ChatServiceError: Action is not allowed extra', 'notAllowed', ['extra']],
    ['ChatServiceError: No login provided', 'noLogin', []],
    ['ChatServiceError: Message of 2000 bytes exceeds the limit of 1024 bytes', 'messageTooLarge', [2000, 1024]],
    ['ChatServiceError: Room with spaces: ok already exists', 'roomExists', ['with spaces: ok']],
    ['ChatServiceError: customCode', 'customCode', []],
  ])('%s', (text, code, args) => {
    expect(parseErrorText(text)).toEqual({ code, args, message: text.slice('ChatServiceError: '.length) });
  });

  it('keeps texts it cannot read as the message only', () => {
    expect(parseErrorText('Error: boom')).toEqual({ message: 'Error: boom' });
    expect(parseErrorText('ChatServiceError: something odd happened')).toEqual({ message: 'something odd happened' });
  });
});

describe('formatErrorText', () => {
  it('words a code as the service does', () => {
    expect(formatErrorText('noRoom', ['x'])).toBe('No such room x');
    expect(formatErrorText('badArgument', [0, null])).toBe('Bad argument at position 0, value null');
    expect(formatErrorText('noRoom', [])).toBe('No such room %s');
    expect(formatErrorText('notAllowed', ['x'])).toBe('Action is not allowed x');
    expect(formatErrorText('myCode', [1])).toBe('myCode');
  });

  it('is the service\'s own formatter: bigints and surplus arguments as core words them', () => {
    expect(formatErrorText('rateLimitExceeded', [10n])).toBe('Too many commands, retry in 10n ms');
    expect(formatErrorText('noRoom', ['a', { b: 1 }])).toBe('No such room a {"b":1}');
  });
});

describe('toClientError', () => {
  it('reads the raw object form', () => {
    const error = toClientError({ name: 'ChatServiceError', code: 'noList', args: ['foo'] });
    expect(error).toBeInstanceOf(ChatServiceClientError);
    expect(error).toMatchObject({ name: 'ChatServiceClientError', code: 'noList', args: ['foo'], message: 'No such list foo' });
    expect(ChatServiceClientError.is(error)).toBe(true);
  });

  it('reads the text form and anything else', () => {
    expect(toClientError('ChatServiceError: Not joined to room r')).toMatchObject({ code: 'notJoined', args: ['r'] });
    expect(toClientError('Error: boom')).toMatchObject({ code: undefined, message: 'Error: boom' });
    expect(toClientError(42)).toMatchObject({ code: undefined, message: '42', raw: 42 });
  });
});
