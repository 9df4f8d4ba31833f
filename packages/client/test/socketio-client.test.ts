/**
 * What only the socket.io client does: connect errors, `autoConnect: false`,
 * server-side disconnects and socket.io's reconnection.
 */
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatServiceClientError, createSocketIOClient } from '../src/index.js';
import type { SocketIOChatClient } from '../src/index.js';
import { cleanup, startService } from './helpers/service.js';

const opened: SocketIOChatClient[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((c) => c.close()));
  await cleanup();
});

function client(url: string, options: Parameters<typeof io>[1] = {}): SocketIOChatClient {
  const created = createSocketIOClient(io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options }));
  opened.push(created);
  return created;
}

describe('createSocketIOClient', () => {
  it('rejects login() on connect_error', async () => {
    const { port } = await startService();
    const error: unknown = await client(`http://127.0.0.1:${String(port)}/no-such-namespace`)
      .login()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatServiceClientError);
    expect(error).toMatchObject({ code: undefined, message: 'Invalid namespace' });
  });

  it('connects a socket created with autoConnect: false on login()', async () => {
    const { port } = await startService();
    const alice = client(`http://127.0.0.1:${String(port)}/chat-service`, { autoConnect: false, query: { user: 'alice' } });
    expect(alice.socket.active).toBe(false);
    expect((await alice.login()).userName).toBe('alice');
  });

  it('rejects commands once the server disconnected the socket', async () => {
    const { service, port } = await startService();
    const alice = client(`http://127.0.0.1:${String(port)}/chat-service`, { query: { user: 'alice' } });
    await alice.login();
    const gone = new Promise((resolve) => alice.socket.once('disconnect', resolve));
    await service.disconnectUserSockets('alice');
    await gone;
    expect(alice.user).toBeUndefined();
    await expect(alice.roomJoin('lobby')).rejects.toMatchObject({ message: 'disconnected (io server disconnect)' });
  });

  it('waits for the login after socket.io reconnects', async () => {
    const { service, port } = await startService();
    await service.addRoom('lobby', {});
    const alice = client(`http://127.0.0.1:${String(port)}/chat-service`, {
      query: { user: 'alice' },
      reconnection: true,
      reconnectionDelay: 20,
    });
    const first = await alice.login();
    alice.socket.io.engine.close();
    expect(alice.user).toBeUndefined();
    expect(await alice.roomJoin('lobby')).toBe(1);
    expect(alice.user?.authData.id).not.toBe(first.authData.id);
  });
});
