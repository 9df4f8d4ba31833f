import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectWs } from '@chat-service/test-support/ws-client';
import { startTransport } from './harness.js';

/** Counts the writes a server-side TCP stream hands to the operating system (net.Socket's _write / _writev). */
function countWrites(stream: Duplex): { readonly count: number } {
  const counter = { count: 0 };
  const target = stream as Duplex & { _writev?: Duplex['_writev'] };
  const write = target._write.bind(target);
  const writev = target._writev?.bind(target);
  target._write = (chunk, encoding, callback) => {
    counter.count++;
    write(chunk, encoding, callback);
  };
  if (writev) {
    target._writev = (chunks, callback) => {
      counter.count++;
      writev(chunks, callback);
    };
  }
  return counter;
}

describe('write batching', () => {
  it("writes a command's notification and its reply in one write, each in its own frame", async () => {
    const { transport, url } = await startTransport();
    const streams: Duplex[] = [];
    transport.httpServer?.on('upgrade', (_req, stream: Duplex) => streams.push(stream));
    const { client } = await connectWs(url, 'alice');
    const [stream] = streams;
    if (!stream) throw new Error('no upgrade seen');
    const writes = countWrites(stream);
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
    const streams: Duplex[] = [];
    transport.httpServer?.on('upgrade', (_req, stream: Duplex) => streams.push(stream));
    const { client } = await connectWs(url, 'bob');
    const [stream] = streams;
    if (!stream) throw new Error('no upgrade seen');
    const writes = countWrites(stream);
    transport.send(host.users.get('bob') ?? '', 'news', ['now']);
    // Written synchronously: nothing is held for a later turn.
    expect(writes.count).toBe(1);
    expect(await client.next('news')).toEqual(['now']);
  });
});
