import { describe, expect, it } from 'vitest';
import { historyWindow } from './history-window.js';

describe('historyWindow', () => {
  it.each([
    [2, 0, 10, [1, 2]],
    [2, 1, 10, [2, 2]],
    [2, 2, 10, null],
    [3, 0, 2, [1, 2]],
    [3, 1, 2, [2, 3]],
    [3, 2, 2, [3, 3]],
    [3, 3, 2, null],
    [3, 9, 2, null],
    [3, 0, 0, null],
    [0, 0, 5, null],
    [5, 1.5, 2, [2, 3]],
  ] as const)('last=%d after=%d limit=%d', (last, after, limit, expected) => {
    expect(historyWindow(last, after, limit)).toEqual(expected);
  });
});
