/**
 * The bytes of one bus message on Redis: a header naming the origin
 * (`<length>:<origin>`), then either the JSON of the rest of the message or,
 * for the `roomMessage` notification the append script publishes on a room's
 * channel, `#` and the message's JSON alone: the receiver knows the room from
 * the channel, so the script is given one prefix per call instead of a frame
 * per message. A receiver recognises its own messages by the header alone and
 * never parses them.
 *
 * @module
 */
import type { BusMessage, BusTopic } from '@chat-service/core';
import { toBusMessage } from '@chat-service/core';
import { parseJson } from './codec.js';

/** Marks a frame body that is a room's `roomMessage` notification (JSON never starts with it). */
const ROOM_MESSAGE_MARK = '#';

/** The header of an origin's messages. */
export function frameHeader(origin: string): string {
  return `${String(origin.length)}:${origin}`;
}

/** Encodes a message. */
export function encodeFrame(message: BusMessage): string {
  const { origin, ...body } = message;
  return frameHeader(origin) + JSON.stringify(body);
}

/**
 * What goes before a message's JSON for the `roomMessage` notification of the
 * channel's room, `{ kind: 'emit', channel: room, event: 'roomMessage', args: [room, message] }`.
 */
export function roomMessagePrefix(origin: string): string {
  return frameHeader(origin) + ROOM_MESSAGE_MARK;
}

/** The room's `roomMessage` notification of a message; undefined when it is not an object with an id. */
function roomMessage(origin: string, room: string, message: unknown): BusMessage | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  if (typeof (message as { id?: unknown }).id !== 'number') return undefined;
  return { kind: 'emit', origin, channel: room, event: 'roomMessage', args: [room, message] };
}

/**
 * Decodes a frame heard on the channel of `topic`.
 *
 * @throws when the body is not JSON
 * @returns the message, or undefined when the frame is not a bus message (a
 *   room message frame is one only on a room's channel)
 */
export function decodeFrame(payload: string, topic: BusTopic): BusMessage | undefined {
  const colon = payload.indexOf(':');
  const length = Number(payload.slice(0, colon));
  if (colon <= 0 || !Number.isSafeInteger(length)) return undefined;
  const start = colon + 1 + length;
  const origin = payload.slice(colon + 1, start);
  if (origin.length !== length) return undefined;
  if (payload.startsWith(ROOM_MESSAGE_MARK, start)) {
    return topic.kind === 'room' ? roomMessage(origin, topic.name, parseJson(payload.slice(start + 1))) : undefined;
  }
  return toBusMessage(origin, parseJson(payload.slice(start)));
}
