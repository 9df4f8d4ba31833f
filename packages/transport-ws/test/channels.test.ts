import { describe, expect, it } from 'vitest';
import { namesOf } from '@chat-service/core';
import { Channels } from '../src/channels.js';
import type { ChannelMember } from '../src/channels.js';

const member = (id: string): ChannelMember => ({ id, channels: undefined });
const membersOf = (channels: Channels, channel: string): string[] => namesOf(channels.members(channel)).sort();

describe('Channels', () => {
  it('keeps one member or several, idempotently', () => {
    const channels = new Channels();
    const [a, b, x] = [member('a'), member('b'), member('x')];
    expect(membersOf(channels, 'c')).toEqual([]);
    channels.join(a, 'c');
    channels.join(a, 'c');
    expect(membersOf(channels, 'c')).toEqual(['a']);
    channels.join(b, 'c');
    channels.join(b, 'c');
    expect(membersOf(channels, 'c')).toEqual(['a', 'b']);
    channels.leave(x, 'c');
    channels.leave(a, 'other');
    expect(membersOf(channels, 'c')).toEqual(['a', 'b']);
    channels.leave(a, 'c');
    expect(membersOf(channels, 'c')).toEqual(['b']);
    channels.leave(b, 'c');
    channels.leave(b, 'c');
    expect(membersOf(channels, 'c')).toEqual([]);
    channels.join(a, 'c');
    expect(membersOf(channels, 'c')).toEqual(['a']);
  });

  it('leaves every channel of a socket at once, and only its own', () => {
    const channels = new Channels();
    const [a, b] = [member('a'), member('b')];
    channels.join(a, 'user');
    channels.join(a, 'room');
    channels.join(b, 'room');
    channels.join(b, 'solo');
    channels.leaveAll(a);
    expect([membersOf(channels, 'user'), membersOf(channels, 'room'), membersOf(channels, 'solo')]).toEqual([[], ['b'], ['b']]);
    channels.leaveAll(a);
    channels.leave(b, 'room');
    channels.leaveAll(b);
    expect([membersOf(channels, 'room'), membersOf(channels, 'solo')]).toEqual([[], []]);
    channels.join(b, 'solo');
    expect(membersOf(channels, 'solo')).toEqual(['b']);
    expect([a.channels, b.channels]).toEqual([undefined, 'solo']);
  });
});
