import { createServer } from 'node:http';
import { listen } from '@chat-service/core';
import { Adapter } from 'socket.io-adapter';
import type { BroadcastOptions } from 'socket.io-adapter';
import { Server } from 'socket.io';
import type { Namespace } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import { createSocketIOTransport } from '../src/index.js';
import { cleanup, onCleanup, startTransport } from './helpers.js';

afterEach(cleanup);

const flags: unknown[] = [];
/** An in-memory adapter that records broadcast flags and its extra constructor arguments. */
class RecordingAdapter extends Adapter {
  readonly extra: unknown[];
  constructor(nsp: Namespace, ...extra: unknown[]) {
    super(nsp);
    this.extra = extra;
  }
  override broadcast(packet: Parameters<Adapter['broadcast']>[0], opts: BroadcastOptions): void {
    flags.push(opts.flags);
    super.broadcast(packet, opts);
  }
}

/** The namespace's adapter, checked to be a RecordingAdapter. */
function recordingAdapter(adapter: Adapter): RecordingAdapter {
  if (!(adapter instanceof RecordingAdapter)) throw new Error('the adapter is not a RecordingAdapter');
  return adapter;
}

describe('server setup', () => {
  it('attaches to an http server that starts listening later, and closes it', async () => {
    const http = createServer();
    onCleanup(
      () =>
        new Promise((resolve) =>
          http.close(() => {
            resolve();
          }),
        ),
    );
    const { transport } = await startTransport({ http });
    expect(transport.port).toBeUndefined();
    const port = await listen(http, 0);
    expect(transport.port).toBe(port);
    const { login } = await connectSocketIO(`http://localhost:${port}`, 'alice');
    expect(login[0]).toBe('loginConfirmed');
    await transport.close();
    expect(http.listening).toBe(false);
  });

  it('uses an existing io server as is (getServer returns it, no adapter installed) and closes it', async () => {
    const http = createServer();
    const io = new Server(http);
    const port = await listen(http, 0);
    const { transport } = await startTransport({
      io,
      adapterConstructor: RecordingAdapter,
      adapterOptions: ['ignored'],
    });
    expect(transport.getServer()).toBe(io);
    expect(io.of('/chat-service').adapter).not.toBeInstanceOf(RecordingAdapter);
    const { client } = await connectSocketIO(`http://localhost:${port}`, 'alice');
    expect(transport.getSocket(client.id ?? '')).toBe(io.of('/chat-service').sockets.get(client.id ?? ''));
    await transport.close();
    expect(http.listening).toBe(false);
  });

  it('rejects attach when the port is taken, and still closes', async () => {
    const first = await startTransport();
    const second = createSocketIOTransport({ port: first.transport.port ?? 0 });
    await expect(second.attach(first.host)).rejects.toThrow(/cannot listen on port/);
    await expect(second.close()).resolves.toBeUndefined();
  });

  it('rejects a second attach', async () => {
    const { transport, host } = await startTransport();
    await expect(transport.attach(host)).rejects.toThrow(/already/);
  });
});

describe('adapters', () => {
  it('installs an Adapter class with adapterOptions; emitToChannel broadcasts locally', async () => {
    const { transport, url } = await startTransport({
      adapterConstructor: RecordingAdapter,
      adapterOptions: ['opt'],
    });
    const adapter = transport.getServer().of('/chat-service').adapter;
    expect(adapter).toBeInstanceOf(RecordingAdapter);
    expect(recordingAdapter(adapter).extra).toEqual(['opt']);
    const { client } = await connectSocketIO(url, 'alice');
    await transport.joinChannel(client.id ?? '', 'room');
    transport.emitToChannel('room', 'ping', [1]);
    expect(await client.next('ping')).toEqual([1]);
    expect(flags.at(-1)).toMatchObject({ local: true });
  });

  it('installs what a factory gives (invoked with new, as the reference did), also an arrow factory', async () => {
    const options: unknown[] = [];
    function createAdapter(this: unknown, option: unknown): (nsp: Namespace) => Adapter {
      options.push(option);
      return (nsp) => new RecordingAdapter(nsp, 'from factory');
    }
    const { transport } = await startTransport({
      adapterConstructor: createAdapter,
      adapterOptions: ['redis://x'],
    });
    expect(options).toEqual(['redis://x']);
    expect(recordingAdapter(transport.getServer().of('/chat-service').adapter).extra).toEqual(['from factory']);
    const arrow = (): typeof RecordingAdapter => RecordingAdapter;
    const other = await startTransport({ adapterConstructor: arrow });
    expect(other.transport.getServer().of('/chat-service').adapter).toBeInstanceOf(RecordingAdapter);
  });

  it('throws a TypeError naming the option for a factory that gives no adapter', () => {
    expect(() => createSocketIOTransport({ port: 0, adapterConstructor: () => 42 })).toThrow(/adapterConstructor/);
  });
});

describe('close', () => {
  it('refuses new connections, disconnects every client, reports each to host.disconnect, then closes the server', async () => {
    const { url, transport, host } = await startTransport();
    const clients = await Promise.all(['a', 'b'].map(async (user) => (await connectSocketIO(url, user)).client));
    const closing = transport.close();
    await Promise.all(clients.map((client) => client.disconnected()));
    expect(host.disconnects.sort()).toEqual(clients.map((client) => client.id).sort());
    await closing;
    expect(transport.getServer().httpServer.listening).toBe(false);
    await expect(connectSocketIO(url, 'after')).rejects.toThrow();
    expect(host.connections).toHaveLength(2);
  });

  it('is idempotent', async () => {
    const { transport } = await startTransport();
    const first = transport.close();
    expect(transport.close()).toBe(first);
    await first;
    await expect(transport.close()).resolves.toBeUndefined();
    await expect(transport.attach({} as never)).rejects.toThrow(/already|closed/);
  });

  it('closes a transport that never attached', async () => {
    const transport = createSocketIOTransport({ port: 0 });
    await expect(transport.close()).resolves.toBeUndefined();
  });
});
