/**
 * What only the WebSocket client does: JSON-RPC codes, an injected socket,
 * the missing-constructor error, pending requests on close, reconnection
 * after the server closed the socket (on by default, off with `reconnect: false`).
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatServiceClientError, createWsClient } from '../src/index.js';
import type { WsChatClient } from '../src/index.js';
import { cleanup, startService } from './helpers/service.js';

const opened: WsChatClient[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((c) => c.close()));
  await cleanup();
});

function track(created: WsChatClient): WsChatClient {
  opened.push(created);
  return created;
}

describe('createWsClient', () => {
  it('maps JSON-RPC errors: service error in data, JSON-RPC code in rpcCode', async () => {
    const { port } = await startService();
    const alice = track(createWsClient(`ws://127.0.0.1:${String(port)}/chat-service?user=alice`, { WebSocket }));
    await expect(alice.roomJoin('nowhere')).rejects.toMatchObject({ code: 'noRoom', args: ['nowhere'], rpcCode: -32000 });
    // @ts-expect-error roomJoin takes one argument
    await expect(alice.command('roomJoin')).rejects.toMatchObject({ code: 'wrongArgumentsCount', args: [1, 0], rpcCode: -32602 });
  });

  it('wraps a WebSocket the caller opened', async () => {
    const { port } = await startService();
    const ws = new WebSocket(`ws://127.0.0.1:${String(port)}/chat-service?user=bob`, 'chat-service.json');
    const bob = track(createWsClient(ws));
    expect(bob.ws).toBe(ws);
    expect((await bob.login()).userName).toBe('bob');
    expect(await bob.directGetAccessList('blacklist')).toEqual([]);
  });

  it.skipIf(typeof (globalThis as { WebSocket?: unknown }).WebSocket !== 'undefined')(
    'asks for a WebSocket constructor when there is no global one',
    () => {
      expect(() => createWsClient('ws://127.0.0.1:1/chat-service')).toThrow(/pass one, e.g. createWsClient\(url, \{ WebSocket \}\)/);
    },
  );

  it('rejects pending commands and later ones when the connection closes', async () => {
    let arrived = (): void => undefined;
    const atServer = new Promise<void>((resolve) => (arrived = resolve));
    const slow = (): Promise<void> => {
      arrived();
      return new Promise((resolve) => setTimeout(resolve, 300));
    };
    const { port } = await startService({}, { systemMessageBefore: slow });
    const alice = track(createWsClient(`ws://127.0.0.1:${String(port)}/chat-service?user=alice`, { WebSocket }));
    await alice.login();
    const pending = alice.systemMessage('x');
    await atServer;
    await alice.close();
    await expect(pending).rejects.toMatchObject({ code: undefined, message: 'connection closed (1000)' });
    await expect(alice.systemMessage('y')).rejects.toBeInstanceOf(ChatServiceClientError);
  });

  it('rejects login() when the connection cannot be opened', async () => {
    const { port } = await startService();
    const lost = track(createWsClient(`ws://127.0.0.1:${String(port)}/not-chat-service`, { WebSocket }));
    await expect(lost.login()).rejects.toMatchObject({ message: expect.stringMatching(/^connection closed/) as unknown });
  });

  it('reconnects on a new WebSocket after the server closed the connection, and rejoins its rooms', async () => {
    const { service, port } = await startService();
    await service.addRoom('lobby', {});
    const alice = track(createWsClient(`ws://127.0.0.1:${String(port)}/chat-service?user=alice`, { WebSocket, reconnect: { initialDelayMs: 10, maxDelayMs: 50 } }));
    await alice.roomJoin('lobby');
    const first = alice.ws;
    await service.disconnectUserSockets('alice');
    await vi.waitFor(() => {
      expect(alice.ws).not.toBe(first);
      expect(alice.connectionState).toBe('connected');
    });
    expect(Object.values(await alice.listOwnSockets())).toEqual([['lobby']]);
  });

  it('with reconnect: false, is closed for good once the connection closes', async () => {
    const { service, port } = await startService();
    const alice = track(createWsClient(`ws://127.0.0.1:${String(port)}/chat-service?user=alice`, { WebSocket, reconnect: false }));
    await alice.login();
    const states: string[] = [];
    alice.on('connectionState', (state) => states.push(state));
    await service.disconnectUserSockets('alice');
    await vi.waitFor(() => {
      expect(alice.connectionState).toBe('closed');
    });
    await expect(alice.listOwnSockets()).rejects.toMatchObject({ code: undefined });
    expect(states).toEqual(['closed']);
  });
});
