/**
 * Checklist: roomPermissions (1-21).
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

const notAllowed = 'ChatServiceError: Action is not allowed';

/** Registers, over the harness, the tests of room permissions (owner, adminlist, whitelist, blacklist, whitelist-only mode). */
export function roomPermissionsBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  const room = 'room1';

  describe('roomPermissions', () => {
    it('a non-joined user cannot message or read history', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      expect(await c.call('roomMessage', room, { textMessage: 'x' })).toEqual(['ChatServiceError: Not joined to room room1', null]);
      expect(await c.call('roomRecentHistory', room)).toEqual(['ChatServiceError: Not joined to room room1', null]);
    });

    it('a whitelisted joined user reads the whitelist mode', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { whitelistOnly: true, whitelist: ['user1'] });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      expect(await c.call('roomGetWhitelistMode', room)).toEqual([null, true]);
    });

    it('list reads: joined users see the userlist; others and bad lists fail', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      const [, list] = await c1.call('roomGetAccessList', room, 'userlist');
      expect(list).toContain('user1');
      expect(await c2.call('roomGetAccessList', room, 'userlist')).toEqual(['ChatServiceError: Not joined to room room1', null]);
      expect(await c1.call('roomGetAccessList', room, 'nolist')).toEqual(['ChatServiceError: No such list nolist', null]);
    });

    it('the owner manages the adminlist; duplicates and absent names are fine', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      await c.call('roomCreate', room, false);
      expect(await c.call('roomAddToList', room, 'adminlist', ['user2'])).toEqual([null, null]);
      expect(await c.call('roomAddToList', room, 'adminlist', ['user2'])).toEqual([null, null]);
      expect(await c.call('roomRemoveFromList', room, 'adminlist', ['user3'])).toEqual([null, null]);
      expect(await c.call('roomGetAccessList', room, 'adminlist')).toEqual([null, ['user2']]);
    });

    it('access list updates notify the room', async () => {
      const s = await t.start({ enableAccessListsUpdates: true });
      await s.service.addRoom(room, { owner: 'user1' });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await c.call('roomAddToList', room, 'adminlist', ['user3']);
      expect(await c.next('roomAccessListAdded')).toEqual([room, 'adminlist', ['user3']]);
      await c.call('roomRemoveFromList', room, 'adminlist', ['user3']);
      expect(await c.next('roomAccessListRemoved')).toEqual([room, 'adminlist', ['user3']]);
      await c.call('roomSetWhitelistMode', room, false);
      expect(await c.next('roomModeChanged')).toEqual([room, false]);
    });

    it('an admin manages the whitelist', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'owner', adminlist: ['user1'] });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomAddToList', room, 'whitelist', ['user2'])).toEqual([null, null]);
      expect(await c.call('roomGetAccessList', room, 'whitelist')).toEqual([null, ['user2']]);
      expect(await c.call('roomRemoveFromList', room, 'whitelist', ['user2'])).toEqual([null, null]);
      expect(await c.call('roomGetAccessList', room, 'whitelist')).toEqual([null, []]);
    });

    it('admins cannot touch admins, the owner, or the userlist', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'owner', adminlist: ['user1', 'user3'] });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomRemoveFromList', room, 'adminlist', ['user3'])).toEqual([notAllowed, null]);
      expect(await c.call('roomAddToList', room, 'whitelist', ['owner'])).toEqual([notAllowed, null]);
      expect(await c.call('roomAddToList', room, 'userlist', ['user2'])).toEqual([notAllowed, null]);
      expect(await s.service.roomHasInList(room, 'adminlist', 'user3')).toBe(true);
    });

    it('plain users cannot change lists or the mode', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'owner' });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomAddToList', room, 'whitelist', ['user2'])).toEqual([notAllowed, null]);
      expect(await c.call('roomSetWhitelistMode', room, true)).toEqual([notAllowed, null]);
      expect(await c.call('roomGetWhitelistMode', room)).toEqual([null, false]);
    });

    it('blacklisted users cannot join; whitelist-only rooms admit the whitelist', async () => {
      const s = await t.start();
      await s.service.addRoom('black', { blacklist: ['user1'] });
      await s.service.addRoom('white', { whitelistOnly: true, whitelist: ['user2'] });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      expect(await c1.call('roomJoin', 'black')).toEqual([notAllowed, null]);
      expect(await c1.call('roomJoin', 'white')).toEqual([notAllowed, null]);
      expect(await c2.call('roomJoin', 'white')).toEqual([null, 1]);
      expect(await s.service.roomHasInList('black', 'userlist', 'user1')).toBe(false);
    });

    it('blacklisting removes joined non-admins', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room, { owner: 'owner', adminlist: ['user1', 'user3'] });
      const [c1, c2, c3] = [await t.login(s, 'user1'), await t.login(s, 'user2'), await t.login(s, 'user3')];
      for (const c of [c1, c2, c3]) await c.call('roomJoin', room);
      expect(await c1.call('roomAddToList', room, 'blacklist', ['user2', 'user3', 'nouser'])).toEqual([null, null]);
      expect(await c2.next('roomAccessRemoved')).toEqual([room]);
      expect(await c1.next('roomUserLeft')).toEqual([room, 'user2']);
      await c3.expectNone('roomAccessRemoved');
      expect(await c2.call('roomMessage', room, { textMessage: 'x' })).toEqual(['ChatServiceError: Not joined to room room1', null]);
      expect(await c2.call('listOwnSockets')).toEqual([null, { [c2.id ?? '']: [] }]);
    });

    it('whitelist mode removes joined users who are not listed', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'owner', adminlist: ['user1'] });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      expect(await c1.call('roomSetWhitelistMode', room, true)).toEqual([null, null]);
      expect(await c2.next('roomAccessRemoved')).toEqual([room]);
      await c1.expectNone('roomAccessRemoved');
      expect(await c1.call('roomGetAccessList', room, 'userlist')).toEqual([null, ['user1']]);
    });

    it('whitelist removals in whitelist-only mode remove joined non-admins', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'owner', adminlist: ['user1', 'user3'], whitelistOnly: true, whitelist: ['user2'] });
      const [c1, c2, c3] = [await t.login(s, 'user1'), await t.login(s, 'user2'), await t.login(s, 'user3')];
      for (const c of [c1, c2, c3]) expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      expect(await c1.call('roomRemoveFromList', room, 'whitelist', ['user2', 'user3', 'nouser'])).toEqual([null, null]);
      expect(await c2.next('roomAccessRemoved')).toEqual([room]);
      await c3.expectNone('roomAccessRemoved');
    });

    it('roomListSizeLimit is enforced and leaves the list unchanged', async () => {
      const s = await t.start({ roomListSizeLimit: 1 });
      await s.service.addRoom(room, { owner: 'user1' });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomAddToList', room, 'blacklist', ['user2', 'user3'])).toEqual(['ChatServiceError: Exceeded blacklist size limit', null]);
      expect(await c.call('roomGetAccessList', room, 'blacklist')).toEqual([null, []]);
    });

    it('a removed user cannot rejoin at once, and a message right after the removal does not reach them', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { owner: 'user1' });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      await c1.call('roomAddToList', room, 'blacklist', ['user2']);
      await c1.call('roomMessage', room, { textMessage: 'secret' });
      await c2.next('roomAccessRemoved');
      await c2.expectNone('roomMessage');
      expect(await c2.call('roomJoin', room)).toEqual([notAllowed, null]);
    });
  });
}
