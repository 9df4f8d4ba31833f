import type { Socket } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectWs } from '@chat-service/test-support/ws-client';
import { spyOnWrites } from '@chat-service/test-support/write-spy';
import { startTransport } from './harness.js';

/** A transport and a logged-in client, with a spy on the writes of the client's server-side stream. */
async function startWatched(user: string) {
  const started = await startTransport();
  const upgrades: { count: number }[] = [];
  // Ahead of the transport's own listener: the spy sees the upgrade's answer too.
  started.transport.httpServer?.prependListener('upgrade', (_req, stream: Socket) => upgrades.push(spyOnWrites(stream)));
  const { client } = await connectWs(started.url, user);
  const [fromUpgrade] = upgrades;
  if (!fromUpgrade) throw new Error('no upgrade seen');
  const before = fromUpgrade.count;
  return {
    ...started,
    client,
    loginWrites: before,
    writes: {
      get count() {
        return fromUpgrade.count - before;
      },
    },
  };
}

describe('write batching', () => {
  it("answers the upgrade and the login's confirmation in one write", async () => {
    const { loginWrites } = await startWatched('dave');
    expect(loginWrites).toBe(1);
  });

  it('does not hold the upgrade for a login that answers later: the client is open at the end of the turn', async () => {
    const { url } = await startTransport();
    // `pending` is never confirmed by the fake core.
    const ws = new WebSocket(`${url}?user=pending`);
    await once(ws, 'open');
    ws.close();
    await once(ws, 'close');
  });

  it("writes a command's notification and its reply in one write, each in its own frame", async () => {
    const { client, writes } = await startWatched('alice');
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
    const { transport, host, client, writes } = await startWatched('bob');
    transport.send(host.users.get('bob') ?? '', 'news', ['now']);
    // Written synchronously: nothing is held for a later turn.
    expect(writes.count).toBe(1);
    expect(await client.next('news')).toEqual(['now']);
  });
});
