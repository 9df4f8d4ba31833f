import type { Logger } from '@chat-service/core';
import { encodeFrame } from './codec.js';
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
  const frames = new Map<Encoding, Frame | null>();
  for (const connection of connections) {
    let frame = frames.get(connection.encoding);
    if (frame === undefined) {
      try {
        frame = encodeFrame(connection.encoding, notification(outbound.event, outbound.args));
      } catch (error) {
        logger.warn('[transport-ws] a notification could not be encoded; dropped', { event: outbound.event, error });
        frame = null;
      }
      frames.set(connection.encoding, frame);
    }
    if (frame !== null) connection.sendFrame(frame);
  }
}
