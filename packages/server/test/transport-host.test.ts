/**
 * The core's side of the Transport port, driven by a minimal fake transport:
 * what a transport may report, in which order, and what the core does.
 */
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks, IncomingConnection, Transport, TransportHost } from '@chat-service/core';
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
    attach(h: TransportHost) {
      t.host = h;
      return Promise.resolve();
    },
    joinChannel: () => Promise.resolve(),
    leaveChannel: () => Promise.resolve(),
    send: (id: string, event: string, args: readonly unknown[]) => void sent.push({ id, event, args }),
    emitToChannel() {
      // No test here looks at channel traffic.
    },
    disconnect(id: string) {
      if (sockets.delete(id)) void t.host?.disconnect(id);
    },
    close: () => Promise.resolve(),
  };
  return t;
}

/** What the fake transport hands over for a socket `user#n`. */
function incoming(id: string): IncomingConnection {
  return { id, handshake: { query: { user: id.split('#')[0] }, headers: {} }, socket: { id } };
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
  transport.host?.connection(incoming(id));
  const deadline = Date.now() + 2000;
  while (!transport.sent.some((s) => s.id === id && s.event.startsWith('login'))) {
    if (Date.now() > deadline) throw new Error('no login answer');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the core as a TransportHost', () => {
  it('a failed start waits for the disconnect cleanups of connected clients before closing the store', async () => {
    const order: string[] = [];
    const transport = fakeTransport();
    // As the port allows: close reports each disconnect without waiting for the core's cleanup.
    transport.close = () => {
      for (const id of [...transport.sockets]) transport.disconnect(id, 'server');
      return Promise.resolve();
    };
    let fail = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      fail = resolve;
    });
    class FailingStart extends ChatServiceCore {
      protected override async beforeReady(): Promise<void> {
        await gate;
        throw new Error('start failed');
      }
    }
    const store = createMemoryStore();
    const closeStore = store.close.bind(store);
    store.close = async () => {
      order.push('store closed');
      await closeStore();
    };
    const service = new FailingStart({
      store,
      transports: [transport],
      hooks: {
        onConnect: (server, id) => (server as ChatServiceCore).transport.getHandshakeData(id).query['user'],
        onDisconnect: async () => {
          await Promise.resolve();
          order.push('onDisconnect');
        },
      },
    });
    const started = service.ready.catch((error: unknown) => error);
    await login(transport, 'alice#1');
    fail();
    expect(await started).toMatchObject({ message: 'start failed' });
    // The memory store is also the bus, so it is closed twice.
    expect(order).toEqual(['onDisconnect', 'store closed', 'store closed']);
  });

  it('runs the disconnect cleanup once when a transport reports it twice', async () => {
    const disconnects: unknown[] = [];
    const { service, transport } = await start({
      onDisconnect: (_s, data) => {
        disconnects.push(data);
        return Promise.resolve();
      },
    });
    await login(transport, 'alice#1');
    transport.sockets.delete('alice#1');
    await Promise.all([transport.host?.disconnect('alice#1'), transport.host?.disconnect('alice#1')]);
    await transport.host?.disconnect('alice#1');
    expect(disconnects).toHaveLength(1);
    expect(await service.execUserCommand('alice', 'listOwnSockets')).toEqual([{}]);
  });

  it('drops commands before login and unknown names, answers commands after', async () => {
    const { transport } = await start();
    expect(await transport.host?.command('nobody', 'listOwnSockets', [])).toEqual({ kind: 'dropped', loggedIn: false });
    await login(transport, 'bob#1');
    expect(await transport.host?.command('bob#1', 'noSuchCommand', [])).toEqual({ kind: 'dropped', loggedIn: true });
    expect(await transport.host?.command('bob#1', '__proto__', [])).toEqual({ kind: 'dropped', loggedIn: true });
    expect(await transport.host?.command('bob#1', 'listOwnSockets', [])).toEqual({ kind: 'result', results: [{ 'bob#1': [] }] });
    const failed = await transport.host?.command('bob#1', 'roomJoin', ['nowhere']);
    expect(failed).toMatchObject({ kind: 'error', wireError: 'ChatServiceError: No such room nowhere' });
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
    transport.host?.connection(incoming('carol#1'));
    transport.sockets.delete('carol#1');
    const cleanup = transport.host?.disconnect('carol#1');
    release();
    await cleanup;
    // never confirmed; the rejection goes to a socket the transport no longer has
    expect(transport.sent.filter((s) => s.id === 'carol#1').map((s) => s.event)).toEqual(['loginRejected']);
    expect(await service.state.getInstanceSockets()).toEqual({});
  });
});
