import { decode, encode } from '@msgpack/msgpack';
import { wireFrame } from './wire-frame.js';

/** The subprotocols the server speaks, in the `Sec-WebSocket-Protocol` spelling. */
export const SUBPROTOCOLS = {
  json: 'chat-service.json',
  msgpack: 'chat-service.msgpack',
} as const;

/** How a connection's frames are encoded. */
export type Encoding = keyof typeof SUBPROTOCOLS;

/**
 * An encoded frame as it goes on the wire (see `wire-frame.ts`): a JSON
 * text frame or a MessagePack binary frame, header included. A notification
 * for several recipients is encoded once and every recipient is written the
 * very same buffer.
 */
export type Frame = Buffer;

/** Thrown for a frame that is not valid JSON / MessagePack. */
export class FrameDecodeError extends Error {
  override readonly name = 'FrameDecodeError';
}

/**
 * Picks the subprotocol: the first one the client offers that we speak.
 * A client that offers none gets JSON without a `Sec-WebSocket-Protocol`
 * header; a client that offers only unknown ones too (its library decides
 * whether to accept that).
 */
export function selectSubprotocol(offered: ReadonlySet<string>): string | false {
  for (const protocol of offered) {
    if (protocol === SUBPROTOCOLS.json || protocol === SUBPROTOCOLS.msgpack) return protocol;
  }
  return false;
}

/** The encoding of a negotiated subprotocol (`''` when none was chosen). */
export function encodingOf(protocol: string): Encoding {
  return protocol === SUBPROTOCOLS.msgpack ? 'msgpack' : 'json';
}

/** Encodes a value as a frame; throws on values the encoding cannot carry (cycles, BigInt). */
export function encodeFrame(encoding: Encoding, value: unknown): Frame {
  if (encoding === 'msgpack') return wireFrame(encode(value, { ignoreUndefined: true }));
  return wireFrame(JSON.stringify(value));
}

/**
 * Turns the byte strings of a decoded MessagePack value (Uint8Array views into
 * the frame) into Buffers, in place, so that messages from msgpack clients
 * deep-equal the ones from socket.io clients and do not pin the frame's memory.
 * Exported for Node clients that decode `chat-service.msgpack` frames
 * themselves and want the values a socket.io client would see.
 *
 * @param value - a decoded MessagePack value
 * @returns the value, its byte strings as Buffers
 */
export function toBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(toBuffers);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = toBuffers(record[key]);
  }
  return value;
}

function toText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  // A Buffer is read where it is (Buffer.from would copy it first); an ArrayBuffer is viewed, not copied.
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Decodes an incoming frame. Text frames are always JSON; binary frames are
 * MessagePack on a `chat-service.msgpack` connection and UTF-8 JSON otherwise.
 *
 * @throws {FrameDecodeError} when the frame does not parse
 */
export function decodeFrame(encoding: Encoding, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): unknown {
  try {
    if (isBinary && encoding === 'msgpack') return toBuffers(decode(toBytes(data)));
    return JSON.parse(toText(data)) as unknown;
  } catch (error) {
    throw new FrameDecodeError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
