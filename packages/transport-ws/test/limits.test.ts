import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectWs } from '@chat-service/test-support/ws-client';
import { WS_CLOSE_CODES } from '../src/index.js';
import { startTransport } from './harness.js';

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => { resolve(code); }));
}

/** A raw TCP client that performs the WebSocket upgrade and then never reads. */
async function rawUpgrade(port: number, path: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (data: Buffer) => { resolve(data.toString('latin1')); }));
  expect(head).toMatch(/^HTTP\/1\.1 101/);
  socket.pause();
  return socket;
}

describe('limits', () => {
  it('terminates a peer that does not answer pings, and keeps one that does', async () => {
    const { url, host, transport } = await startTransport({ pingInterval: 50, pingTimeout: 100 });
    const healthy = (await connectWs(url, 'healthy')).client;
    const silent = new WebSocket(`${url}?user=silent`, { autoPong: false });
    const code = closed(silent);
    await new Promise((resolve) => silent.once('open', resolve));
    // Cut without a close frame: the peer is presumed dead.
    expect(await code).toBe(1006);
    await expect.poll(() => host.disconnects.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((transport.getSocket(healthy.id ?? '') !== undefined)).toBe(true);
    expect(await healthy.call('echo', 'alive')).toEqual([null, 'alive']);
  });

  it('closes a connection that sends a frame over maxPayload with 1009 and keeps serving others', async () => {
    const { url, host } = await startTransport({ maxPayload: 1024 });
    const other = (await connectWs(url, 'other')).client;
    const big = (await connectWs(url, 'big')).client;
    big.emit('echo', 'x'.repeat(2000));
    await big.disconnected();
    expect(big.closeCode).toBe(WS_CLOSE_CODES.messageTooBig);
    await expect.poll(() => host.cleaned).toContain(big.id);
    expect(await other.call('echo', 'y'.repeat(900))).toEqual([null, 'y'.repeat(900)]);
    expect((await connectWs(url, 'again')).login[0]).toBe('loginConfirmed');
  });

  it('refuses frames over 256 KiB by default and serves one just under it', async () => {
    const { url } = await startTransport();
    const small = (await connectWs(url, 'small')).client;
    expect(await small.call('echo', 'x'.repeat(200 * 1024))).toEqual([null, 'x'.repeat(200 * 1024)]);
    const big = (await connectWs(url, 'big')).client;
    big.emit('echo', 'x'.repeat(300 * 1024));
    await big.disconnected();
    expect(big.closeCode).toBe(WS_CLOSE_CODES.messageTooBig);
  });

  it('drops a client that stops reading; its send queue never exceeds the limit plus one frame', async () => {
    const limit = 256 * 1024;
    const { url, transport, host } = await startTransport({ maxBufferedBytes: limit });
    const reader = (await connectWs(url, 'reader')).client;
    const stalled = await rawUpgrade(transport.port ?? 0, '/chat-service?user=stalled');
    await expect.poll(() => host.users.get('stalled')).toBeDefined();
    const id = host.users.get('stalled') ?? '';
    await transport.joinChannel(id, 'feed');
    const ws = transport.getSocket(id);
    expect(ws).toBeDefined();
    const payload = 'x'.repeat(64 * 1024);
    const frameSize = JSON.stringify({ jsonrpc: '2.0', method: 'news', params: [payload] }).length;
    let maxBuffered = 0;
    let sent = 0;
    // Up to 64 MiB: far beyond what the kernel's socket buffers can absorb.
    while ((transport.getSocket(id) !== undefined) && sent < 1024) {
      transport.emitToChannel('feed', 'news', [payload]);
      sent++;
      maxBuffered = Math.max(maxBuffered, ws?.bufferedAmount ?? 0);
      if (sent % 8 === 0) await tick();
    }
    expect((transport.getSocket(id) !== undefined)).toBe(false);
    expect(maxBuffered).toBeGreaterThan(limit);
    expect(maxBuffered).toBeLessThanOrEqual(limit + frameSize + 64);
    await expect.poll(() => host.cleaned).toContain(id);
    // The TCP connection is cut shortly after, which frees its queue.
    await new Promise((resolve) => {
      if (ws?.readyState === WebSocket.CLOSED) resolve(undefined);
      else ws?.once('close', resolve);
    });
    expect(await reader.call('echo', 'still serving')).toEqual([null, 'still serving']);
    stalled.destroy();
  });

  it('a slow client that resumes reading in time sees close code 4008 after the queued frames', async () => {
    const limit = 64 * 1024;
    const { url, transport } = await startTransport({ maxBufferedBytes: limit });
    const { client } = await connectWs(url, 'slow');
    const id = client.id ?? '';
    const socket = (client.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const payload = 'y'.repeat(64 * 1024);
    let sent = 0;
    while ((transport.getSocket(id) !== undefined) && sent < 1024) {
      transport.send(id, 'news', [payload]);
      sent++;
      if (sent % 8 === 0) await tick();
    }
    expect((transport.getSocket(id) !== undefined)).toBe(false);
    socket.resume();
    await client.disconnected();
    expect(client.closeCode).toBe(WS_CLOSE_CODES.slowConsumer);
    // Every frame queued before the limit was hit arrived intact.
    let received = 0;
    for (;;) {
      const next = await client.next('news', 50).catch(() => null);
      if (!next) break;
      expect(next).toEqual([payload]);
      received++;
    }
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(sent);
  });
});
