import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOMiddleware } from '../src/index.js';
import { cleanup, connected, rawSocket, startTransport } from './helpers.js';

afterEach(cleanup);

describe('namespace', () => {
  it('serves /chat-service by default and reports connections to the host', async () => {
    const { url, transport, host } = await startTransport();
    expect(transport.name).toBe('socket.io');
    expect(transport.namespace).toBe('/chat-service');
    const { client, login } = await connectSocketIO(`${url}/chat-service`, 'alice');
    expect(login).toEqual(['loginConfirmed', 'alice', { id: client.id }]);
    expect(host.connections).toEqual([client.id]);
    expect(transport.getSocket(client.id ?? '')?.id).toBe(client.id);
  });

  it('serves a custom namespace, and nothing on the default one', async () => {
    const { url, transport } = await startTransport({ namespace: 'custom' });
    expect(transport.namespace).toBe('/custom');
    const { login } = await connectSocketIO(url, 'alice', {
      namespace: '/custom',
    });
    expect(login[0]).toBe('loginConfirmed');
    await expect(connectSocketIO(url, 'bob')).rejects.toThrow('Invalid namespace');
  });
});

describe('middleware', () => {
  const deny: SocketIOMiddleware = (socket, next) => {
    next(socket.handshake.query['user'] === 'mallory' ? new Error('not authorized') : undefined);
  };

  it('rejects a connection with the middleware error as connect_error, without the host', async () => {
    const { url, host } = await startTransport({ middleware: deny });
    await expect(connectSocketIO(url, 'mallory')).rejects.toThrow('not authorized');
    expect(host.connections).toEqual([]);
    expect((await connectSocketIO(url, 'alice')).login[0]).toBe('loginConfirmed');
  });

  it('runs an array of middlewares in order', async () => {
    const order: string[] = [];
    const first: SocketIOMiddleware = (_socket, next) => {
      order.push('first');
      next();
    };
    const { url } = await startTransport({ middleware: [first, deny] });
    await expect(connectSocketIO(url, 'mallory')).rejects.toThrow('not authorized');
    expect(order).toEqual(['first']);
  });

  it('turns a throwing middleware into connect_error', async () => {
    const { url, host } = await startTransport({
      middleware: () => {
        throw new Error('middleware bug');
      },
    });
    await expect(connectSocketIO(url, 'alice')).rejects.toThrow('middleware bug');
    expect(host.connections).toEqual([]);
  });
});

describe('handshake', () => {
  it('hands over query, headers, auth and address of a connection', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, { user: 'alice', extra: '1' }, { extraHeaders: { 'x-test': 'yes' } });
    const data = host.handshakes.get(client.id ?? '');
    expect(data?.query).toMatchObject({ user: 'alice', extra: '1' });
    expect(data?.headers).toMatchObject({ 'x-test': 'yes' });
    expect(data?.auth).toEqual({});
    expect(data?.address).toMatch(/127\.0\.0\.1|::1/);
  });

  it('forgets the socket of a gone connection', async () => {
    const { url, transport, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    const id = client.id ?? '';
    await client.close();
    await expect.poll(() => host.cleaned).toEqual([id]);
    expect(transport.getSocket(id)).toBeUndefined();
  });
});

describe('disconnects', () => {
  it('reports a client-side disconnect to host.disconnect', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    await client.close();
    await expect.poll(() => host.cleaned).toEqual([client.id]);
  });

  it('disconnect after loginRejected: the client gets the notification, then a server disconnect', async () => {
    const { url, host } = await startTransport();
    const { client, login } = await connectSocketIO(url, 'reject');
    expect(login).toEqual(['loginRejected', 'ChatServiceError: No login provided']);
    await client.disconnected();
    expect(client.socket.connected).toBe(false);
    await expect.poll(() => host.disconnects.length).toBe(1);
  });

  it('disconnect closes a socket and reports it to host.disconnect once; unknown ids are ignored', async () => {
    const { url, transport, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    const id = client.id ?? '';
    transport.disconnect(id, 'server');
    await client.disconnected();
    expect(host.disconnects).toEqual([id]);
    expect(() => {
      transport.disconnect(id, 'server');
      transport.disconnect('ghost', 'server');
    }).not.toThrow();
    expect(host.disconnects).toEqual([id]);
  });

  it('survives a throwing host.connection and host.disconnect', async () => {
    const { url, host, logger } = await startTransport();
    host.connection = () => {
      throw new Error('connection bug');
    };
    host.disconnect = () => {
      throw new Error('disconnect bug');
    };
    const socket = rawSocket(`${url}/chat-service`);
    await connected(socket);
    socket.disconnect();
    await expect.poll(() => logger.error.mock.calls.length).toBe(2);
  });
});
