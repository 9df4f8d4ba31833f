import { describe, expect, it } from 'vitest';
import { callHook, isOverride, outcomeList, outcomeValue, runHook } from './hook-runner.js';

describe('runHook', () => {
  it('uses an async function result', async () => {
    expect(outcomeValue(await runHook(() => Promise.resolve('data'), []))).toBe('data');
  });
  it('uses a synchronous callback', async () => {
    const hook = (_a: unknown, cb: (e: unknown, ...r: unknown[]) => void): void => {
      cb(null, 'x', true);
    };
    expect(outcomeValue(await runHook(hook, [1]))).toEqual(['x', true]);
  });
  it('waits for an asynchronous callback when the hook declares it', async () => {
    const hook = (_a: unknown, cb: (e: unknown, ...r: unknown[]) => void): void => {
      setTimeout(() => {
        cb(null, 'late');
      }, 5);
    };
    expect(outcomeValue(await runHook(hook, [1]))).toEqual(['late']);
  });
  it('takes a plain return value from a function without a callback parameter', async () => {
    expect(outcomeValue(await runHook((_a: unknown) => 5, [1]))).toBe(5);
  });
  it('rejects on a throw, a rejection and cb(err); primitives become Errors', async () => {
    await expect(runHook(() => { throw new Error('boom'); }, [])).rejects.toThrow('boom');
    await expect(runHook(async () => Promise.reject(new Error('no')), [])).rejects.toThrow('no');
    const cbHook = (cb: (e: unknown) => void): void => {
      cb('str');
    };
    await expect(runHook(cbHook, [])).rejects.toEqual(new Error('str'));
  });
  it('normalises onConnect results to a list', async () => {
    expect(outcomeList(await runHook(() => Promise.resolve('user'), []))).toEqual(['user']);
    expect(outcomeList(await runHook(() => Promise.resolve(['user', { a: 1 }]), []))).toEqual(['user', { a: 1 }]);
    const cbHook = (cb: (e: unknown, ...r: unknown[]) => void): void => {
      cb(null);
    };
    expect(outcomeList(await runHook(cbHook, []))).toEqual([]);
  });
});

describe('callHook', () => {
  it('answers at once, without a promise, when the hook did', () => {
    expect(callHook((_a: unknown) => 5, [1])).toEqual({ kind: 'value', value: 5 });
    const hook = (_a: unknown, cb: (e: unknown, ...r: unknown[]) => void): void => {
      cb(null, 'x');
    };
    expect(callHook(hook, [1])).toEqual({ kind: 'callback', results: ['x'] });
  });
  it('throws at once on a synchronous throw or cb(err)', () => {
    expect(() => callHook(() => { throw new Error('boom'); }, [])).toThrow('boom');
    const cbHook = (cb: (e: unknown) => void): void => {
      cb('str');
    };
    expect(() => callHook(cbHook, [])).toThrow('str');
  });
  it('gives a promise for a returned thenable or a callback still to come, the first answer winning', async () => {
    const thenable = callHook(() => Promise.resolve('data'), []);
    expect(thenable).toBeInstanceOf(Promise);
    expect(await thenable).toEqual({ kind: 'value', value: 'data' });
    let answer: (e: unknown, ...r: unknown[]) => void = () => undefined;
    const late = callHook((cb: (e: unknown, ...r: unknown[]) => void) => void (answer = cb), []);
    expect(late).toBeInstanceOf(Promise);
    answer(null, 'first');
    answer(null, 'second');
    expect(await late).toEqual({ kind: 'callback', results: ['first'] });
  });
});

describe('isOverride', () => {
  it.each([
    [['x'], true],
    ['data', true],
    [[], false],
    ['', false],
    [undefined, false],
    [5, false],
    [[undefined], true],
    [{ length: 0 }, false],
  ] as const)('%o -> %s', (value, expected) => {
    expect(isOverride(value)).toBe(expected);
  });
});
