import type { Logger } from '@chat-service/core';
import { encodeFrame } from './codec.js';
import type { Encoding, Frame } from './codec.js';
import type { WsConnection } from './connection.js';
import { notification } from './framing.js';

/**
 * A server notification on its way to one or more connections: it is
 * encoded once per encoding (not once per connection), on first need, and
 * every recipient of an encoding gets the same bytes. A value the encoding
 * cannot carry (a cycle, a BigInt) is logged once and dropped.
 */
export class OutboundNotification {
  readonly #event: string;
  readonly #args: readonly unknown[];
  readonly #logger: Logger;
  // One slot per encoding: undefined, not encoded yet; null, cannot be encoded.
  #json: Frame | null | undefined;
  #msgpack: Frame | null | undefined;

  /** A notification of `event` with `args`; encoding failures are logged on `logger`. */
  constructor(event: string, args: readonly unknown[], logger: Logger) {
    this.#event = event;
    this.#args = args;
    this.#logger = logger;
  }

  /** Sends it to a connection, in the connection's encoding (no connection: nothing to do). */
  sendTo(connection: WsConnection | undefined): void {
    if (connection === undefined) return;
    const encoding = connection.encoding;
    let frame = encoding === 'json' ? this.#json : this.#msgpack;
    if (frame === undefined) {
      frame = this.#encode(encoding);
      if (encoding === 'json') this.#json = frame;
      else this.#msgpack = frame;
    }
    if (frame !== null) connection.sendFrame(frame);
  }

  #encode(encoding: Encoding): Frame | null {
    try {
      return encodeFrame(encoding, notification(this.#event, this.#args));
    } catch (error) {
      this.#logger.warn('[transport-ws] a notification could not be encoded; dropped', { event: this.#event, error });
      return null;
    }
  }
}
