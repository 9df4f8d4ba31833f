import { ChatServiceError } from '@chat-service/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOTestClient } from '@chat-service/test-support/socketio-client';
import { cleanup, startTransport } from './helpers.js';

afterEach(cleanup);

async function three(url: string): Promise<SocketIOTestClient[]> {
  return Promise.all(['a', 'b', 'c'].map(async (user) => (await connectSocketIO(url, user)).client));
}

function idOf(client: SocketIOTestClient | undefined): string {
  if (client?.id === undefined) throw new Error('no client id');
  return client.id;
}

describe('channels', () => {
  it('emits to the sockets of a channel, optionally except one', async () => {
    const { url, transport } = await startTransport();
    const [a, b, c] = await three(url);
    await transport.joinChannel(idOf(a), 'room');
    await transport.joinChannel(idOf(b), 'room');
    transport.emitToChannel('room', 'roomMessage', ['room', { text: 'hi' }]);
    expect(await a?.next('roomMessage')).toEqual(['room', { text: 'hi' }]);
    expect(await b?.next('roomMessage')).toEqual(['room', { text: 'hi' }]);
    transport.emitToChannel('room', 'echo', [1], idOf(a));
    expect(await b?.next('echo')).toEqual([1]);
    await Promise.all([a?.expectNone('echo'), c?.expectNone('roomMessage')]);
  });

  it('stops delivering after leaveChannel', async () => {
    const { url, transport } = await startTransport();
    const [a, b] = await three(url);
    await transport.joinChannel(idOf(a), 'room');
    await transport.joinChannel(idOf(b), 'room');
    await transport.leaveChannel(idOf(b), 'room');
    transport.emitToChannel('room', 'ping', []);
    expect(await a?.next('ping')).toEqual([]);
    await b?.expectNone('ping');
  });

  it('rejects joinChannel of an unknown socket with invalidSocket; leaveChannel of one is a no-op', async () => {
    const { transport } = await startTransport();
    const error: unknown = await transport.joinChannel('ghost', 'room').catch((e: unknown) => e);
    expect(ChatServiceError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalidSocket', args: ['ghost'] });
    await expect(transport.leaveChannel('ghost', 'room')).resolves.toBeUndefined();
  });

  it('rejects joinChannel of a socket that has disconnected', async () => {
    const { url, transport, host } = await startTransport();
    const [a] = await three(url);
    const id = idOf(a);
    await a?.close();
    await expect.poll(() => host.disconnects).toContain(id);
    await expect(transport.joinChannel(id, 'room')).rejects.toMatchObject({
      code: 'invalidSocket',
    });
  });

  it('sends to one socket, and drops sends to unknown sockets, reserved names and unencodable data', async () => {
    const { url, transport, logger } = await startTransport();
    const [a, b] = await three(url);
    transport.send(idOf(a), 'directMessage', [{ text: 'psst' }]);
    expect(await a?.next('directMessage')).toEqual([{ text: 'psst' }]);
    await b?.expectNone('directMessage');
    expect(() => {
      transport.send('ghost', 'directMessage', []);
    }).not.toThrow();
    expect(() => {
      transport.send(idOf(a), 'disconnect', []);
    }).not.toThrow();
    expect(() => {
      transport.emitToChannel('room', 'disconnect', []);
    }).not.toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => {
      transport.send(idOf(a), 'directMessage', [cyclic]);
    }).not.toThrow();
    expect(logger.error).toHaveBeenCalledTimes(3);
    transport.send(idOf(a), 'directMessage', ['still alive']);
    expect(await a?.next('directMessage')).toEqual(['still alive']);
  });
});
