/**
 * Contract: room lifecycle (add, mark as deleting, delete), `roomAccess`,
 * owner, mode and notification switches.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, roomInit, TRICKY_NAMES, useHandles } from './context.js';
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
      expect(await store.roomHistoryInfo(room)).toEqual({ historySize: 0, historyMaxSize: 123, lastMessageId: 0, epoch: expect.any(String) });
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

    it('a room marked as deleting reads as missing and cannot be added again until deleted', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ owner: 'o' }));
      await store.markRoomDeleting(room);
      expect(await store.hasRoom(room)).toBe(false);
      expect(await store.roomAccess(room, 'o')).toBeNull();
      expect(await store.addRoom(room, roomInit())).toBe(false);
      await store.deleteRoom(room);
      expect(await store.hasRoom(room)).toBe(false);
      expect(await store.addRoom(room, roomInit())).toBe(true);
      expect(await store.hasRoom(room)).toBe(true);
      expect(await store.roomOwnerGet(room)).toBeNull();
    });

    it('a room marked as deleting keeps its userlist until deleted, so the core can empty it', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      await store.roomUserlistAdd(room, 'u1', 1000);
      await store.roomUserlistAdd(room, 'u2', 1000);
      await store.markRoomDeleting(room);
      expect([...(await store.roomListGet(room, 'userlist'))].sort()).toEqual(['u1', 'u2']);
      await store.roomUserlistRemove(room, 'u1', 2000);
      expect(await store.roomListGet(room, 'userlist')).toEqual(['u2']);
      await store.deleteRoom(room);
      expect(await store.roomListGet(room, 'userlist')).toEqual([]);
    });

    it('deleteRoom wipes every piece of room data; a re-added room starts fresh', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(
        room,
        roomInit({
          owner: 'o',
          whitelistOnly: true,
          adminlist: ['a'],
          whitelist: ['w'],
          blacklist: ['b'],
          historyMaxSize: 5,
          enableAccessListsUpdates: true,
          enableUserlistUpdates: true,
        }),
      );
      await store.roomUserlistAdd(room, 'u', 1000);
      await store.roomUserlistAdd(room, 'gone', 1000);
      await store.roomUserlistRemove(room, 'gone', 2000);
      for (let i = 0; i < 3; i++) await store.roomHistoryAppend(room, { textMessage: `m${String(i)}`, author: 'u', timestamp: 1000 + i });
      await store.deleteRoom(room);
      expect(await store.hasRoom(room)).toBe(false);
      expect(await store.roomAccess(room, 'u')).toBeNull();

      expect(await store.addRoom(room, roomInit({ historyMaxSize: 7 }))).toBe(true);
      expect(await store.roomOwnerGet(room)).toBeNull();
      expect(await whitelistOnly(store, room)).toBe(false);
      for (const list of ['adminlist', 'whitelist', 'blacklist', 'userlist'] as const)
        expect(await store.roomListGet(room, list)).toEqual([]);
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: false, enableUserlistUpdates: false });
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: null });
      expect(await store.roomUserSeen(room, 'gone')).toEqual({ joined: false, timestamp: null });
      expect(await store.roomHistoryInfo(room)).toEqual({ historySize: 0, historyMaxSize: 7, lastMessageId: 0, epoch: expect.any(String) });
      expect(await store.roomHistoryRecent(room, 10)).toEqual([]);
      expect(await store.roomHistoryGet(room, 0, 10)).toEqual([]);
      expect(await store.roomHistoryAppend(room, { textMessage: 'again', timestamp: 5000 })).toEqual({ kind: 'appended', id: 1 });
    });

    it('deleteRoom of a missing room resolves', async () => {
      const store = await open();
      await expect(store.deleteRoom(randomName('missing'))).resolves.toBeUndefined();
    });

    it('writes racing with a deletion neither create the room nor leak into a later room of that name', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      await store.deleteRoom(room);
      await store.roomListAdd(room, 'blacklist', ['b'], 100);
      await store.roomOwnerSet(room, 'o');
      await store.roomModeSet(room, true);
      await store.roomNotificationsSet(room, { enableUserlistUpdates: true });
      await store.roomUserlistAdd(room, 'u', 1000);
      await store.roomHistoryAppend(room, { textMessage: 'late', timestamp: 1000 });
      await store.roomHistoryMaxSizeSet(room, 3);
      expect(await store.hasRoom(room)).toBe(false);
      expect(await store.roomAccess(room, 'u')).toBeNull();

      expect(await store.addRoom(room, roomInit({ historyMaxSize: 5 }))).toBe(true);
      expect(await store.roomAccess(room, 'u')).toEqual({
        owner: null,
        isAdmin: false,
        inBlacklist: false,
        inWhitelist: false,
        inUserlist: false,
        whitelistOnly: false,
      });
      expect(await store.roomListGet(room, 'blacklist')).toEqual([]);
      expect(await store.roomNotificationsGet(room)).toEqual({ enableAccessListsUpdates: false, enableUserlistUpdates: false });
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: null });
      expect(await store.roomHistoryInfo(room)).toEqual({ historySize: 0, historyMaxSize: 5, lastMessageId: 0, epoch: expect.any(String) });
    });

    it('rooms are independent', async () => {
      const store = await open();
      const [r1, r2] = [randomName('room'), randomName('room')];
      await store.addRoom(r1, roomInit());
      await store.addRoom(r2, roomInit());
      await store.roomOwnerSet(r1, 'o');
      await store.roomModeSet(r1, true);
      await store.roomNotificationsSet(r1, { enableUserlistUpdates: true });
      await store.roomHistoryAppend(r1, { textMessage: 'x', timestamp: 1 });
      expect(await store.roomOwnerGet(r2)).toBeNull();
      expect(await whitelistOnly(store, r2)).toBe(false);
      expect(await store.roomNotificationsGet(r2)).toEqual({ enableAccessListsUpdates: false, enableUserlistUpdates: false });
      expect(await store.roomHistoryAppend(r2, { textMessage: 'y', timestamp: 2 })).toEqual({ kind: 'appended', id: 1 });
      await store.deleteRoom(r1);
      expect(await store.hasRoom(r2)).toBe(true);
    });

    it('two handles share rooms', async () => {
      const [a, b] = [await open(), await open()];
      const room = randomName('room');
      expect(await a.addRoom(room, roomInit())).toBe(true);
      expect(await b.hasRoom(room)).toBe(true);
      expect(await b.addRoom(room, roomInit())).toBe(false);
      await b.roomOwnerSet(room, 'o');
      expect(await a.roomOwnerGet(room)).toBe('o');
      await a.markRoomDeleting(room);
      expect(await b.hasRoom(room)).toBe(false);
    });

    it('names with spaces, unicode and glob characters are ordinary room names', async () => {
      const store = await open();
      const room = `${randomName('room')} ü ✓ *?[ab] \\ % "'`;
      expect(await store.addRoom(room, roomInit({ owner: 'o' }))).toBe(true);
      expect(await store.hasRoom(room)).toBe(true);
      expect(await store.hasRoom(`${room}*`)).toBe(false);
      expect(await store.roomOwnerGet(room)).toBe('o');
      await store.deleteRoom(room);
      expect(await store.hasRoom(room)).toBe(false);
    });

    it('__proto__, constructor and other Object.prototype names are ordinary room names', async () => {
      const store = await open();
      // Fixed names: start clean in case a previous run stopped half-way.
      for (const name of TRICKY_NAMES) await store.deleteRoom(name);
      try {
        for (const name of TRICKY_NAMES) expect(await store.hasRoom(name)).toBe(false);
        for (const name of TRICKY_NAMES) expect(await store.roomAccess(name, 'u')).toBeNull();
        expect(await store.addRoom('__proto__', roomInit({ owner: 'constructor', adminlist: ['toString'] }))).toBe(true);
        expect(await store.addRoom('__proto__', roomInit())).toBe(false);
        expect(await store.addRoom('constructor', roomInit({ whitelistOnly: true }))).toBe(true);
        expect(await store.hasRoom('__proto__')).toBe(true);
        expect(await store.hasRoom('constructor')).toBe(true);
        expect(await store.hasRoom('toString')).toBe(false);
        expect(await store.roomAccess('__proto__', 'toString')).toEqual({
          owner: 'constructor',
          isAdmin: true,
          inBlacklist: false,
          inWhitelist: false,
          inUserlist: false,
          whitelistOnly: false,
        });
        expect(await store.roomAccess('__proto__', 'hasOwnProperty')).toMatchObject({ isAdmin: false });
        expect(await whitelistOnly(store, 'constructor')).toBe(true);
        expect(await whitelistOnly(store, '__proto__')).toBe(false);
        expect(await store.roomHistoryAppend('__proto__', { textMessage: 'hi', timestamp: 1 })).toEqual({ kind: 'appended', id: 1 });
        expect(await store.roomHistoryAppend('constructor', { textMessage: 'hi', timestamp: 1 })).toEqual({ kind: 'appended', id: 1 });
        await store.markRoomDeleting('constructor');
        expect(await store.hasRoom('constructor')).toBe(false);
        expect(await store.hasRoom('__proto__')).toBe(true);
        await store.deleteRoom('__proto__');
        expect(await store.hasRoom('__proto__')).toBe(false);
      } finally {
        for (const name of TRICKY_NAMES) await store.deleteRoom(name);
      }
    });
  });
}
