import type { Socket } from 'node:net';
import { request } from 'node:http';
import { ChatServiceError } from '@chat-service/core';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { connectWs } from '@chat-service/test-support/ws-client';
import { WS_CLOSE_CODES, createWsTransport } from '../src/index.js';
import { createFakeHost, startTransport } from './harness.js';

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('connections', () => {
  it('hands the handshake query, headers and address to the host', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectWs(url, { user: 'alice', token: 'abc' });
    const data = host.handshakes.get(client.id ?? '');
    expect(data).toMatchObject({ query: { user: 'alice', token: 'abc' }, headers: { upgrade: 'websocket' }, auth: {} });
    expect(data?.address).toMatch(/127\.0\.0\.1/);
    // One empty auth is shared by every connection: it cannot be changed through a handshake.
    expect(Object.isFrozen(data?.auth)).toBe(true);
  });

  it('gives query values as strings, the last of a repeated key (as socket.io does), and `__proto__` as an ordinary key', async () => {
    const { url, host } = await startTransport();
    const ws = new WebSocket(`${url}?user=pending&tag=a&tag=b&__proto__=x`);
    await new Promise((resolve) => ws.once('open', resolve));
    const id = host.connections[0] ?? '';
    const query = host.handshakes.get(id)?.query ?? {};
    expect(query['tag']).toBe('b');
    expect(Object.values(query).every((value) => typeof value === 'string')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('x');
    ws.terminate();
  });

  it('gives every socket a distinct url-safe id', async () => {
    const { url } = await startTransport();
    const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => connectWs(url, `u${String(i)}`)));
    const ids = new Set(clients.map((c) => c.client.id));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('sends loginRejected with the wire error, then closes with 4001', async () => {
    const { url, host } = await startTransport();
    const { client, login } = await connectWs(url, 'reject');
    expect(login).toEqual(['loginRejected', 'ChatServiceError: No login provided']);
    await client.disconnected();
    expect(client.closeCode).toBe(WS_CLOSE_CODES.loginRejected);
    await expect.poll(() => host.disconnects.length).toBe(1);
  });

  it('disconnect closes with 4000 and reports the socket to the host at once', async () => {
    const { url, transport, host } = await startTransport();
    const { client } = await connectWs(url, 'alice');
    const id = client.id ?? '';
    transport.disconnect(id, 'server');
    expect(host.disconnects).toEqual([id]);
    expect(transport.getSocket(id)).toBeUndefined();
    await client.disconnected();
    expect(client.closeCode).toBe(WS_CLOSE_CODES.serverDisconnect);
  });

  it('reports a client-side close to the host once', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectWs(url, 'alice');
    await client.close();
    await expect.poll(() => host.cleaned).toEqual([client.id]);
  });

  it('rejects joinChannel for an unknown socket with invalidSocket', async () => {
    const { transport } = await startTransport();
    const error: unknown = await transport.joinChannel('ghost', 'room').catch((e: unknown) => e);
    expect(ChatServiceError.is(error) && error.code).toBe('invalidSocket');
    await expect(transport.leaveChannel('ghost', 'room')).resolves.toBeUndefined();
    transport.send('ghost', 'x', []);
    expect(transport.getSocket('ghost')).toBeUndefined();
  });

  it('emits to a channel, except one socket, and forgets gone members', async () => {
    const { url, transport } = await startTransport();
    const a = (await connectWs(url, 'a')).client;
    const b = (await connectWs(url, 'b', { protocol: 'chat-service.msgpack' })).client;
    const c = (await connectWs(url, 'c')).client;
    for (const client of [a, b, c]) expect(await client.call('join', 'room')).toEqual([null, 1]);
    transport.emitToChannel('room', 'roomMessage', ['room', { text: 'hi' }], a.id);
    expect(await b.next('roomMessage')).toEqual(['room', { text: 'hi' }]);
    expect(await c.next('roomMessage')).toEqual(['room', { text: 'hi' }]);
    await a.expectNone('roomMessage', 100);
    await transport.leaveChannel(c.id ?? '', 'room');
    await b.close();
    transport.emitToChannel('room', 'roomMessage', ['room', 2]);
    expect(await a.next('roomMessage')).toEqual(['room', 2]);
    await c.expectNone('roomMessage', 100);
  });

  it('encodes a channel notification once: every recipient of an encoding gets the same bytes', async () => {
    const { url, transport } = await startTransport();
    // The server side of each connection, in connection order: the frames are written there
    const streams: Socket[] = [];
    transport.httpServer?.prependListener('upgrade', (_req, stream: Socket) => streams.push(stream));
    const clients = [
      (await connectWs(url, 'a')).client,
      (await connectWs(url, 'b')).client,
      (await connectWs(url, 'c', { protocol: 'chat-service.msgpack' })).client,
    ];
    for (const client of clients) expect(await client.call('join', 'room')).toEqual([null, 1]);
    const writes = streams.map((stream) => vi.spyOn(stream, 'write'));
    transport.emitToChannel('room', 'roomMessage', ['room', { text: 'hi' }]);
    for (const client of clients) expect(await client.next('roomMessage')).toEqual(['room', { text: 'hi' }]);
    const [a, b, c] = writes.map((write) => write.mock.calls[0]?.[0] as unknown);
    expect(a).toBeInstanceOf(Buffer);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    // whole frames: FIN and the opcode first (text for JSON, binary for MessagePack)
    expect([a, c].map((frame) => (frame as Buffer)[0])).toEqual([0x81, 0x82]);
  });

  it('close() closes every client with 1001 and reports each to the host', async () => {
    const { url, transport, host } = await startTransport();
    const clients = await Promise.all(['a', 'b', 'c'].map(async (name) => (await connectWs(url, name)).client));
    await transport.close();
    expect(host.disconnects.sort()).toEqual(clients.map((c) => c.id).sort());
    for (const client of clients) {
      await client.disconnected();
      expect(client.closeCode).toBe(WS_CLOSE_CODES.goingAway);
    }
    await expect(transport.close()).resolves.toBeUndefined();
    await expect(connectWs(url, 'late', { timeoutMs: 500 })).rejects.toThrow();
  });

  it('own server: refuses other paths with 404 and plain HTTP with 426', async () => {
    const { url, transport } = await startTransport({ path: '/devices' });
    expect(url).toMatch(/\/devices$/);
    const other = new WebSocket(`ws://127.0.0.1:${String(transport.port)}/chat-service`);
    other.on('error', () => undefined);
    const status = await new Promise<number>((resolve) =>
      other.once('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      }),
    );
    expect(status).toBe(404);
    expect(await httpGet(url.replace('ws:', 'http:'))).toBe(426);
    const { login } = await connectWs(url, 'alice');
    expect(login[0]).toBe('loginConfirmed');
  });

  it('close() before attach and attach() twice', async () => {
    const transport = createWsTransport({ port: 0 });
    const host = createFakeHost(() => transport);
    await transport.attach(host);
    await expect(transport.attach(host)).rejects.toThrow(/already/);
    await transport.close();
    const unused = createWsTransport({ port: 0 });
    await unused.close();
    await expect(unused.attach(host)).rejects.toThrow(/close/);
  });
});
