import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectWs } from '@chat-service/test-support/ws-client';
import { SUBPROTOCOLS } from '../src/index.js';
import { startTransport } from './harness.js';

describe('subprotocols', () => {
  it('round-trips MessagePack, Buffers inside messages included', async () => {
    const { url, transport } = await startTransport();
    const { client } = await connectWs(url, 'device', { protocol: 'chat-service.msgpack' });
    expect(client.ws.protocol).toBe(SUBPROTOCOLS.msgpack);
    const message = { textMessage: 'reading', blob: Buffer.from([1, 2, 3]), nested: [{ bytes: Buffer.from('ff00', 'hex') }] };
    // The server decodes binary fields as Buffers, as socket.io does.
    expect(await client.call('inspect', message)).toEqual([
      null,
      { textMessage: 'reading', blob: 'Buffer(010203)', nested: [{ bytes: 'Buffer(ff00)' }] },
    ]);
    expect(await client.call('echo', message)).toEqual([null, message]);
    transport.emitToChannel('all', 'roomMessage', ['room', message]);
    const [room, received] = await client.next('roomMessage');
    expect(room).toBe('room');
    expect(received).toEqual(message);
    expect(Buffer.isBuffer((received as { blob: unknown }).blob)).toBe(true);
  });

  it('carries bytes inside error arguments as bytes, not as their JSON form', async () => {
    const { url } = await startTransport();
    const { client } = await connectWs(url, 'device', { protocol: 'chat-service.msgpack' });
    const response = (await client.raw(encode({ jsonrpc: '2.0', id: 3, method: 'badArgument', params: [{ blob: Buffer.from([1, 2]) }] }))) as {
      error: { data: { args: unknown[] } };
    };
    const [, value] = response.error.data.args as [number, { blob: unknown }];
    expect(value.blob).toBeInstanceOf(Uint8Array);
    expect([...(value.blob as Uint8Array)]).toEqual([1, 2]);
  });

  it('sends binary frames to msgpack clients and text frames to JSON clients of the same channel', async () => {
    const { url, transport } = await startTransport();
    const frames: boolean[] = [];
    const json = (await connectWs(url, 'a')).client;
    const packed = (await connectWs(url, 'b', { protocol: 'chat-service.msgpack' })).client;
    json.ws.on('message', (_d, isBinary) => frames.push(isBinary));
    packed.ws.on('message', (_d, isBinary) => frames.push(isBinary));
    transport.emitToChannel('all', 'news', [1]);
    expect(await json.next('news')).toEqual([1]);
    expect(await packed.next('news')).toEqual([1]);
    expect(frames.sort()).toEqual([false, true]);
  });

  it('answers an undecodable MessagePack frame with -32700 and keeps the connection', async () => {
    const { url } = await startTransport();
    const { client } = await connectWs(url, 'device', { protocol: 'chat-service.msgpack' });
    expect(await client.raw(Buffer.from([0xc1]))).toMatchObject({ id: null, error: { code: -32700 } });
    // The decoder refuses a `__proto__` key rather than letting it reach a prototype.
    expect(await client.raw(encode({ ['__proto__']: 1, jsonrpc: '2.0', id: 8, method: 'echo' }))).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await client.raw(encode({ jsonrpc: '2.0', id: 9, method: 'echo', params: [1] }))).toEqual({
      jsonrpc: '2.0',
      id: 9,
      result: 1,
    });
    // Text frames are JSON on any connection.
    expect(await client.raw(JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'echo', params: ['t'] }))).toEqual({ jsonrpc: '2.0', id: 10, result: 't' });
  });

  it('selects the first subprotocol the client offers that it knows, JSON without one', async () => {
    const { url } = await startTransport();
    const both = new WebSocket(`${url}?user=pending`, ['x-unknown', 'chat-service.msgpack', 'chat-service.json']);
    const none = new WebSocket(`${url}?user=pending`);
    await Promise.all([both, none].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    expect(both.protocol).toBe('chat-service.msgpack');
    expect(none.protocol).toBe('');
    const reply = new Promise<string>((resolve) => none.once('message', (data: Buffer) => { resolve(data.toString()); }));
    none.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo' })));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, error: { code: -32601 } });
    both.terminate();
    none.terminate();
  });
});
