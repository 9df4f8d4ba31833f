/**
 * Checklist: api (1-16), apiPermissions (1-13), validation (1-5).
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { rejection, useHarness, waitUntil } from './harness.js';

const room = 'room1';

/** Registers, over the harness, the tests of the server-side API (rooms, users, sockets, `execUserCommand`). */
export function apiBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('api', () => {
    it('disconnectUserSockets disconnects every socket of the user', async () => {
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
      await expect(s.service.deleteRoom(room)).resolves.toBeFalsy();
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
      await expect(s.service.changeRoomOwner(room, 'user2')).resolves.toBeFalsy();
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
        void s.service.execUserCommand('user1', 'directGetWhitelistMode', (...args: unknown[]) => { resolve(args); }).catch(() => undefined);
      });
      expect(result).toEqual([null, true]);
    });
  });
}
