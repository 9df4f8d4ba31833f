/**
 * Unit tests of the merge of live notifications and history pages: an
 * in-memory history, a recording sink and a clock the test advances.
 */
import type { RoomMessage } from '@chat-service/core/protocol';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/backoff.js';
import type { Clock } from '../src/clock.js';
import { RoomSequence } from '../src/room-sequence.js';
import type { HistoryPosition, HistorySource, RoomMessagesLostInfo } from '../src/sequence-ports.js';

/** A clock whose time moves only in `advance`. */
class FakeClock implements Clock {
  now = 0;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.#timers.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pending(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [handle, timer] of [...this.#timers]) {
      if (timer.at > this.now) continue;
      this.#timers.delete(handle);
      timer.callback();
    }
  }
}

/** One room's server-side history. */
class History implements HistorySource {
  epoch = 'e1';
  lastId = 0;
  maxSize = 100;
  maxGet = 3;
  messages = new Map<number, RoomMessage>();
  reads = 0;

  append(): RoomMessage {
    const message: RoomMessage = { id: ++this.lastId, timestamp: this.lastId, textMessage: `m${String(this.lastId)}` };
    this.messages.set(message.id, message);
    for (const id of this.messages.keys()) if (id <= this.lastId - this.maxSize) this.messages.delete(id);
    return message;
  }

  recreate(epoch: string): void {
    this.epoch = epoch;
    this.lastId = 0;
    this.messages.clear();
  }

  info(): Promise<HistoryPosition> {
    return Promise.resolve({ lastMessageId: this.lastId, historySize: this.messages.size, historyMaxGetMessages: this.maxGet, epoch: this.epoch });
  }

  get(_room: string, afterId: number, limit: number): Promise<RoomMessage[]> {
    this.reads++;
    const page: RoomMessage[] = [];
    for (let id = Math.min(afterId + limit, this.lastId); id > afterId; id--) {
      const message = this.messages.get(id);
      if (message) page.push(message);
    }
    return Promise.resolve(page);
  }
}

function setup(): { history: History; clock: FakeClock; seq: RoomSequence; log: (number | string)[] } {
  const history = new History();
  const clock = new FakeClock();
  const log: (number | string)[] = [];
  const seq = new RoomSequence('r', {
    source: history,
    sink: {
      message: (_room, message) => log.push(message.id),
      lost: (_room, info: RoomMessagesLostInfo) => log.push(`lost ${info.reason} after ${String(info.lastDeliveredId)}`),
    },
    clock,
    holdMs: 1000,
  });
  return { history, clock, seq, log };
}

describe('RoomSequence', () => {
  it('starts at the lastMessageId of the first sync and drops duplicates', async () => {
    const { history, seq, log } = setup();
    const old = [history.append(), history.append()];
    await seq.sync();
    for (const m of old) seq.live(m);
    const m3 = history.append();
    seq.live(m3);
    seq.live(m3);
    expect(log).toEqual([3]);
  });

  it('holds a later id until the earlier one arrives, without reading the history', async () => {
    const { history, clock, seq, log } = setup();
    await seq.sync();
    const [m1, m2, m3] = [history.append(), history.append(), history.append()];
    seq.live(m3);
    seq.live(m2);
    expect(log).toEqual([]);
    expect(clock.pending).toBe(1);
    clock.advance(999);
    seq.live(m1);
    expect(log).toEqual([1, 2, 3]);
    expect(clock.pending).toBe(0);
    expect(history.reads).toBe(0);
  });

  it('reads the missing id from the history once the hold time is over', async () => {
    const { history, clock, seq, log } = setup();
    await seq.sync();
    history.append();
    const m2 = history.append();
    seq.live(m2);
    clock.advance(999);
    expect(log).toEqual([]);
    clock.advance(1);
    await seq.sync();
    expect(log).toEqual([1, 2]);
  });

  it('catches up after a pause in pages, merging live messages that arrive meanwhile', async () => {
    const { history, seq, log } = setup();
    await seq.sync();
    seq.live(history.append());
    seq.pause();
    for (let i = 0; i < 7; i++) history.append();
    const live = history.append();
    seq.live(live);
    const done = seq.sync();
    seq.live(live);
    await done;
    expect(log).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(history.reads).toBe(3);
  });

  it('buffers live messages until the position is checked after a pause', async () => {
    const { history, seq, log } = setup();
    await seq.sync();
    seq.live(history.append());
    seq.pause();
    seq.live(history.append());
    expect(log).toEqual([1]);
    await seq.sync();
    expect(log).toEqual([1, 2]);
  });

  it('reports one trimmed loss, then delivers the retained messages', async () => {
    const { history, seq, log } = setup();
    history.maxSize = 3;
    await seq.sync();
    seq.live(history.append());
    seq.pause();
    for (let i = 0; i < 6; i++) history.append();
    await seq.sync();
    expect(log).toEqual([1, 'lost trimmed after 1', 5, 6, 7]);
  });

  it('reports trimmed after the hold time when the missing id is gone, and keeps the later one', async () => {
    const { history, clock, seq, log } = setup();
    history.maxSize = 1;
    await seq.sync();
    history.append();
    const m2 = history.append();
    seq.live(m2);
    clock.advance(1000);
    await seq.sync();
    expect(log).toEqual(['lost trimmed after 0', 2]);
  });

  it('reports a reset when the epoch changed, then the new room from its oldest retained message', async () => {
    const { history, seq, log } = setup();
    await seq.sync();
    for (let i = 0; i < 2; i++) seq.live(history.append());
    seq.pause();
    history.recreate('e2');
    history.maxSize = 4;
    for (let i = 0; i < 5; i++) history.append();
    // A live message of the new room arrives before the position is checked: its id is not a duplicate.
    seq.live(history.append());
    await seq.sync();
    expect(log).toEqual([1, 2, 'lost reset after 2', 3, 4, 5, 6]);
  });

  it('tells a reset by a lower lastMessageId when the server has no epochs', async () => {
    const { history, seq, log } = setup();
    const source = history.info.bind(history);
    history.info = async () => ({ ...(await source()), epoch: undefined });
    await seq.sync();
    for (let i = 0; i < 3; i++) seq.live(history.append());
    seq.pause();
    history.recreate('ignored');
    history.append();
    await seq.sync();
    expect(log).toEqual([1, 2, 3, 'lost reset after 3', 1]);
  });

  it('with history reads disabled, reports the gap as trimmed and goes on live', async () => {
    const { history, seq, log } = setup();
    history.maxGet = 0;
    await seq.sync();
    seq.pause();
    history.append();
    await seq.sync();
    seq.live(history.append());
    expect(log).toEqual(['lost trimmed after 0', 2]);
  });

  it('delivers nothing after stop()', async () => {
    const { history, clock, seq, log } = setup();
    await seq.sync();
    history.append();
    seq.live(history.append());
    seq.stop();
    clock.advance(5000);
    seq.live(history.append());
    expect(log).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('is a random value below min(maxDelayMs, initialDelayMs * 2^attempt)', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(0, {}, () => 0.5)).toBe(250);
    expect(backoffDelay(20, {}, () => 0.5)).toBe(5000);
  });
});
