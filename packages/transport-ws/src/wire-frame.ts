/**
 * Server-to-client WebSocket data frames (RFC 6455, section 5.2), made whole:
 * header and payload in one buffer, so that a frame is one write to the
 * socket, and a notification for many recipients is made once and written
 * to each of them as it is. Each is a single final frame (FIN set), unmasked
 * (a server never masks), without extension bits: the transport negotiates
 * no extension (`perMessageDeflate: false`). Everything else on the
 * connection (the handshake, reading frames, pings, the closing handshake)
 * is the `ws` library's; its own `send` costs about a tenth of a room
 * message's CPU for the same bytes (see `bench/results/2026-12-03-whole-frames.md`).
 *
 * @module
 */
import { Buffer } from 'node:buffer';

const FIN = 0x80;
const TEXT = 0x1;
const BINARY = 0x2;
/** Payload lengths up to this fit in the header's first length byte. */
const MAX_SHORT = 125;
/** Payload lengths up to this fit in the 16-bit extended length. */
const MAX_MEDIUM = 0xffff;

/**
 * A frame with its payload: a text frame of a string's UTF-8 bytes, or a
 * binary frame of bytes.
 *
 * @param payload - the message: a string makes a text frame, bytes a binary one
 * @returns the frame's bytes, ready to be written
 */
export function wireFrame(payload: string | Uint8Array): Buffer {
  const text = typeof payload === 'string';
  const length = text ? Buffer.byteLength(payload) : payload.byteLength;
  const headerLength = length <= MAX_SHORT ? 2 : length <= MAX_MEDIUM ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN | (text ? TEXT : BINARY);
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    // A Buffer's length is below 2^53: the high 32 bits of the 64-bit length, then the low ones.
    frame.writeUInt32BE(Math.floor(length / 0x100000000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  if (text) frame.write(payload, headerLength, length, 'utf8');
  else frame.set(payload, headerLength);
  return frame;
}
