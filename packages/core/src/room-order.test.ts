import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoomOrder } from './room-order.js';

describe('RoomOrder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // The message delivered is its id: `seen` lists the ids in delivery order.
  const ordered = (seen: number[]) => new RoomOrder<number>(200, (_room, id) => seen.push(id));
  const recorder = (order: RoomOrder<number>) => (room: string, id: number) => {
    order.push(room, id, id);
  };

  it('delivers in id order, holding a message until the lower id arrives', () => {
    const seen: number[] = [];
    const order = ordered(seen);
    const push = recorder(order);
    push('r', 5);
    push('r', 7);
    push('r', 8);
    expect(seen).toEqual([5]);
    push('r', 6);
    expect(seen).toEqual([5, 6, 7, 8]);
    push('r', 4);
    expect(seen).toEqual([5, 6, 7, 8, 4]);
  });

  it('keeps rooms apart', () => {
    const seen: number[] = [];
    const order = ordered(seen);
    const push = recorder(order);
    push('a', 1);
    push('b', 10);
    push('a', 3);
    push('b', 11);
    expect(seen).toEqual([1, 10, 11]);
  });

  it('skips a gap that stays open for the gap time, and forget delivers what waits', () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const order = ordered(seen);
    const push = recorder(order);
    push('r', 1);
    push('r', 3);
    push('r', 4);
    vi.advanceTimersByTime(199);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, 3, 4]);
    push('r', 2);
    expect(seen).toEqual([1, 3, 4, 2]);
    push('r', 7);
    order.forget('r');
    expect(seen).toEqual([1, 3, 4, 2, 7]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
