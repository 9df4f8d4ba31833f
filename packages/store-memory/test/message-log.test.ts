import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FIRST_CHUNK, MAX_CHUNK, MessageLog, SPARE_CHUNKS } from '../src/internal/message-log.js';

/** The texts at `[from, to)`, read back from the runs (each run is the JSON array of its texts). */
const slice = (log: MessageLog, from: number, to: number): string[] =>
  log.runs(from, to).flatMap((run) => JSON.parse(`[${run}]`) as string[]);
const all = (log: MessageLog): string[] => slice(log, 0, log.size);
/** The log holds JSON values: here, JSON strings of the texts. */
const push = (log: MessageLog, text: string): void => {
  log.push(JSON.stringify(text));
};

describe('MessageLog', () => {
  it('keeps texts in order across chunks as they grow, multi-byte text counted in bytes', () => {
    const log = new MessageLog();
    const texts = Array.from({ length: 3000 }, (_, i) => `${'é'.repeat(i % 50)}#${String(i)}${'😀'.repeat(i % 7)}`);
    for (const text of texts) push(log, text);
    expect(log.size).toBe(texts.length);
    expect(all(log)).toEqual(texts);
    expect(slice(log, 1234, 1240)).toEqual(texts.slice(1234, 1240));
    expect(slice(log, 5, 5)).toEqual([]);
  });

  it('reads a range as one run per chunk it spans', () => {
    const log = new MessageLog();
    for (let i = 0; i < 5000; i++) push(log, `m${String(i)}`);
    expect(log.runs(10, 20)).toHaveLength(1);
    expect(log.runs(0, log.size).length).toBeGreaterThan(2);
    expect(log.runs(0, log.size).length).toBeLessThan(10);
  });

  it('gives a text larger than a chunk a chunk of its own', () => {
    const log = new MessageLog();
    const big = 'x'.repeat(MAX_CHUNK * 2 + 3);
    const texts = ['a', big, 'b', 'é'.repeat(FIRST_CHUNK), 'c'];
    for (const text of texts) push(log, text);
    expect(all(log)).toEqual(texts);
  });

  it('drops the oldest, also across chunk boundaries, down to nothing', () => {
    const log = new MessageLog();
    const texts = Array.from({ length: 2000 }, (_, i) => `message ${String(i)} ${'-'.repeat(i % 90)}`);
    for (const text of texts) push(log, text);
    let kept = texts;
    for (const n of [1, 7, 300, 0, 512, 1000]) {
      log.dropOldest(n);
      kept = kept.slice(n);
      expect(log.size).toBe(kept.length);
      expect(all(log)).toEqual(kept);
      expect(slice(log, 0, 1)).toEqual(kept.slice(0, 1));
    }
    log.dropOldest(10_000);
    expect(log.size).toBe(0);
    expect(all(log)).toEqual([]);
    push(log, 'again');
    expect(all(log)).toEqual(['again']);
  });

  it('as a ring: appending and dropping one at a time holds the newest ones', () => {
    const log = new MessageLog();
    for (let i = 0; i < 20_000; i++) {
      push(log, `m${String(i)}`);
      if (log.size > 100) log.dropOldest(1);
    }
    expect(all(log)).toEqual(Array.from({ length: 100 }, (_, k) => `m${String(19_900 + k)}`));
  });

  it('adds nothing to the JavaScript heap per message (its index is in its chunk)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const log = new MessageLog();
    const text = JSON.stringify({ textMessage: 'hello world', author: 'someone', timestamp: 1_733_000_000_000 });
    gc();
    const before = process.memoryUsage().heapUsed;
    const count = 200_000;
    for (let i = 0; i < count; i++) log.push(text);
    gc();
    const perMessage = (process.memoryUsage().heapUsed - before) / count;
    // An array of the messages' offsets alone would be 8 bytes a message; the chunks' wrappers are ~0.3.
    expect(perMessage).toBeLessThan(1);
    expect(log.size).toBe(count);
  });

  it('reuses dropped chunks: full histories written on and on take no more memory outside the heap', () => {
    const rooms = Array.from({ length: 4 }, () => new MessageLog());
    const text = (i: number): string => JSON.stringify(`message ${String(i)} ${'x'.repeat(200)}`);
    const keep = 2000;
    const roomOf = (i: number): MessageLog => {
      const log = rooms[i % rooms.length];
      if (log === undefined) throw new Error('no such room');
      return log;
    };
    const write = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        const log = roomOf(i);
        log.push(text(i));
        if (log.size > keep) log.dropOldest(1);
      }
    };
    write(0, 40_000); // every room full, chunks at their largest
    const before = process.memoryUsage().arrayBuffers;
    write(40_000, 200_000); // about 45 chunks' worth of messages a room
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(grown).toBeLessThan((SPARE_CHUNKS + rooms.length) * MAX_CHUNK);
    const last = roomOf(0);
    expect(slice(last, last.size - 2, last.size)).toEqual([199_992, 199_996].map((i) => JSON.parse(text(i)) as string));
  });
});
