/**
 * The typed clients against a real service: the same cases over socket.io
 * and over ws (JSON-RPC), one service serving both on one port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChatServiceClientError } from '../src/index.js';
import type { ChatClient, RoomMessage } from '../src/index.js';
import { cleanup, startService } from './helpers/service.js';
import type { ClientKind } from './helpers/service.js';

afterEach(cleanup);

function nextEvent<T extends unknown[]>(subscribe: (listener: (...args: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((...args) => {
      off();
      resolve(args);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<ChatServiceClientError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof ChatServiceClientError)) throw error;
  return error;
}

describe.each<ClientKind>(['socket.io', 'ws'])('%s client', (kind) => {
  it('logs in and reports the user name and authData', async () => {
    const { connect } = await startService();
    const alice = connect(kind, 'alice');
    const login = await alice.login();
    expect(login.userName).toBe('alice');
    expect(typeof login.authData.id).toBe('string');
    expect(alice.user).toEqual(login);
    expect(await alice.login()).toEqual(login);
  });

  it('joins, posts and reads history with typed results', async () => {
    const { service, connect } = await startService();
    await service.addRoom('lobby', {});
    const alice = connect(kind, 'alice');
    expect(await alice.roomJoin('lobby')).toBe(1);
    const seen = nextEvent<[string, RoomMessage]>((l) => alice.on('roomMessage', l));
    const id = await alice.roomMessage('lobby', { textMessage: 'hello' });
    expect(id).toBe(1);
    const [room, message] = await seen;
    expect(room).toBe('lobby');
    expect(message).toMatchObject({ textMessage: 'hello', author: 'alice', id: 1 });
    expect(typeof message.timestamp).toBe('number');
    await alice.roomMessage('lobby', { textMessage: 'again' });
    const recent = await alice.roomRecentHistory('lobby');
    expect(recent.map((m) => m.textMessage)).toEqual(['again', 'hello']);
    expect(recent[1]).toEqual(message);
    expect((await alice.roomHistoryGet('lobby', 0, 1)).map((m) => m.id)).toEqual([1]);
    expect(await alice.roomHistoryInfo('lobby')).toMatchObject({ historySize: 2, lastMessageId: 2, historyMaxGetMessages: 100 });
    expect(await alice.command('roomGetAccessList', 'lobby', 'userlist')).toEqual(['alice']);
    const sockets = await alice.listOwnSockets();
    expect(Object.values(sockets)).toEqual([['lobby']]);
    expect(await alice.roomLeave('lobby')).toBe(0);
  });

  it('sends commands issued before loginConfirmed once it arrives', async () => {
    const { service, connect } = await startService();
    await service.addRoom('lobby', {});
    const alice = connect(kind, 'alice');
    // Both go out at once after the login (they run concurrently on the server).
    expect(await Promise.all([alice.roomJoin('lobby'), alice.directGetWhitelistMode()])).toEqual([1, false]);
    expect(alice.user?.userName).toBe('alice');
  });

  it('delivers notifications to on() listeners until they are removed', async () => {
    const { service, connect } = await startService({ enableUserlistUpdates: true, enableDirectMessages: true });
    await service.addRoom('lobby', {});
    const alice = connect(kind, 'alice');
    const bob = connect(kind, 'bob');
    await alice.roomJoin('lobby');
    const joined = nextEvent<[string, string]>((l) => alice.on('roomUserJoined', l));
    await bob.roomJoin('lobby');
    expect(await joined).toEqual(['lobby', 'bob']);

    const direct = nextEvent((l) => bob.on('directMessage', l));
    const sent = await alice.directMessage('bob', { textMessage: 'psst' });
    expect(sent).toMatchObject({ textMessage: 'psst', author: 'alice' });
    expect(await direct).toEqual([sent]);

    const calls: string[] = [];
    const listener = (_room: string, message: RoomMessage): void => {
      calls.push(String(message.textMessage));
    };
    bob.on('roomMessage', listener);
    const first = nextEvent((l) => bob.on('roomMessage', l));
    await alice.roomMessage('lobby', { textMessage: 'one' });
    await first;
    bob.off('roomMessage', listener);
    const second = nextEvent((l) => bob.on('roomMessage', l));
    await alice.roomMessage('lobby', { textMessage: 'two' });
    await second;
    expect(calls).toEqual(['one']);
  });

  it('rejects with the service error code and args (text errors)', async () => {
    const { connect } = await startService();
    const alice = connect(kind, 'alice');
    const noRoom = await rejection(alice.roomJoin('nowhere'));
    expect(noRoom).toMatchObject({ code: 'noRoom', args: ['nowhere'], message: 'No such room nowhere' });
    const text = 'ChatServiceError: No such room nowhere';
    expect(noRoom.raw).toEqual(kind === 'ws' ? expect.objectContaining({ message: text }) : text);
    // @ts-expect-error a number is not a room name; the server says so too
    const bad = await rejection(alice.roomJoin(5));
    expect(bad).toMatchObject({ code: 'badArgument', args: [0, 5] });
    expect(await rejection(alice.directAddToList('whitelist', ['alice']))).toMatchObject({ code: 'notAllowed', args: [] });
  });

  it('rejects with exact args from raw error objects (useRawErrorObjects)', async () => {
    const { connect } = await startService({ useRawErrorObjects: true });
    const alice = connect(kind, 'alice');
    const noRoom = await rejection(alice.roomJoin('nowhere'));
    expect(noRoom).toMatchObject({ code: 'noRoom', args: ['nowhere'], message: 'No such room nowhere' });
    expect(noRoom.raw).toMatchObject(
      kind === 'ws' ? { data: { name: 'ChatServiceError', code: 'noRoom' } } : { name: 'ChatServiceError', code: 'noRoom' },
    );
    // @ts-expect-error roomJoin takes one argument
    const count = await rejection(alice.command('roomJoin'));
    expect(count).toMatchObject({ code: 'wrongArgumentsCount', args: [1, 0] });
  });

  it('rejects login() and commands when the login is rejected', async () => {
    const { connect } = await startService({ useRawErrorObjects: true });
    const anonymous = connect(kind, undefined);
    expect(await rejection(anonymous.login())).toMatchObject({ code: 'noLogin', args: [] });
    expect(await rejection(anonymous.roomJoin('lobby'))).toMatchObject({ code: 'noLogin' });
    expect(anonymous.user).toBeUndefined();
  });

  it("gives hooks' extra results through commandWithExtras", async () => {
    const { connect } = await startService({}, { systemMessageAfter: () => Promise.resolve([null, 'extra', 42]) });
    const alice = connect(kind, 'alice');
    expect(await alice.commandWithExtras('systemMessage', { any: 'data' })).toEqual([null, 'extra', 42]);
    expect(await alice.systemMessage('x')).toBeNull();
  });

  it('times out a command after timeoutMs', async () => {
    const slow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 400));
    const { connect } = await startService({}, { systemMessageBefore: slow });
    const alice = connect(kind, 'alice', { timeoutMs: 100 });
    await alice.login();
    const error = await rejection(alice.systemMessage('x'));
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(/no reply within 100 ms/);
  });

  it('rejects commands after close()', async () => {
    const { connect } = await startService();
    const alice = connect(kind, 'alice');
    await alice.login();
    await alice.close();
    const error = await rejection(alice.listOwnSockets());
    expect(error.code).toBeUndefined();
  });
});

describe('socket.io and ws clients together', () => {
  it('share a room', async () => {
    const { service, connect } = await startService();
    await service.addRoom('lobby', {});
    const web: ChatClient = connect('socket.io', 'web');
    const device: ChatClient = connect('ws', 'device');
    await Promise.all([web.roomJoin('lobby'), device.roomJoin('lobby')]);
    const atWeb = nextEvent<[string, RoomMessage]>((l) => web.on('roomMessage', l));
    await device.roomMessage('lobby', { textMessage: 't=21.5' });
    expect((await atWeb)[1]).toMatchObject({ textMessage: 't=21.5', author: 'device', id: 1 });
  });
});
