import { describe, expect, it } from 'vitest';
import { createKeySpace, hashTag } from './keys.js';

describe('hashTag', () => {
  it('keeps valid names readable', () => {
    expect(hashTag('lobby')).toBe('lobby');
    expect(hashTag('a b:é')).toBe('a b:é');
  });

  it('never yields an empty tag or a brace, and never maps two names to one tag', () => {
    const names = ['', '%', '%%', '{', '}', '{}', '%7B', '%7D', '%25', 'a{b', 'a%7Bb', 'x}', '}x', '%x'];
    const tags = names.map(hashTag);
    for (const tag of tags) {
      expect(tag).not.toBe('');
      expect(tag).not.toMatch(/[{}]/);
    }
    expect(new Set(tags).size).toBe(names.length);
  });
});

describe('createKeySpace', () => {
  it('puts the name between braces after the prefix', () => {
    const keys = createKeySpace('p');
    expect(keys.room('r', 'history')).toBe('p:rooms:{r}:history');
    expect(keys.user('u', 'sockets')).toBe('p:users:{u}:sockets');
    expect(keys.userSocketRooms('u', '{s}')).toBe('p:users:{u}:socketrooms:{s}');
    expect(keys.instanceHeartbeat('i')).toBe('p:instances:{i}:heartbeat');
    expect(keys.instanceListening('i')).toBe('p:instances:{i}:listening');
    expect(keys.lock('u{r}')).toBe('p:locks:{%u%7Br%7D}');
    expect(keys.busChannel({ kind: 'global' })).toBe('p:bus');
    expect(keys.busChannel({ kind: 'room', name: 'r' })).toBe('p:rooms:{r}:bus');
    expect(keys.busChannel({ kind: 'user', name: '{u}' })).toBe('p:users:{%%7Bu%7D}:bus');
    expect(keys.busChannel({ kind: 'instance', name: 'i' })).toBe('p:instances:{i}:bus');
  });

  it('refuses a prefix with braces', () => {
    expect(() => createKeySpace('a{b}')).toThrow(/prefix/);
  });
});
