import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { connectWs } from '@chat-service/test-support/ws-client';
import { startTransport } from './harness.js';

/** Spies on the writes a server-side TCP stream hands to the operating system (net.Socket's _write and _writev). */
function spyOnWrites(stream: Socket): { readonly count: number } {
  const single = vi.spyOn(stream, '_write');
  const many = vi.spyOn(stream, '_writev');
  return {
    get count() {
      return single.mock.calls.length + many.mock.calls.length;
    },
  };
}

describe('write batching', () => {
  it("writes a command's notification and its reply in one write, each in its own frame", async () => {
    const { transport, url } = await startTransport();
    const streams: Socket[] = [];
    transport.httpServer?.on('upgrade', (_req, stream: Socket) => streams.push(stream));
    const { client } = await connectWs(url, 'alice');
    const [stream] = streams;
    if (!stream) throw new Error('no upgrade seen');
    const writes = spyOnWrites(stream);
    const note = client.next('note');
    expect(await client.call('notifyMe', 7)).toEqual([null, null]);
    expect(await note).toEqual([7]);
    expect(writes.count).toBe(1);
  });

  it('does not hold a notification until a slow reply: it goes out at the end of its turn', async () => {
    const { url } = await startTransport();
    const { client } = await connectWs(url, 'carol');
    let replied = false;
    const call = client.call('notifyThenSlow', 400).then((reply) => {
      replied = true;
      return reply;
    });
    expect(await client.next('note')).toEqual([400]);
    expect(replied).toBe(false);
    expect(await call).toEqual([null, 400]);
  });

  it('sends a notification outside a command at once, in its own write', async () => {
    const { transport, host, url } = await startTransport();
    const streams: Socket[] = [];
    transport.httpServer?.on('upgrade', (_req, stream: Socket) => streams.push(stream));
    const { client } = await connectWs(url, 'bob');
    const [stream] = streams;
    if (!stream) throw new Error('no upgrade seen');
    const writes = spyOnWrites(stream);
    transport.send(host.users.get('bob') ?? '', 'news', ['now']);
    // Written synchronously: nothing is held for a later turn.
    expect(writes.count).toBe(1);
    expect(await client.next('news')).toEqual(['now']);
  });
});
