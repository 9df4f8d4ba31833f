/**
 * The core's side of the Transport port, driven by a minimal fake transport:
 * what a transport may report, in which order, and what the core does.
 */
import { ChatServiceCore } from '@chat-service/core';
import type { HandshakeData, Hooks, Transport, TransportHost } from '@chat-service/core';
import { createMemoryStore } from '@chat-service/store-memory';
import { afterEach, describe, expect, it } from 'vitest';

interface Sent {
  id: string;
  event: string;
  args: readonly unknown[];
}

function fakeTransport(): Transport & { host: TransportHost | undefined; sockets: Set<string>; sent: Sent[] } {
  const sockets = new Set<string>();
  const sent: Sent[] = [];
  const t = {
    name: 'fake',
    host: undefined as TransportHost | undefined,
    sockets,
    sent,
    async attach(h: TransportHost) {
      t.host = h;
    },
    getHandshakeData: (id: string): HandshakeData => (sockets.has(id) ? { isConnected: true, query: { user: id.split('#')[0] }, headers: {} } : { isConnected: false, query: {}, headers: {} }),
    getSocket: (id: string) => (sockets.has(id) ? { id } : undefined),
    hasSocket: (id: string) => sockets.has(id),
    async joinChannel() {},
    async leaveChannel() {},
    send: (id: string, event: string, args: readonly unknown[]) => void sent.push({ id, event, args }),
    emitToChannel() {},
    rejectLogin: (id: string, error: unknown) => void sent.push({ id, event: 'loginRejected', args: [error] }),
    async disconnectSocket(id: string) {
      sockets.delete(id);
      await t.host?.disconnect(id);
    },
    bindHandler() {},
    getServer: () => undefined,
    async close() {},
  };
  return t;
}

const services: ChatServiceCore[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

async function start(hooks: Hooks = {}): Promise<{ service: ChatServiceCore; transport: ReturnType<typeof fakeTransport> }> {
  const transport = fakeTransport();
  const service = new ChatServiceCore({
    store: createMemoryStore(),
    transports: [transport],
    hooks: { onConnect: (server, id) => (server as ChatServiceCore).transport.getHandshakeData(id).query['user'], ...hooks },
  });
  services.push(service);
  await service.whenReady();
  return { service, transport };
}

async function login(transport: ReturnType<typeof fakeTransport>, id: string): Promise<void> {
  transport.sockets.add(id);
  transport.host?.connection(id);
  const deadline = Date.now() + 2000;
  while (!transport.sent.some((s) => s.id === id && s.event.startsWith('login'))) {
    if (Date.now() > deadline) throw new Error('no login answer');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the core as a TransportHost', () => {
  it('runs the disconnect cleanup once when a transport reports it twice', async () => {
    const disconnects: unknown[] = [];
    const { service, transport } = await start({ onDisconnect: async (_s, data) => void disconnects.push(data) });
    await login(transport, 'alice#1');
    transport.sockets.delete('alice#1');
    await Promise.all([transport.host?.disconnect('alice#1'), transport.host?.disconnect('alice#1')]);
    await transport.host?.disconnect('alice#1');
    expect(disconnects).toHaveLength(1);
    expect(await service.execUserCommand('alice', 'listOwnSockets')).toEqual([{}]);
  });

  it('drops commands before login and unknown names, answers commands after', async () => {
    const { transport } = await start();
    expect(await transport.host?.command('nobody', 'listOwnSockets', [])).toBeNull();
    await login(transport, 'bob#1');
    expect(await transport.host?.command('bob#1', 'noSuchCommand', [])).toBeNull();
    expect(await transport.host?.command('bob#1', '__proto__', [])).toBeNull();
    expect(await transport.host?.command('bob#1', 'listOwnSockets', [])).toEqual({ error: null, results: [{ 'bob#1': [] }] });
    const failed = await transport.host?.command('bob#1', 'roomJoin', ['nowhere']);
    expect(String(failed?.error)).toBe('ChatServiceError: No such room nowhere');
  });

  it('a disconnect reported during login leaves no state behind', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { service, transport } = await start({
      onConnect: async (server, id) => {
        await gate;
        return (server as ChatServiceCore).transport.getHandshakeData(id).query['user'];
      },
    });
    transport.sockets.add('carol#1');
    transport.host?.connection('carol#1');
    transport.sockets.delete('carol#1');
    const cleanup = transport.host?.disconnect('carol#1');
    release();
    await cleanup;
    // never confirmed; the rejection goes to a socket the transport no longer has
    expect(transport.sent.filter((s) => s.id === 'carol#1').map((s) => s.event)).toEqual(['loginRejected']);
    expect(await service.state.getInstanceSockets()).toEqual({});
  });
});
