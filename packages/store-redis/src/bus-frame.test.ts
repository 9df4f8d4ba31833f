import { Buffer } from 'node:buffer';
import type { BusTopic } from '@chat-service/core';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameHeader, roomMessagePrefix } from './bus-frame.js';

const ROOM: BusTopic = { kind: 'room', name: 'a "quoted" room' };

describe('bus frames', () => {
  it('decode what they encode, on any topic', () => {
    const message = { kind: 'custom', origin: 'uid:with:colons', event: 'e', args: [1, 'two'] } as const;
    expect(decodeFrame(encodeFrame(message), ROOM)).toEqual(message);
    expect(decodeFrame(encodeFrame(message), { kind: 'global' })).toEqual(message);
  });

  it("read a room message frame as the roomMessage notification of the channel's room, binary fields revived", () => {
    const frame = `${roomMessagePrefix('other')}${JSON.stringify({ id: 7, data: Buffer.from([1, 2]) })}`;
    const message = decodeFrame(frame, ROOM);
    expect(message).toEqual({ kind: 'emit', origin: 'other', channel: ROOM.name, event: 'roomMessage', args: [ROOM.name, { id: 7, data: Buffer.from([1, 2]) }] });
    expect(message?.kind === 'emit' && Buffer.isBuffer((message.args[1] as { data: unknown }).data)).toBe(true);
  });

  it('drop a room message frame off a room channel, and one that is not a message with an id', () => {
    const prefix = roomMessagePrefix('other');
    expect(decodeFrame(`${prefix}{"id":1}`, { kind: 'user', name: 'u' })).toBeUndefined();
    expect(decodeFrame(`${prefix}{"id":1}`, { kind: 'global' })).toBeUndefined();
    for (const body of ['[1]', '"text"', 'null', '{"id":"1"}', '{}']) expect(decodeFrame(prefix + body, ROOM)).toBeUndefined();
    expect(() => decodeFrame(`${prefix}{not json`, ROOM)).toThrow();
  });

  it('drop frames without a whole header', () => {
    for (const frame of ['', '{"kind":"custom"}', 'x:abc{}', frameHeader('origin').slice(0, -1)]) {
      expect(decodeFrame(frame, ROOM)).toBeUndefined();
    }
  });
});
