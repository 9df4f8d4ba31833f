import type { Logger } from '@chat-service/core';
import { encodeFrame, shareable } from './codec.js';
import type { Encoding, Frame } from './codec.js';
import type { WsConnection } from './connection.js';
import { notification } from './framing.js';

/** A server notification: an event name and its positional arguments. */
export interface OutboundEvent {
  event: string;
  args: readonly unknown[];
}

/**
 * Sends a notification to connections, encoding it once per encoding (not
 * once per connection): every recipient of an encoding gets the same bytes.
 * A value the encoding cannot carry (a cycle, a BigInt) is logged and dropped.
 */
export function sendNotification(connections: readonly WsConnection[], outbound: OutboundEvent, logger: Logger): void {
  // Two encodings: one slot each (undefined: not encoded yet; null: cannot be encoded).
  let json: Frame | null | undefined;
  let msgpack: Frame | null | undefined;
  const many = connections.length > 1;
  for (const connection of connections) {
    const encoding = connection.encoding;
    let frame = encoding === 'json' ? json : msgpack;
    if (frame === undefined) {
      frame = encodeOnce(encoding, outbound, many, logger);
      if (encoding === 'json') json = frame;
      else msgpack = frame;
    }
    if (frame !== null) connection.sendFrame(frame);
  }
}

function encodeOnce(encoding: Encoding, outbound: OutboundEvent, many: boolean, logger: Logger): Frame | null {
  try {
    const frame = encodeFrame(encoding, notification(outbound.event, outbound.args));
    return many ? shareable(frame) : frame;
  } catch (error) {
    logger.warn('[transport-ws] a notification could not be encoded; dropped', { event: outbound.event, error });
    return null;
  }
}
