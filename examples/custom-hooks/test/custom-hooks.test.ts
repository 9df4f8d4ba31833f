/** The example config module, loaded by the real `chat-service` command. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';

const CLI = fileURLToPath(new URL('../../../packages/server/dist/cli.js', import.meta.url));
const CONFIG = fileURLToPath(new URL('../chat.config.mjs', import.meta.url));
let child: ChildProcessWithoutNullStreams;
let url = '';

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, '--config', CONFIG, '--port', '0', '--transports', 'ws']);
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) if (line.includes('"chat-service listening"')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${String(code)}`)));
  });
  url = `ws://127.0.0.1:${port}/chat-service`;
});

afterAll(async () => {
  await closeAllWsClients();
  child.kill('SIGTERM');
});

describe('custom hooks example', () => {
  it('authenticates by token and refuses unknown tokens', async () => {
    const { login } = await connectWs(url, { token: 'alice-token' });
    expect(login[0]).toBe('loginConfirmed');
    expect(login[1]).toBe('alice');
    expect(login[2]).toMatchObject({ role: 'member' });
    const refused = await connectWs(url, { token: 'nope' });
    expect(refused.login).toEqual(['loginRejected', 'ChatServiceError: Action is not allowed']);
  });

  it('creates the lobby at start, welcomes joiners, checks and moderates messages', async () => {
    const { client: alice } = await connectWs(url, { token: 'alice-token' });
    const { client: bob } = await connectWs(url, { token: 'bob-token' });
    expect(await alice.call('roomJoin', 'lobby')).toEqual([null, 1]);
    expect(await alice.next('systemMessage')).toEqual([{ welcome: 'lobby' }]);
    await bob.call('roomJoin', 'lobby');
    const [error, id] = await alice.call('roomMessage', 'lobby', { text: 'hello', mood: 'happy' });
    expect(error).toBeNull();
    expect((await bob.next('roomMessage'))[1]).toMatchObject({ text: 'hello', mood: 'happy', author: 'alice', id });
    expect((await alice.call('roomMessage', 'lobby', { textMessage: 'old format' }))[0]).toBe('Error: text must be 1-500 characters');
    expect((await alice.call('roomMessage', 'lobby', { text: 'buy SPAM now' }))[0]).toBe('Error: message refused by moderation');
    expect((await alice.call('roomMessage', 'lobby', { text: 'x', extra: 1 }))[0]).toBe('Error: unknown fields: extra');
    expect(await alice.call('roomGetOwner', 'lobby')).toEqual([null, 'moderator']);
  });
});
