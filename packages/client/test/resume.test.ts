/**
 * Reconnection and resumption over both transports, through a TCP proxy the
 * test pauses: the connection state, commands during and across a cut, and
 * the two gaps that cannot be filled (history trimmed, room recreated).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatClient } from '../src/index.js';
import { closeResumingClients, record, resumingClient } from './helpers/resuming-clients.js';
import { cleanup, startService } from './helpers/service.js';
import type { ClientKind, Started } from './helpers/service.js';
import { startTcpProxy } from '@chat-service/test-support/tcp-proxy';
import type { TcpProxy } from '@chat-service/test-support/tcp-proxy';

const FAST = { initialDelayMs: 20, maxDelayMs: 100 };
const proxies: TcpProxy[] = [];

afterEach(async () => {
  await closeResumingClients();
  await Promise.allSettled(proxies.splice(0).map((p) => p.close()));
  await cleanup();
});

async function setup(kind: ClientKind, started: Started, user = 'alice'): Promise<{ proxy: TcpProxy; client: ChatClient; sender: ChatClient }> {
  const proxy = await startTcpProxy([started.port]);
  proxies.push(proxy);
  const client = resumingClient(kind, proxy.port, user, { delays: FAST });
  const sender = started.connect('ws', 'sender');
  await Promise.all([client.login(), sender.login()]);
  return { proxy, client, sender };
}

/** Waits until the client logged in again after `proxy.resume()`. */
async function reconnected(client: ChatClient): Promise<void> {
  await vi.waitFor(() => {
    expect(client.connectionState).toBe('connected');
  }, { timeout: 5000, interval: 10 });
}

describe.each<ClientKind>(['ws', 'socket.io'])('resuming over %s', (kind) => {
  it('tells connecting, connected, reconnecting, connected, closed; commands wait for the new login', async () => {
    const started = await startService();
    await started.service.addRoom('lobby', {});
    const { proxy, client } = await setup(kind, started);
    const states: string[] = [];
    client.on('connectionState', (state) => states.push(state));
    expect(client.connectionState).toBe('connected');
    const firstId = client.user?.authData.id;
    proxy.pause();
    await vi.waitFor(() => {
      expect(client.connectionState).toBe('reconnecting');
    });
    const join = client.roomJoin('lobby');
    proxy.resume();
    expect(await join).toBe(1);
    expect(client.user?.authData.id).not.toBe(firstId);
    await client.close();
    expect(states).toEqual(['reconnecting', 'connected', 'closed']);
  });

  it('rejects a command whose connection dropped before the reply, and does not send it again', async () => {
    let calls = 0;
    let arrived = (): void => undefined;
    const atServer = new Promise<void>((resolve) => (arrived = resolve));
    const started = await startService({}, {
      systemMessageBefore: () => {
        calls++;
        arrived();
        return new Promise<void>((resolve) => setTimeout(resolve, 200));
      },
    });
    const { proxy, client } = await setup(kind, started);
    const pending = client.systemMessage('x');
    await atServer;
    proxy.pause();
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ChatServiceClientError', code: undefined });
    proxy.resume();
    await reconnected(client);
    // A round trip on the new connection, so a resent command would have reached the server by now.
    expect(await client.listOwnSockets()).toBeTypeOf('object');
    expect(calls).toBe(1);
  });

  it('trimmed while away: one roomMessagesLost "trimmed", then the retained messages', async () => {
    const started = await startService({ historyMaxSize: 5 });
    await started.service.addRoom('r', {});
    const { proxy, client, sender } = await setup(kind, started);
    const seen = record(client);
    await client.roomJoin('r');
    await sender.roomJoin('r');
    for (let i = 0; i < 2; i++) await sender.roomMessage('r', { textMessage: `a${String(i)}` });
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1, 2]);
    });
    proxy.pause();
    for (let i = 0; i < 10; i++) await sender.roomMessage('r', { textMessage: `b${String(i)}` });
    proxy.resume();
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1, 2, 'lost trimmed after 2', 8, 9, 10, 11, 12]);
    });
    await sender.roomMessage('r', { textMessage: 'live' });
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1, 2, 'lost trimmed after 2', 8, 9, 10, 11, 12, 13]);
    });
  });

  it('room deleted and recreated with more messages while away: one "reset", then the new room', async () => {
    const started = await startService({ enableRoomsManagement: true });
    await started.service.addRoom('r', { owner: 'sender' });
    const { proxy, client, sender } = await setup(kind, started);
    const seen = record(client);
    await client.roomJoin('r');
    await sender.roomJoin('r');
    for (let i = 0; i < 3; i++) await sender.roomMessage('r', { textMessage: `old${String(i)}` });
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1, 2, 3]);
    });
    proxy.pause();
    await sender.roomDelete('r');
    await sender.roomCreate('r', false);
    await sender.roomJoin('r');
    for (let i = 0; i < 5; i++) await sender.roomMessage('r', { textMessage: `new${String(i)}` });
    proxy.resume();
    await reconnected(client);
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1, 2, 3, 'lost reset after 3', 1, 2, 3, 4, 5]);
    });
    const [newest] = (await client.roomRecentHistory('r')).map((m) => m.textMessage);
    expect(newest).toBe('new4');
  });

  it('forgets a room left or removed: no rejoin after the next login', async () => {
    const started = await startService();
    await started.service.addRoom('kept', {});
    await started.service.addRoom('left', {});
    const { proxy, client } = await setup(kind, started);
    await client.roomJoin('kept');
    await client.roomJoin('left');
    await client.roomLeave('left');
    const firstId = client.user?.authData.id;
    proxy.pause();
    proxy.resume();
    await vi.waitFor(() => {
      expect(client.user?.authData.id).toBeTypeOf('string');
      expect(client.user?.authData.id).not.toBe(firstId);
    }, { timeout: 5000, interval: 10 });
    expect(Object.values(await client.listOwnSockets())).toEqual([['kept']]);
  });

  it('rejects a roomJoin whose connection dropped before the starting position was read, and does not rejoin it', async () => {
    let arrived = (): void => undefined;
    const atServer = new Promise<void>((resolve) => (arrived = resolve));
    const started = await startService({}, {
      roomHistoryInfoBefore: () => {
        arrived();
        return new Promise<void>((resolve) => setTimeout(resolve, 200));
      },
    });
    await started.service.addRoom('lobby', {});
    const { proxy, client } = await setup(kind, started);
    const join = client.roomJoin('lobby');
    await atServer;
    proxy.pause();
    await expect(join).rejects.toMatchObject({ name: 'ChatServiceClientError', code: undefined });
    proxy.resume();
    await reconnected(client);
    expect(Object.values(await client.listOwnSockets())).toEqual([[]]);
  });

  it('passes the messages of a room on as they come when the server refuses roomHistoryInfo', async () => {
    const started = await startService({}, {
      roomHistoryInfoBefore: () => {
        throw new Error('no history for you');
      },
    });
    await started.service.addRoom('r', {});
    const { client, sender } = await setup(kind, started);
    const seen = record(client);
    expect(await client.roomJoin('r')).toBe(1);
    await sender.roomJoin('r');
    await sender.roomMessage('r', { textMessage: 'hi' });
    await vi.waitFor(() => {
      expect(seen.byRoom.get('r')).toEqual([1]);
    });
  });
});
