/**
 * Contract: room lifecycle (add, mark as deleting, delete), `roomAccess`,
 * owner, mode and notification switches.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, roomInit, useHandles } from './context.js';
import type { Store } from '../../../ports.js';

/** A room's whitelist mode, as `roomAccess` reports it (undefined for a missing room). */
async function whitelistOnly(store: Pick<Store, 'roomAccess'>, room: string): Promise<boolean | undefined> {
  return (await store.roomAccess(room, 'someone'))?.whitelistOnly;
}

/**
 * Registers the room lifecycle and room state tests.
 *
 * @param setup - the adapter's setup
 */
export function describeRooms(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'rooms'))('rooms', () => {
    const { open } = useHandles(setup);

    it('addRoom creates a room once; a second addRoom returns false and changes nothing', async () => {
      const store = await open();
      const room = randomName('room');
      expect(await store.hasRoom(room)).toBe(false);
      expect(await store.addRoom(room, roomInit({ owner: 'o', whitelist: ['w'] }))).toBe(true);
      expect(await store.hasRoom(room)).toBe(true);
      expect(await store.addRoom(room, roomInit({ owner: 'x', whitelistOnly: true, whitelist: ['y'], historyMaxSize: 1 }))).toBe(false);
      expect(await store.roomOwnerGet(room)).toBe('o');
      expect(await whitelistOnly(store, room)).toBe(false);
      expect(await store.roomListGet(room, 'whitelist')).toEqual(['w']);
      expect((await store.roomHistoryInfo(room)).historyMaxSize).toBe(10);
    });

    it('addRoom stores every init field', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(
        room,
        roomInit({
          owner: 'owner',
          whitelistOnly: true,
          adminlist: ['a1', 'a2'],
          whitelist: ['w1'],
          blacklist: ['b1', 'b2', 'b3'],
          historyMaxSize: 123,
          enableAccessListsUpdates: true,
          enableUserlistUpdates: false,
        }),
      );
      expect(await store.roomOwnerGet(room)).toBe('owner');
      expect(await whitelistOnly(store, room)).toBe(true);
      expect([...(await store.roomListGet(room, 'adminlist'))].sort()).toEqual(['a1', 'a2']);
      expect(await store.roomListGet(room, 'whitelist')).toEqual(['w1']);
      expect([...(await store.roomListGet(room, 'blacklist'))].sort()).toEqual(['b1', 'b2', 'b3']);
      expect(await store.roomListGet(room, 'userlist')).toEqual([]);
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: true, enableUserlistUpdates: false });
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 0,
        historyMaxSize: 123,
        lastMessageId: 0,
        epoch: expect.any(String) as unknown,
      });
    });

    it('roomOwnerGet is null when the room has no owner; roomOwnerSet sets it', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      expect(await store.roomOwnerGet(room)).toBeNull();
      await store.roomOwnerSet(room, 'alice');
      expect(await store.roomOwnerGet(room)).toBe('alice');
      await store.roomOwnerSet(room, 'bob');
      expect(await store.roomOwnerGet(room)).toBe('bob');
      expect((await store.roomAccess(room, 'bob'))?.owner).toBe('bob');
    });

    it('roomModeSet switches the whitelist-only mode both ways', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      await store.roomModeSet(room, true);
      expect(await whitelistOnly(store, room)).toBe(true);
      expect((await store.roomAccess(room, 'u'))?.whitelistOnly).toBe(true);
      await store.roomModeSet(room, false);
      expect(await whitelistOnly(store, room)).toBe(false);
    });

    it('roomNotificationsSet applies a partial patch; a missing room reads both false', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ enableAccessListsUpdates: false, enableUserlistUpdates: true }));
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: false, enableUserlistUpdates: true });
      await store.roomNotificationsSet(room, { enableAccessListsUpdates: true });
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: true, enableUserlistUpdates: true });
      await store.roomNotificationsSet(room, { enableUserlistUpdates: false });
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: true, enableUserlistUpdates: false });
      await store.roomNotificationsSet(room, {});
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: true, enableUserlistUpdates: false });
      await store.roomNotificationsSet(room, { enableAccessListsUpdates: false, enableUserlistUpdates: true });
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: false, enableUserlistUpdates: true });
      expect(await store.roomNotificationsGet(randomName('missing'))).toEqual({
        enableAccessListsUpdates: false,
        enableUserlistUpdates: false,
      });
    });

    it('roomAccess reads one user standing; isAdmin is adminlist membership only', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(
        room,
        roomInit({ owner: 'owner', whitelistOnly: true, adminlist: ['admin'], whitelist: ['friend', 'admin'], blacklist: ['foe'] }),
      );
      const base = { owner: 'owner', isAdmin: false, inBlacklist: false, inWhitelist: false, inUserlist: false, whitelistOnly: true };
      expect(await store.roomAccess(room, 'owner')).toEqual(base);
      expect(await store.roomAccess(room, 'admin')).toEqual({ ...base, isAdmin: true, inWhitelist: true });
      expect(await store.roomAccess(room, 'friend')).toEqual({ ...base, inWhitelist: true });
      expect(await store.roomAccess(room, 'foe')).toEqual({ ...base, inBlacklist: true });
      expect(await store.roomAccess(room, 'nobody')).toEqual(base);
      await store.roomUserlistAdd(room, 'friend', 1000);
      expect(await store.roomAccess(room, 'friend')).toEqual({ ...base, inWhitelist: true, inUserlist: true });
      await store.roomListAdd(room, 'adminlist', ['owner'], 100);
      expect(await store.roomAccess(room, 'owner')).toEqual({ ...base, isAdmin: true });
      await store.roomModeSet(room, false);
      expect(await store.roomAccess(room, 'nobody')).toEqual({ ...base, whitelistOnly: false });
    });

    it('roomAccess is null for a missing room', async () => {
      const store = await open();
      expect(await store.roomAccess(randomName('missing'), 'u')).toBeNull();
    });
  });
}
