/**
 * Checklist: api (1-16), apiPermissions (1-13), validation (1-5).
 */
import { describe, expect, it } from 'vitest';
import { ChatServiceError } from '../../../errors.js';
import type { ExecInfo } from '../../../exec-info.js';
import type { BehaviourHarness } from './harness.js';
import { useHarness, waitUntil } from './harness.js';

const room = 'room1';

async function rejection(promise: Promise<unknown>): Promise<ChatServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(ChatServiceError.is(error)).toBe(true);
    return error as ChatServiceError;
  }
  throw new Error('expected a rejection');
}

export function apiBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('api', () => {
    it("disconnectUserSockets disconnects every socket of the user", async () => {
      const s = await t.start();
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      const other = await t.login(s, 'user2');
      await s.service.disconnectUserSockets('user1');
      await a.disconnected();
      await b.disconnected();
      expect(await other.call('directGetWhitelistMode')).toEqual([null, false]);
    });

    it('addUser sets the initial state; existing and invalid names fail', async () => {
      const s = await t.start();
      await s.service.addUser('user1', { whitelistOnly: true, blacklist: ['user3'] });
      const c = await t.login(s, 'user1');
      expect(await c.call('directGetWhitelistMode')).toEqual([null, true]);
      expect(await s.service.userHasInList('user1', 'blacklist', 'user3')).toBe(true);
      expect((await rejection(s.service.addUser('user1'))).code).toBe('userExists');
      expect((await rejection(s.service.addUser('user:1'))).code).toBe('invalidName');
    });

    it('deleteUser removes an offline user and refuses an online one', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      expect((await rejection(s.service.deleteUser('user1'))).code).toBe('userOnline');
      await c.close();
      await waitUntil(async () => {
        const [sockets] = (await s.service.execUserCommand('user1', 'listOwnSockets')) as [Record<string, unknown>];
        return Object.keys(sockets).length === 0;
      });
      expect(await s.service.hasUser('user1')).toBe(true);
      await s.service.deleteUser('user1');
      expect(await s.service.hasUser('user1')).toBe(false);
      expect((await rejection(s.service.deleteUser('user1'))).code).toBe('noUser');
    });

    it('deleteRoom removes a room; hasRoom follows', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      expect(await s.service.hasRoom(room)).toBe(true);
      expect(await s.service.deleteRoom(room)).toBeFalsy();
      expect(await s.service.hasRoom(room)).toBe(false);
      expect((await rejection(s.service.deleteRoom(room))).code).toBe('noRoom');
      expect((await rejection(s.service.addRoom('room:1'))).code).toBe('invalidName');
      await s.service.addRoom(room);
      expect((await rejection(s.service.addRoom(room))).code).toBe('roomExists');
    });

    it('deleteRoom purges a room left half-deleted by a dead instance', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'user1' });
      await s.service.store.markRoomDeleting(room);
      expect(await s.service.hasRoom(room)).toBe(false);
      expect((await rejection(s.service.addRoom(room))).code).toBe('roomExists');
      expect((await rejection(s.service.deleteRoom(room))).code).toBe('noRoom');
      await s.service.addRoom(room);
      expect(await s.service.hasRoom(room)).toBe(true);
      expect(await s.service.execUserCommand(true, 'roomGetOwner', room)).toEqual([null]);
    });

    it('execUserCommand validates the user, the command and the socket', async () => {
      const s = await t.start();
      await t.login(s, 'user1');
      await s.service.addRoom(room);
      expect((await rejection(s.service.execUserCommand('user1', 'nocmd'))).code).toBe('noCommand');
      expect((await rejection(s.service.execUserCommand('user1', 'roomJoin', room))).code).toBe('noSocket');
      expect((await rejection(s.service.execUserCommand('nouser', 'listOwnSockets'))).code).toBe('noUser');
    });

    it('changeRoomOwner, changeRoomHistoryMaxSize and list queries', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'user1', adminlist: ['user1'] });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await s.service.changeRoomOwner(room, 'user2')).toBeFalsy();
      expect(await c.call('roomGetOwner', room)).toEqual([null, 'user2']);
      await s.service.changeRoomHistoryMaxSize(room, 100);
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ historyMaxSize: 100 });
      expect(await s.service.roomHasInList(room, 'adminlist', 'user1')).toBe(true);
      expect(await s.service.roomHasInList(room, 'adminlist', 'user2')).toBe(false);
      expect((await rejection(s.service.roomHasInList(room, 'nolist', 'x'))).code).toBe('noList');
      expect((await rejection(s.service.changeRoomOwner('nope', 'x'))).code).toBe('noRoom');
    });

    it('userHasInList reads direct lists', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      await c.call('directAddToList', 'blacklist', ['user2']);
      expect(await s.service.userHasInList('user1', 'blacklist', 'user2')).toBe(true);
      expect(await s.service.userHasInList('user1', 'blacklist', 'user3')).toBe(false);
      expect((await rejection(s.service.userHasInList('user1', 'nolist', 'x'))).code).toBe('noList');
      expect((await rejection(s.service.userHasInList('nouser', 'blacklist', 'x'))).code).toBe('noUser');
    });

    it('execUserCommand with a socket id acts for that socket', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      const ctx = { userName: 'user1', id: c.id };
      expect(await s.service.execUserCommand(ctx, 'roomJoin', room)).toEqual([1]);
      expect(await c.next('roomJoinedEcho')).toEqual([room, c.id, 1]);
      await s.service.execUserCommand('user1', 'roomMessage', room, { textMessage: 'api' });
      expect((await c.next('roomMessage'))[1]).toMatchObject({ textMessage: 'api', author: 'user1' });
      expect(await s.service.execUserCommand(ctx, 'roomLeave', room)).toEqual([0]);
      expect(await c.next('roomLeftEcho')).toEqual([room, c.id, 0]);
    });

    it('changeAccessListsUpdates and changeUserlistUpdates switch notifications', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'user1' });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await s.service.changeAccessListsUpdates(room, true);
      await s.service.execUserCommand('user1', 'roomAddToList', room, 'whitelist', ['user2']);
      expect(await c.next('roomAccessListAdded')).toEqual([room, 'whitelist', ['user2']]);
      await s.service.changeUserlistUpdates(room, true);
      const c2 = await t.login(s, 'user2');
      await c2.call('roomJoin', room);
      expect(await c.next('roomUserJoined')).toEqual([room, 'user2']);
    });

    it('execUserCommand supports a trailing callback', async () => {
      const s = await t.start();
      await s.service.addUser('user1', { whitelistOnly: true });
      const result = await new Promise<unknown[]>((resolve) => {
        void s.service.execUserCommand('user1', 'directGetWhitelistMode', (...args: unknown[]) => resolve(args)).catch(() => undefined);
      });
      expect(result).toEqual([null, true]);
    });
  });

  describe('apiPermissions', () => {
    it('server calls read and change direct state', async () => {
      const s = await t.start();
      await s.service.addUser('user1', { whitelistOnly: true });
      expect(await s.service.execUserCommand('user1', 'directGetWhitelistMode')).toEqual([true]);
      const [added] = (await s.service.execUserCommand('user1', 'directAddToList', 'whitelist', ['user2'])) as unknown[];
      expect(added).toBeFalsy();
      expect(await s.service.execUserCommand('user1', 'directGetAccessList', 'whitelist')).toEqual([['user2']]);
    });

    it('bypass calls read and change any room', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { whitelistOnly: true });
      expect(await s.service.execUserCommand(true, 'roomGetWhitelistMode', room)).toEqual([true]);
      await s.service.execUserCommand(true, 'roomAddToList', room, 'whitelist', ['user2']);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'whitelist')).toEqual([['user2']]);
      expect((await rejection(s.service.execUserCommand(null, 'roomGetAccessList', room, 'whitelist'))).code).toBe('notJoined');
      expect((await rejection(s.service.execUserCommand(true, 'roomAddToList', room, 'userlist', ['x']))).code).toBe('notAllowed');
    });

    it("a server systemMessage reaches every socket of the user", async () => {
      const s = await t.start();
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      await s.service.execUserCommand('user1', 'systemMessage', 'data');
      expect(await a.next('systemMessage')).toEqual(['data']);
      expect(await b.next('systemMessage')).toEqual(['data']);
    });

    it('bypassHooks skips the hooks', async () => {
      let ran = 0;
      const count = async (_i: ExecInfo): Promise<void> => {
        ran++;
      };
      const s = await t.start({}, { roomAddToListBefore: count, roomAddToListAfter: count });
      await s.service.addRoom(room, { owner: 'user1' });
      await s.service.addUser('user1');
      const [result] = (await s.service.execUserCommand({ userName: 'user1', bypassHooks: true }, 'roomAddToList', room, 'whitelist', ['user2'])) as unknown[];
      expect(result).toBeFalsy();
      expect(ran).toBe(0);
      await s.service.execUserCommand('user1', 'roomAddToList', room, 'whitelist', ['user3']);
      expect(ran).toBe(2);
    });

    it('bypassPermissions lifts direct and room permissions', async () => {
      const s = await t.start({ enableDirectMessages: true });
      await s.service.addRoom(room, { whitelistOnly: true });
      await s.service.addUser('user2', { whitelistOnly: true });
      await s.service.addUser('user1');
      const c2 = await t.login(s, 'user2');
      await s.service.execUserCommand({ userName: 'user1', bypassPermissions: true }, 'directMessage', 'user2', { textMessage: 'x' });
      expect((await c2.next('directMessage'))[0]).toMatchObject({ author: 'user1' });
      await s.service.addUser('user3');
      const joined = await t.login(s, 'user3');
      await s.service.execUserCommand(true, 'roomAddToList', room, 'whitelist', ['user3']);
      await joined.call('roomJoin', room);
      await s.service.execUserCommand({ userName: 'user2', bypassPermissions: true }, 'roomMessage', room, { textMessage: 'y' });
      const [, m] = await joined.next('roomMessage');
      expect(m).toMatchObject({ author: 'user2', textMessage: 'y', id: 1, timestamp: expect.any(Number) });
      await s.service.execUserCommand(true, 'roomMessage', room, { textMessage: 'anon' });
      const [, anon] = await joined.next('roomMessage');
      expect(anon).toMatchObject({ textMessage: 'anon', id: 2, timestamp: expect.any(Number) });
      expect(anon).not.toHaveProperty('author');
    });

    it('a missing user fails; access predicates', async () => {
      const s = await t.start();
      expect((await rejection(s.service.execUserCommand('user1', 'listOwnSockets'))).code).toBe('noUser');
      await s.service.addUser('user1');
      await s.service.execUserCommand('user1', 'directAddToList', 'blacklist', ['user3']);
      expect(await s.service.hasDirectAccess('user1', 'user2')).toBe(true);
      expect(await s.service.hasDirectAccess('user1', 'user3')).toBe(false);
      expect(await s.service.hasDirectAccess('user1', 'user1')).toBe(false);
      expect(await s.service.hasDirectAccess('nobody', 'user2')).toBe(false);
      await s.service.addRoom(room, { blacklist: ['user3'] });
      expect(await s.service.hasRoomAccess(room, 'user2')).toBe(true);
      expect(await s.service.hasRoomAccess(room, 'user3')).toBe(false);
      expect(await s.service.hasRoomAccess('nope', 'user2')).toBe(false);
    });
  });

  describe('validation', () => {
    it('useRawErrorObjects sends error objects', async () => {
      const s = await t.start({ useRawErrorObjects: true });
      const c = await t.login(s, 'user1');
      const [error, data] = await c.call('roomGetAccessList', room, 'nolist');
      expect(error).toEqual({ name: 'ChatServiceError', code: 'noRoom', args: [room] });
      expect(data).toBeNull();
    });

    it('wrong arity and types are refused with 0-based positions, state unchanged', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', null, false)).toEqual(['ChatServiceError: Bad argument at position 0, value null', null]);
      expect(await c.call('roomCreate')).toEqual(['ChatServiceError: Expected 2 arguments, got 0', null]);
      expect(await c.call('roomCreate', 'r', 'yes')).toEqual(['ChatServiceError: Bad argument at position 1, value "yes"', null]);
      expect(await c.call('directAddToList', 'blacklist', ['a', 2])).toEqual(['ChatServiceError: Bad argument at position 1, value ["a",2]', null]);
      expect(await c.call('roomHistoryGet', 'r', -1, 10)).toEqual(['ChatServiceError: Bad argument at position 1, value -1', null]);
      expect(await c.call('roomHistoryGet', 'r', 0, 0)).toEqual(['ChatServiceError: Bad argument at position 2, value 0', null]);
      expect(await c.call('roomMessage', 'r', { textMessage: 'x', author: 'me' })).toEqual([
        'ChatServiceError: Bad argument at position 1, value {"textMessage":"x","author":"me"}',
        null,
      ]);
      expect(await s.service.hasRoom('r')).toBe(false);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
    });

    it('checkArguments validates without running', async () => {
      const s = await t.start();
      await expect(s.service.checkArguments('roomGetAccessList', room, 'userlist')).resolves.toBeUndefined();
      expect((await rejection(s.service.checkArguments('cmd'))).code).toBe('noCommand');
      expect((await rejection(s.service.validator.checkArguments('roomGetAccessList', room))).code).toBe('wrongArgumentsCount');
      expect((await rejection(s.service.checkArguments('roomGetAccessList', room, 'userlist', 'extra'))).code).toBe('wrongArgumentsCount');
    });

    it('maxMessageSize refuses larger room and direct messages, nothing stored', async () => {
      const s = await t.start({ maxMessageSize: 1000, enableDirectMessages: true });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await t.login(s, 'user2');
      await c.call('roomJoin', room);
      const [error, data] = await c.call('roomMessage', room, { textMessage: 'x'.repeat(2000) });
      expect(String(error)).toMatch(/^ChatServiceError: Message of \d+ bytes exceeds the limit of 1000 bytes$/);
      expect(data).toBeNull();
      expect((await c.call('directMessage', 'user2', { textMessage: 'y'.repeat(2000) }))[0]).toMatch(/exceeds the limit/);
      expect(await c.call('roomMessage', room, { textMessage: 'small' })).toEqual([null, 1]);
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ lastMessageId: 1, historySize: 1 });
    });

    it('rateLimit bounds commands per socket and recovers after the interval', async () => {
      const s = await t.start({ rateLimit: { commands: 5, intervalMs: 500 } });
      const c = await t.login(s, 'user1');
      const other = await t.login(s, 'user1');
      const replies = await Promise.all(Array.from({ length: 8 }, () => c.call('directGetWhitelistMode')));
      const limited = replies.filter(([e]) => e !== null);
      expect(replies.filter(([e]) => e === null)).toHaveLength(5);
      expect(limited).toHaveLength(3);
      expect(String(limited[0]?.[0])).toMatch(/^ChatServiceError: Too many commands, retry in \d+ ms$/);
      expect(await other.call('directGetWhitelistMode')).toEqual([null, false]);
      await new Promise((r) => setTimeout(r, 300));
      expect(await c.call('directGetWhitelistMode')).toEqual([null, false]);
    });

    it('unknown commands from clients get no answer and no crash', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      c.emit('noSuchCommand', 1, 2);
      c.emit('__proto__');
      expect(await c.call('directGetWhitelistMode')).toEqual([null, false]);
    });
  });
}
