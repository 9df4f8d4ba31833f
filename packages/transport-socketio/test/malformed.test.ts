import { afterEach, describe, expect, it } from 'vitest';
import { connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOTestClient } from '@chat-service/test-support/socketio-client';
import { cleanup, startTransport } from './helpers.js';

afterEach(cleanup);

/** Writes a raw engine.io message: `2/chat-service,[...]` goes out as the socket.io packet `42/chat-service,[...]`. */
function writeRaw(client: SocketIOTestClient, packet: string): void {
  client.socket.io.engine.write(packet);
}

describe('malformed input', () => {
  it('drops numeric event names and junk arguments, and the connection goes on', async () => {
    const { url, host } = await startTransport();
    const { client } = await connectSocketIO(url, 'alice');
    writeRaw(client, '2/chat-service,7[5,"x"]');
    writeRaw(client, '2/chat-service,8["echo",{"_placeholder":true,"num":3}]');
    client.socket.emit('error', 'not a real error');
    client.socket.emit('noSuchCommand', null, undefined, [[[]]]);
    expect(await client.call('echo', 'ok')).toEqual([null, 'ok']);
    expect(host.commands.map((c) => c.name)).toEqual(['echo', 'error', 'noSuchCommand', 'echo']);
  });

  it('survives unparsable packets: that connection is closed, the server goes on', async () => {
    const { url, host } = await startTransport();
    const bad: string[] = [
      '2/chat-service,["echo"',
      '2/chat-service,{"a":1}',
      '2/chat-service,["disconnect"]',
      '9junk',
    ];
    for (const packet of bad) {
      const { client } = await connectSocketIO(url, 'mallory');
      writeRaw(client, packet);
      await client.disconnected();
      await expect.poll(() => host.cleaned).toContain(client.id);
    }
    const { client } = await connectSocketIO(url, 'alice');
    expect(await client.call('echo', 1)).toEqual([null, 1]);
  });

  it('survives a binary packet whose attachments never come', async () => {
    const { url } = await startTransport();
    const { client } = await connectSocketIO(url, 'mallory');
    writeRaw(client, '51-/chat-service,["echo",{"_placeholder":true,"num":0}]');
    writeRaw(client, '2/chat-service,["echo",1]');
    await client.disconnected();
    const other = await connectSocketIO(url, 'alice');
    expect(await other.client.call('echo', 2)).toEqual([null, 2]);
  });
});
