import { describe, expect, it } from 'vitest';
import { ServiceEmitter } from './events.js';

interface Events {
  a: [n: number];
  b: [n: number];
}

describe('ServiceEmitter', () => {
  it('registers a listener per event: removing it from one event keeps it on the other', () => {
    const emitter = new ServiceEmitter<Events>();
    const seen: string[] = [];
    const listener = (n: number): void => {
      seen.push(String(n));
    };
    emitter.on('a', listener).on('b', listener);
    emitter.off('a', listener);
    expect(emitter.emit('a', 1)).toBe(false);
    expect(emitter.emit('b', 2)).toBe(true);
    expect(seen).toEqual(['2']);
    expect(emitter.listenerCount('b')).toBe(1);
  });

  it('removes a once listener by the function given, before it fires', () => {
    const emitter = new ServiceEmitter<Events>();
    const seen: number[] = [];
    const listener = (n: number): void => {
      seen.push(n);
    };
    emitter.once('a', listener);
    emitter.off('a', listener);
    emitter.emit('a', 1);
    expect(seen).toEqual([]);
    expect(emitter.listenerCount('a')).toBe(0);
  });

  it('calls a once listener once, then forgets it', () => {
    const emitter = new ServiceEmitter<Events>();
    const seen: number[] = [];
    emitter.once('a', (n) => seen.push(n));
    emitter.emit('a', 1);
    emitter.emit('a', 2);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount('a')).toBe(0);
  });

  it('off removes one registration of a function added twice, the most recent first', () => {
    const emitter = new ServiceEmitter<Events>();
    const seen: number[] = [];
    const listener = (n: number): void => {
      seen.push(n);
    };
    emitter.on('a', listener).once('a', listener);
    emitter.off('a', listener);
    emitter.emit('a', 1);
    emitter.emit('a', 2);
    expect(seen).toEqual([1, 2]);
  });

  it('a throwing listener does not stop the others', () => {
    const emitter = new ServiceEmitter<Events>();
    const seen: number[] = [];
    emitter.on('a', () => {
      throw new Error('listener bug');
    });
    emitter.on('a', (n) => seen.push(n));
    expect(emitter.emit('a', 1)).toBe(true);
    expect(seen).toEqual([1]);
  });
});
