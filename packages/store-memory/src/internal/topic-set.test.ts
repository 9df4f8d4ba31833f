import { describe, expect, it } from 'vitest';
import { TopicSet } from './topic-set.js';

describe('TopicSet', () => {
  it('tells topics of different kinds with the same name apart, and global apart from all', () => {
    const topics = new TopicSet();
    topics.add({ kind: 'user', name: 'a' });
    topics.add({ kind: 'user', name: 'a' });
    expect(topics.has({ kind: 'user', name: 'a' })).toBe(true);
    expect(topics.has({ kind: 'room', name: 'a' })).toBe(false);
    expect(topics.has({ kind: 'global' })).toBe(false);
    topics.add({ kind: 'global' });
    topics.add({ kind: 'instance', name: 'a' });
    topics.delete({ kind: 'user', name: 'a' });
    expect([topics.has({ kind: 'user', name: 'a' }), topics.has({ kind: 'instance', name: 'a' }), topics.has({ kind: 'global' })]).toEqual([false, true, true]);
    topics.clear();
    expect([topics.has({ kind: 'instance', name: 'a' }), topics.has({ kind: 'global' })]).toEqual([false, false]);
  });
});
