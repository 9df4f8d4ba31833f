import { historyWindow } from '@chat-service/core';
import { describe, expect, it } from 'vitest';
import { HistoryBuffer } from '../src/internal/history-buffer.js';

describe('HistoryBuffer trimming', () => {
  it.each([1, 3, 7])('keeps exactly the newest %d messages across many compactions', (max) => {
    const buffer = new HistoryBuffer(max);
    for (let i = 1; i <= 100; i++) {
      expect(buffer.append({ timestamp: i })).toBe(i);
      const size = Math.min(i, max);
      expect(buffer.info()).toEqual({ historySize: size, historyMaxSize: max, lastMessageId: i, epoch: expect.any(String) as unknown });
      expect(buffer.recent(max + 5).map((m) => m.id)).toEqual(Array.from({ length: size }, (_, k) => i - k));
      for (const after of [0, i - max - 1, i - max, i - 2]) {
        const range = historyWindow(i, Math.max(after, 0), 3);
        const expected = range ? Array.from({ length: range[1] - range[0] + 1 }, (_, k) => range[1] - k).filter((id) => id > i - size) : [];
        expect(buffer.window(Math.max(after, 0), 3).map((m) => m.id)).toEqual(expected);
      }
    }
    buffer.setMaxSize(2);
    expect(buffer.recent(10).map((m) => m.id)).toEqual([100, 99].slice(0, Math.min(2, max)));
  });
});
