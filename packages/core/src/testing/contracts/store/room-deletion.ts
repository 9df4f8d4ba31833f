/**
 * Contract: room deletion (marking, wiping, races) and room names and handles.
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
export function describeRoomDeletion(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'rooms'))('rooms', () => {
    const { open } = useHandles(setup);

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
      expect(await store.roomHistoryInfo(room)).toEqual({ historySize: 0, historyMaxSize: 7, lastMessageId: 0, epoch: expect.any(String) as unknown });
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
      expect(await store.roomHistoryInfo(room)).toEqual({ historySize: 0, historyMaxSize: 5, lastMessageId: 0, epoch: expect.any(String) as unknown });
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
