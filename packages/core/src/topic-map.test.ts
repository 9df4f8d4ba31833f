import { describe, expect, it } from 'vitest';
import { TopicMap } from './topic-map.js';

describe('TopicMap', () => {
  it('tells topics of different kinds with the same name apart, and global apart from all', () => {
    const topics = new TopicMap<number>();
    topics.set({ kind: 'user', name: 'a' }, 1);
    topics.set({ kind: 'user', name: 'a' }, 2);
    expect(topics.get({ kind: 'user', name: 'a' })).toBe(2);
    expect(topics.has({ kind: 'room', name: 'a' })).toBe(false);
    expect(topics.has({ kind: 'global' })).toBe(false);
    topics.set({ kind: 'global' }, 3);
    topics.set({ kind: 'instance', name: 'a' }, 4);
    expect([...topics.values()]).toEqual([3, 2, 4]);
    topics.delete({ kind: 'user', name: 'a' });
    expect([topics.has({ kind: 'user', name: 'a' }), topics.has({ kind: 'instance', name: 'a' }), topics.has({ kind: 'global' })]).toEqual([false, true, true]);
    topics.clear();
    expect([topics.has({ kind: 'instance', name: 'a' }), topics.has({ kind: 'global' }), [...topics.values()]]).toEqual([false, false, []]);
  });
});
