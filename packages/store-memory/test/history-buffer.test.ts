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

  it('stores a copy as JSON: Buffers come back as Buffers, what JSON cannot hold is refused before an id is taken', () => {
    const buffer = new HistoryBuffer(10);
    const message = { textMessage: 'hi', timestamp: 1, bin: Buffer.from([1, 2, 3]), nested: { list: [1] }, id: 99 };
    expect(buffer.append(message)).toBe(1);
    message.nested.list.push(2);
    const [stored] = buffer.recent(1);
    expect(stored).toEqual({ textMessage: 'hi', timestamp: 1, bin: Buffer.from([1, 2, 3]), nested: { list: [1] }, id: 1 });
    expect(Buffer.isBuffer(stored?.['bin'])).toBe(true);
    expect(() => buffer.append({ timestamp: 2, n: 10n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = { timestamp: 3 };
    cycle['self'] = cycle;
    expect(() => buffer.append(cycle as { timestamp: number })).toThrow(TypeError);
    expect(buffer.info()).toMatchObject({ historySize: 1, lastMessageId: 1 });
    expect(buffer.append({ timestamp: 4 })).toBe(2);
  });

  it('keeps nothing at size 0 but still counts ids', () => {
    const buffer = new HistoryBuffer(0);
    expect([buffer.append({ timestamp: 1 }), buffer.append({ timestamp: 2 })]).toEqual([1, 2]);
    expect(buffer.recent(10)).toEqual([]);
    expect(buffer.window(0, 10)).toEqual([]);
  });
});
