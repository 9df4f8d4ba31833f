import type { Socket } from 'node:net';
import { io as ioClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import { spyOnWrites } from '@chat-service/test-support/write-spy';
import { cleanup, connected, deferred, onCleanup, startTransport } from './helpers.js';

afterEach(cleanup);

/** A transport and a logged-in WebSocket client, with a spy on the writes of the client's server-side stream. */
async function startWatched(user: string) {
  const started = await startTransport();
  const streams: Socket[] = [];
  started.transport.getServer().httpServer.on('upgrade', (_req, stream: Socket) => streams.push(stream));
  const { client } = await connectSocketIO(started.url, user);
  const [stream] = streams;
  if (!stream) throw new Error('no upgrade seen');
  // Every incoming event and ack, in the order the client saw them.
  const seen: string[] = [];
  client.socket.onAny((event: string) => seen.push(event));
  return { ...started, client, seen, writes: spyOnWrites(stream) };
}

describe('write batching', () => {
  it("answers the CONNECT and sends the login's confirmation in one write", async () => {
    const started = await startTransport();
    const writes: string[][] = [];
    // Ahead of engine.io's own listener: every write of the connection is seen.
    started.transport.getServer().httpServer.prependListener('upgrade', (_req, stream: Socket) => {
      const write = stream._write.bind(stream);
      const writev = stream._writev?.bind(stream);
      stream._write = (chunk: Buffer, encoding, callback) => {
        writes.push([chunk.toString('latin1')]);
        write(chunk, encoding, callback);
      };
      stream._writev = (chunks, callback) => {
        writes.push(chunks.map((c) => Buffer.from(c.chunk as Buffer).toString('latin1')));
        writev?.(chunks, callback);
      };
    });
    await connectSocketIO(started.url, 'erin');
    const withLogin = writes.filter((frames) => frames.some((f) => f.includes('loginConfirmed')));
    expect(withLogin).toHaveLength(1);
    // the CONNECT answer (`40/<namespace>,{"sid":...}`) is in the same write
    expect(withLogin[0]?.some((f) => f.startsWith('40/') && f.includes('"sid"'))).toBe(true);
  });

  it.each([
    ['at once', 'notify'],
    ['turns of the event loop later (as with Redis)', 'notifyLater'],
  ])("writes a command's notification and its ack in one write, the notification first: answering %s", async (_when, command) => {
    const { client, seen, writes } = await startWatched('alice');
    const acked = client.call(command, 7).then((ack) => (seen.push('ack'), ack));
    expect(await acked).toEqual([null, 7]);
    expect(seen).toEqual(['note', 'ack']);
    expect(writes.count).toBe(1);
  });

  it("writes a channel emit of a command (the adapter's pre-encoded frame) and its ack in one write", async () => {
    const { client, transport, seen, writes, host } = await startWatched('bob');
    await transport.joinChannel(host.idOf('bob'), 'room');
    const before = writes.count;
    const acked = client.call('notifyRoom', 'hi').then((ack) => (seen.push('ack'), ack));
    expect(await acked).toEqual([null, 'hi']);
    expect(seen).toEqual(['note', 'ack']);
    expect(writes.count - before).toBe(1);
  });

  it('does not hold a notification until a slow ack: it goes out at the end of its turn', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'carol');
    const gate = deferred();
    host.gate = gate;
    let acked = false;
    const call = client.call('notifyThenWait', 3).then((ack) => ((acked = true), ack));
    expect(await client.next('note')).toEqual([3]);
    expect(acked).toBe(false);
    gate.resolve();
    expect(await call).toEqual([null, 3]);
    // Later commands are batched again.
    expect(await client.call('notify', 4)).toEqual([null, 4]);
    expect(await client.next('note')).toEqual([4]);
  });

  it('sends a notification outside a command at once, in its own write', async () => {
    const { transport, host, client, writes } = await startWatched('dave');
    transport.send(host.idOf('dave'), 'news', ['now']);
    // Written synchronously: nothing is held for a later turn.
    expect(writes.count).toBe(1);
    expect(await client.next('news')).toEqual(['now']);
  });

  it('leaves long-polling connections to engine.io: notification then ack', async () => {
    const { url, transport } = await startTransport();
    const socket = ioClient(`${url}${transport.namespace}`, {
      query: { user: 'erin' },
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
    });
    onCleanup(() => {
      socket.disconnect();
      return Promise.resolve();
    });
    const seen: string[] = [];
    socket.onAny((event: string) => seen.push(event));
    await connected(socket);
    const ack = await new Promise<unknown[]>((resolve) => {
      socket.emit('notify', 5, (...args: unknown[]) => {
        resolve(args);
      });
    });
    expect(ack).toEqual([null, 5]);
    expect(seen).toEqual(['loginConfirmed', 'note']);
  });
});
