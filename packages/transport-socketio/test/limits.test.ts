/**
 * Limits of the socket.io transport: a client that stops reading is
 * disconnected once `maxBufferedBytes` wait for it (memory stays bounded), and
 * a packet over the 256 KiB default `maxHttpBufferSize` closes its connection.
 */
import type { Socket as NetSocket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket as ClientSocket } from 'socket.io-client';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOTestClient } from '@chat-service/test-support/socketio-client';
import { queuedBytes } from '../src/internal/backpressure.js';
import { cleanup, startTransport } from './helpers.js';

afterEach(cleanup);

/** The TCP socket under a socket.io-client on the websocket transport. */
function tcpOf(client: ClientSocket): NetSocket {
  const engine = client.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
}

async function loggedIn(url: string, user: string): Promise<SocketIOTestClient> {
  return (await connectSocketIO(url, user)).client;
}

describe('slow consumers', () => {
  it('disconnects a client that stops reading; what waits for it never exceeds the limit plus one packet', async () => {
    const limit = 256 * 1024;
    const { url, transport, host } = await startTransport({ maxBufferedBytes: limit });
    const reader = await loggedIn(url, 'reader');
    const slow = await loggedIn(url, 'slow');
    const id = host.idOf('slow');
    await transport.joinChannel(id, 'feed');
    const server = transport.getSocket(id);
    expect(server).toBeDefined();
    const serverWs = (server?.conn as unknown as { transport: { socket: { readyState: number } } }).transport.socket;
    tcpOf(slow.socket).pause();
    const payload = 'x'.repeat(64 * 1024);
    let maxQueued = 0;
    const started = Date.now();
    let sent = 0;
    // Up to 64 MiB: far beyond what the kernel's socket buffers absorb.
    while ((transport.getSocket(id) !== undefined) && sent < 1024) {
      transport.emitToChannel('feed', 'news', [payload]);
      sent++;
      if (server) maxQueued = Math.max(maxQueued, queuedBytes(server));
      if (sent % 8 === 0) await tick();
    }
    expect((transport.getSocket(id) !== undefined)).toBe(false);
    console.log(`socket.io slow consumer: dropped after ${String(sent)} packets of 64 KiB, at most ${String(maxQueued)} bytes queued (limit ${String(limit)}), in ${String(Date.now() - started)} ms`);
    expect(maxQueued).toBeGreaterThan(limit);
    expect(maxQueued).toBeLessThanOrEqual(limit + payload.length + 64);
    await expect.poll(() => host.cleaned).toContain(id);
    // The TCP connection is cut at once, which frees its queue.
    await expect.poll(() => serverWs.readyState).toBe(3);
    // The server still serves the others.
    expect(await reader.call('echo', 'still serving')).toEqual([null, 'still serving']);
    tcpOf(slow.socket).destroy();
  });

  it('keeps a client that reads, however much it is sent', async () => {
    const { url, transport, host } = await startTransport({ maxBufferedBytes: 256 * 1024 });
    const reader = await loggedIn(url, 'reader');
    const id = [...host.confirmed][0] ?? '';
    let received = 0;
    reader.socket.on('news', () => received++);
    for (let i = 0; i < 64; i++) {
      transport.send(id, 'news', ['y'.repeat(16 * 1024)]);
      await tick();
    }
    await expect.poll(() => received).toBe(64);
    expect((transport.getSocket(id) !== undefined)).toBe(true);
  });
});

describe('packet size', () => {
  it('closes a connection that sends a packet over the 256 KiB default, and serves one just under it', async () => {
    const { url } = await startTransport();
    const small = await loggedIn(url, 'small');
    expect(await small.call('echo', 'x'.repeat(200 * 1024))).toEqual([null, 'x'.repeat(200 * 1024)]);
    const big = await loggedIn(url, 'big');
    const gone = new Promise<string>((resolve) => big.socket.once('disconnect', (reason) => { resolve(reason); }));
    big.socket.emit('echo', 'x'.repeat(300 * 1024));
    expect(await gone).toBe('transport close');
  });
});
