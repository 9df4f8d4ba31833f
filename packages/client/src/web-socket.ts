/**
 * The part of the WebSocket API the client uses: the browser's and Node 22's
 * global `WebSocket`, and the `ws` package's, all fit it.
 *
 * @module
 */

/** A WebSocket: the browser / Node global one, or one from the `ws` package. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Sends a text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** A frame arrived; text frames have a string `data`. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** The connection closed. */
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  /** The connection failed; a `close` follows. */
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** A WebSocket constructor, e.g. the global `WebSocket` or `WebSocket` from the `ws` package. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** `readyState` of an open socket. */
export const OPEN = 1;
/** `readyState` of a closed socket. */
export const CLOSED = 3;

/**
 * The WebSocket constructor to use: the given one, else the global one.
 *
 * @param given - an injected constructor (Node 20: `WebSocket` from `ws`)
 * @returns the constructor
 * @throws {TypeError} when there is neither
 */
export function resolveWebSocket(given: WebSocketConstructor | undefined): WebSocketConstructor {
  const ctor = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (ctor === undefined) {
    throw new TypeError(
      "no global WebSocket (Node.js < 22): pass one, e.g. createWsClient(url, { WebSocket }) with WebSocket from the 'ws' package",
    );
  }
  return ctor;
}
