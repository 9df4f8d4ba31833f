import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import { cleanup, connected, rawSocket, startTransport } from './helpers.js';

afterEach(cleanup);

describe('command acks', () => {
  it('acks a single result as (null, data)', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('echo', 'hello')).toEqual([null, 'hello']);
  });

  it('acks no result as (null, null) and an undefined result as null', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('none')).toEqual([null, null]);
    expect(await client.call('undef')).toEqual([null, null, 'x']);
  });

  it('spreads multiple results into further ack arguments', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('echo', 1, { a: [2] }, 'three')).toEqual([null, 1, { a: [2] }, 'three']);
  });

  it('acks errors as (string, null) by default', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('fail', 'r1')).toEqual(['ChatServiceError: No such room r1', null]);
    expect(await client.call('boom')).toEqual(['Error: boom', null]);
  });

  it('acks errors as raw objects through host.wireError', async () => {
    const { url, host } = await startTransport();
    host.raw = true;
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('fail', 'r1')).toEqual([{ name: 'ChatServiceError', code: 'noRoom', args: ['r1'] }, null]);
    expect(await client.call('boom')).toEqual([
      {
        name: 'ChatServiceError',
        code: 'internalError',
        args: ['Error: boom'],
      },
      null,
    ]);
  });

  it('does not ack a command the host drops (unknown name)', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    await expect(client.socket.timeout(300).emitWithAck('noSuchCommand')).rejects.toThrow();
    expect(await client.call('echo', 1)).toEqual([null, 1]);
  });

  it('does not ack a command sent before login', async () => {
    const { url, host } = await startTransport();
    const socket = rawSocket(`${url}/chat-service`, { user: 'lazy' });
    await connected(socket);
    await expect(socket.timeout(300).emitWithAck('echo', 1)).rejects.toThrow();
    expect(host.commands).toEqual([{ socketId: socket.id, name: 'echo', args: [1] }]);
  });

  it('treats a trailing non-function argument as an argument (no ack)', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    client.emit('echo', 1, 'last');
    expect(await client.call('none')).toEqual([null, null]);
    expect(host.commands[0]).toEqual({
      socketId: client.id,
      name: 'echo',
      args: [1, 'last'],
    });
  });

  it('carries Buffers inside arguments both ways', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    const [error, data] = await client.call('echo', {
      textMessage: 'hi',
      binary: Buffer.from([1, 2, 255]),
    });
    expect(error).toBeNull();
    const received = host.commands[0]?.args[0] as { binary: unknown } | undefined;
    expect(Buffer.isBuffer(received?.binary)).toBe(true);
    const binary = (data as { binary: Uint8Array }).binary;
    expect([...binary]).toEqual([1, 2, 255]);
  });
});

describe('unencodable replies', () => {
  it('acks an error when the result cannot be encoded', async () => {
    const { url, logger } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    const [error, data] = await client.call('cyclic');
    expect(error).toMatch(/^RangeError|^TypeError/);
    expect(data).toBeNull();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('ack'),
      expect.objectContaining({ event: 'cyclic' }),
    );
  });
});
