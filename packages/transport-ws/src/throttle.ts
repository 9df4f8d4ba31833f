/**
 * Flood control: a connection whose command was refused with
 * `rateLimitExceeded` is not read from for a while, so TCP pushes its flood
 * back to the client instead of into the server's event loop, and every frame
 * already read meanwhile is refused without reaching the service.
 *
 * @module
 */
import { ChatServiceError } from '@chat-service/core';
import type { WebSocket } from 'ws';

/** The shortest pause of a connection that hit the rate limit, in ms. */
export const THROTTLE_MIN_MS = 1000;

/** The `retry in` of a `rateLimitExceeded` error, or `null` for any other value. */
export function rateLimitWait(error: unknown): number | null {
  if (!ChatServiceError.is(error) || error.code !== 'rateLimitExceeded') return null;
  const wait = Number(error.args[0]);
  return Number.isFinite(wait) && wait > 0 ? wait : 0;
}

/** The read pause of one connection. */
export class Throttle {
  readonly #ws: WebSocket;
  #until = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  /** The ms left of the pause (0 when reading). */
  remaining(now: number = Date.now()): number {
    return Math.max(0, this.#until - now);
  }

  /** Stops reading for at least {@link THROTTLE_MIN_MS}, or `waitMs` if longer. */
  engage(waitMs: number): void {
    if (this.#timer !== undefined) return;
    const ms = Math.max(THROTTLE_MIN_MS, waitMs);
    this.#until = Date.now() + ms;
    this.#ws.pause();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#ws.resume();
    }, ms).unref();
  }

  /** Cancels the pause timer (the connection is gone). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
