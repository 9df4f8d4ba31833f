import type { Logger } from '@chat-service/core';
import { encodeFrame, shareable } from './codec.js';
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
  /** Several recipients: the frame is made bytes once, rather than each socket converting the string. */
  readonly #shared: boolean;
  readonly #logger: Logger;
  // One slot per encoding: undefined, not encoded yet; null, cannot be encoded.
  #json: Frame | null | undefined;
  #msgpack: Frame | null | undefined;

  /** `shared`: it goes to more than one connection. */
  constructor(event: string, args: readonly unknown[], shared: boolean, logger: Logger) {
    this.#event = event;
    this.#args = args;
    this.#shared = shared;
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
      const frame = encodeFrame(encoding, notification(this.#event, this.#args));
      return this.#shared ? shareable(frame) : frame;
    } catch (error) {
      this.#logger.warn('[transport-ws] a notification could not be encoded; dropped', { event: this.#event, error });
      return null;
    }
  }
}
