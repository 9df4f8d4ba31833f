/**
 * The bytes of one bus message on Redis: a header naming the origin
 * (`<length>:<origin>`) and the JSON of the rest of the message. A receiver
 * recognises its own messages by the header alone and never parses them.
 *
 * @module
 */
import type { BusMessage } from '@chat-service/core';
import { toBusMessage } from '@chat-service/core';
import { parseJson } from './codec.js';

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
 * The two halves of a `roomMessage` notification around the message JSON,
 * for the append script to publish `head .. message .. tail`.
 */
export function roomMessageFrame(origin: string, room: string): [head: string, tail: string] {
  const json = JSON.stringify(room);
  return [`${frameHeader(origin)}{"kind":"emit","channel":${json},"event":"roomMessage","args":[${json},`, ']}'];
}

/**
 * Decodes a frame.
 *
 * @throws when the body is not JSON
 * @returns the message, or undefined when the frame is not a bus message
 */
export function decodeFrame(payload: string): BusMessage | undefined {
  const colon = payload.indexOf(':');
  const length = Number(payload.slice(0, colon));
  if (colon <= 0 || !Number.isSafeInteger(length)) return undefined;
  const origin = payload.slice(colon + 1, colon + 1 + length);
  if (origin.length !== length) return undefined;
  return toBusMessage(origin, parseJson(payload.slice(colon + 1 + length)));
}
