import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectWs } from '@chat-service/test-support/ws-client';
import { startTransport } from './harness.js';

async function login(name = 'alice') {
  const { url, transport, host } = await startTransport();
  const { client, login: outcome } = await connectWs(url, name);
  expect(outcome[0]).toBe('loginConfirmed');
  return { client, url, transport, host };
}

describe('JSON-RPC framing', () => {
  it('answers a request with its result', async () => {
    const { client } = await login();
    expect(await client.request('echo', ['lobby'])).toEqual({ jsonrpc: '2.0', id: 1, result: 'lobby' });
    expect(await client.call('echo', 5)).toEqual([null, 5]);
  });

  it('sends null for an undefined result and adds `results` only for several results', async () => {
    const { client } = await login();
    expect(await client.request('nothing', [])).toEqual({ jsonrpc: '2.0', id: 1, result: null });
    expect(await client.request('multi', ['x', true, undefined])).toEqual({ jsonrpc: '2.0', id: 2, result: 'x', results: ['x', true, null] });
    expect(await client.call('multi', 'x', true)).toEqual([null, 'x', true]);
  });

  it('treats absent params as no arguments', async () => {
    const { client } = await login();
    expect(await client.raw({ jsonrpc: '2.0', id: 'a', method: 'multi' })).toEqual({ jsonrpc: '2.0', id: 'a', result: null });
  });

  it('keeps string and null ids', async () => {
    const { client } = await login();
    expect(await client.raw({ jsonrpc: '2.0', id: 'x-1', method: 'echo', params: [1] })).toEqual({ jsonrpc: '2.0', id: 'x-1', result: 1 });
    expect(await client.raw({ jsonrpc: '2.0', id: null, method: 'echo', params: [2] })).toEqual({ jsonrpc: '2.0', id: null, result: 2 });
  });

  it('sends a service error with its code, text and raw object', async () => {
    const { client } = await login();
    expect(await client.request('noRoom', ['lobby'])).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: -32000,
        message: 'ChatServiceError: No such room lobby',
        data: { name: 'ChatServiceError', code: 'noRoom', args: ['lobby'] },
      },
    });
    expect(await client.call('noRoom', 'lobby')).toEqual(['ChatServiceError: No such room lobby', null]);
  });

  it('maps validation errors to -32602, noCommand to -32601 and other errors to -32603', async () => {
    const { client } = await login();
    expect((await client.request('badArgument', [null])).error).toEqual({
      code: -32602,
      message: 'ChatServiceError: Bad argument at position 0, value null',
      data: { name: 'ChatServiceError', code: 'badArgument', args: [0, null] },
    });
    expect((await client.request('noCommand', ['nope'])).error?.code).toBe(-32601);
    expect((await client.request('crash', [])).error).toEqual({
      code: -32603,
      message: 'Error: boom',
      data: { name: 'ChatServiceError', code: 'internalError', args: ['Error: boom'] },
    });
  });

  it('gives raw error objects to a rawErrors client', async () => {
    const { url } = await login();
    const { client } = await connectWs(url, 'bob', { rawErrors: true });
    expect(await client.call('noRoom', 'r')).toEqual([{ name: 'ChatServiceError', code: 'noRoom', args: ['r'] }, null]);
  });

  it('answers an unknown method with -32601 and a method before login with a clear message', async () => {
    const { client } = await login();
    expect(await client.request('noSuchMethod', [])).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32601, message: 'Method not found', data: { name: 'ChatServiceError', code: 'noCommand', args: ['noSuchMethod'] } },
    });
    expect((await client.request('rpc.discover', [])).error?.code).toBe(-32601);
  });

  it('runs client notifications without answering them', async () => {
    const { client } = await login();
    client.emit('notifyMe', 'hello');
    expect(await client.next('note')).toEqual(['hello']);
    client.emit('noSuchMethod');
    client.emit('noRoom', 'x');
    // Only the request's own reply comes back: nothing was queued for the notifications.
    expect(await client.raw({ jsonrpc: '2.0', id: 'after', method: 'echo', params: [1] })).toEqual({ jsonrpc: '2.0', id: 'after', result: 1 });
  });

  it('answers malformed JSON with -32700 and id null, and keeps the connection', async () => {
    const { client } = await login();
    expect(await client.raw('{"jsonrpc": "2.0", "method": "echo", "params": [1,')).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700 },
    });
    expect(await client.call('echo', 'still here')).toEqual([null, 'still here']);
  });

  it.each([
    ['a number', 42, null],
    ['null', null, null],
    ['a missing version', { id: 3, method: 'echo' }, 3],
    ['a wrong version', { jsonrpc: '1.0', id: 3, method: 'echo' }, 3],
    ['a non-string method', { jsonrpc: '2.0', id: 3, method: 1 }, 3],
    ['an object id', { jsonrpc: '2.0', id: {}, method: 'echo' }, null],
    ['string params', { jsonrpc: '2.0', id: 3, method: 'echo', params: 'x' }, 3],
  ])('answers %s with -32600', async (_label, frame, id) => {
    const { client } = await login();
    expect(await client.raw(frame)).toMatchObject({ jsonrpc: '2.0', id, error: { code: -32600 } });
    expect(await client.call('echo', 1)).toEqual([null, 1]);
  });

  it('answers by-name params with -32602', async () => {
    const { client } = await login();
    expect(await client.raw({ jsonrpc: '2.0', id: 4, method: 'echo', params: { room: 'x' } })).toMatchObject({
      id: 4,
      error: { code: -32602 },
    });
  });

  it('answers a batch with an array, in order, without the notifications', async () => {
    const { client } = await login();
    const reply = await client.raw([
      { jsonrpc: '2.0', id: 1, method: 'echo', params: ['a'] },
      { jsonrpc: '2.0', method: 'notifyMe', params: ['n'] },
      { jsonrpc: '2.0', id: 2, method: 'noRoom', params: ['r'] },
      { foo: 'bar' },
      { jsonrpc: '2.0', id: 3, method: 'missing' },
      { jsonrpc: '2.0', id: 4, method: 'echo', params: { by: 'name' } },
      { jsonrpc: '2.0', id: 5, method: 'multi', params: [1, 2] },
    ]);
    expect(reply).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'a' },
      { jsonrpc: '2.0', id: 2, error: expect.objectContaining({ code: -32000 }) as unknown },
      { jsonrpc: '2.0', id: null, error: expect.objectContaining({ code: -32600 }) as unknown },
      { jsonrpc: '2.0', id: 3, error: expect.objectContaining({ code: -32601 }) as unknown },
      { jsonrpc: '2.0', id: 4, error: expect.objectContaining({ code: -32602 }) as unknown },
      { jsonrpc: '2.0', id: 5, result: 1, results: [1, 2] },
    ]);
    expect(await client.next('note')).toEqual(['n']);
  });

  it('answers an empty batch with one -32600 error and a batch of notifications with nothing', async () => {
    const { client } = await login();
    expect(await client.raw([])).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    await expect(client.raw([{ jsonrpc: '2.0', method: 'notifyMe', params: [1] }], 300)).rejects.toThrow(/timeout/);
    expect(await client.next('note')).toEqual([1]);
  });

  it('answers every method before loginConfirmed with -32601 "not logged in"', async () => {
    const { url } = await startTransport();
    const ws = new WebSocket(`${url}?user=pending`);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => { resolve(data.toString()); }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo', params: [1] }));
    expect(JSON.parse(await reply)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: -32601,
        message: 'Method not available: not logged in (wait for loginConfirmed)',
        data: { name: 'ChatServiceError', code: 'noLogin', args: [] },
      },
    });
    ws.terminate();
  });
});
