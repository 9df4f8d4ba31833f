/**
 * The frames the transport writes itself, read by a real `ws` client, which
 * closes the connection (1002) on any header it does not accept: every
 * length encoding (7-bit, 16-bit, 64-bit) at its edges, text of multi-byte
 * characters (bytes, not characters, are counted), and binary frames.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { wireFrame } from '../src/wire-frame.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that writes `frames` on the raw socket of the first connection, and a client that reads them. */
async function received(frames: readonly Buffer[]): Promise<{ data: Buffer; isBinary: boolean }[]> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  http.on('upgrade', (req, socket: Socket, head) => {
    wss.handleUpgrade(req, socket, head, () => {
      for (const frame of frames) socket.write(frame);
    });
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  closers.push(
    () =>
      new Promise((resolve) => {
        wss.close();
        http.closeAllConnections();
        http.close(() => {
          resolve();
        });
      }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, { perMessageDeflate: false });
  const messages: { data: Buffer; isBinary: boolean }[] = [];
  return new Promise((resolve, reject) => {
    client.on('message', (data: Buffer, isBinary: boolean) => {
      messages.push({ data, isBinary });
      if (messages.length === frames.length) {
        client.close();
        resolve(messages);
      }
    });
    client.on('close', (code) => {
      reject(new Error(`closed with ${String(code)} after ${String(messages.length)} messages`));
    });
    client.on('error', reject);
  });
}

describe('wireFrame', () => {
  it('text frames of every length encoding, at their edges, in UTF-8 bytes', async () => {
    const lengths = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
    const texts = lengths.map((n) => 'a'.repeat(n));
    // 'é' is 2 bytes: 63 of them make 126 bytes (the 16-bit length), 32768 make 65536 (the 64-bit one)
    texts.push('é'.repeat(62) + 'a', 'é'.repeat(63), 'é'.repeat(32767) + 'a', 'é'.repeat(32768), '😀'.repeat(40_000));
    const messages = await received(texts.map((text) => wireFrame(text)));
    expect(messages.map((m) => m.isBinary)).toEqual(texts.map(() => false));
    expect(messages.map((m) => m.data.toString('utf8'))).toEqual(texts);
  });

  it('binary frames carry the bytes as they are', async () => {
    const payloads = [0, 125, 126, 65535, 65536, 70_000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff));
    const messages = await received(payloads.map((bytes) => wireFrame(bytes)));
    expect(messages.map((m) => m.isBinary)).toEqual(payloads.map(() => true));
    expect(messages.map((m) => [...m.data])).toEqual(payloads.map((bytes) => [...bytes]));
  });

  it('writes the header RFC 6455 gives each length: FIN, the opcode, no mask, the shortest length field', () => {
    expect([...wireFrame('hi')]).toEqual([0x81, 2, 0x68, 0x69]);
    expect([...wireFrame(Uint8Array.of(1, 2))]).toEqual([0x82, 2, 1, 2]);
    expect([...wireFrame('a'.repeat(126)).subarray(0, 4)]).toEqual([0x81, 126, 0, 126]);
    expect([...wireFrame('a'.repeat(65536)).subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(wireFrame('a'.repeat(65536))).toHaveLength(65546);
  });
});
