/**
 * Contract: room access lists, the userlist and last-seen times.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, roomInit, sorted, TRICKY_NAMES, useHandles } from './context.js';

const ACCESS_LISTS = ['adminlist', 'whitelist', 'blacklist'] as const;

/**
 * Registers the room list and userlist tests.
 *
 * @param setup - the adapter's setup
 */
export function describeRoomLists(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'room-lists'))('room lists', () => {
    const { open } = useHandles(setup);

    it.each(ACCESS_LISTS)('roomListAdd adds to the %s only; duplicates are fine', async (list) => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      expect(await store.roomListAdd(room, list, ['a', 'b', 'a'], 10)).toBe(true);
      expect(await store.roomListAdd(room, list, ['b'], 10)).toBe(true);
      expect(sorted(await store.roomListGet(room, list))).toEqual(['a', 'b']);
      expect(await store.roomListHas(room, list, 'a')).toBe(true);
      expect(await store.roomListHas(room, list, 'c')).toBe(false);
      for (const other of [...ACCESS_LISTS, 'userlist'] as const) {
        if (other === list) continue;
        expect(await store.roomListGet(room, other)).toEqual([]);
        expect(await store.roomListHas(room, other, 'a')).toBe(false);
      }
    });

    it.each(ACCESS_LISTS)('roomListAdd to the %s refuses (adding nothing) when current size + names.length > limit', async (list) => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      expect(await store.roomListAdd(room, list, ['a', 'b', 'c', 'd'], 3)).toBe(false);
      expect(await store.roomListGet(room, list)).toEqual([]);
      expect(await store.roomListAdd(room, list, ['a', 'b'], 3)).toBe(true);
      expect(await store.roomListAdd(room, list, ['c', 'd'], 3)).toBe(false);
      expect(sorted(await store.roomListGet(room, list))).toEqual(['a', 'b']);
      expect(await store.roomListAdd(room, list, ['c'], 3)).toBe(true);
      // names already present still count: 3 + 1 > 3
      expect(await store.roomListAdd(room, list, ['a'], 3)).toBe(false);
      expect(await store.roomListAdd(room, list, [], 3)).toBe(true);
      expect(sorted(await store.roomListGet(room, list))).toEqual(['a', 'b', 'c']);
    });

    it('the size counted against the limit includes the names given at addRoom', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ whitelist: ['a', 'b'] }));
      expect(await store.roomListAdd(room, 'whitelist', ['c', 'd'], 3)).toBe(false);
      expect(await store.roomListAdd(room, 'blacklist', ['c', 'd'], 3)).toBe(true);
    });

    it.each(ACCESS_LISTS)('roomListRemove removes from the %s; absent names are fine', async (list) => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ [list]: ['a', 'b', 'c'] }));
      await store.roomListRemove(room, list, ['a', 'zzz', 'c']);
      expect(await store.roomListGet(room, list)).toEqual(['b']);
      expect(await store.roomListHas(room, list, 'a')).toBe(false);
      await store.roomListRemove(room, list, []);
      expect(await store.roomListGet(room, list)).toEqual(['b']);
    });

    it('the userlist is readable as a list but changes only through roomUserlistAdd/Remove', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      expect(await store.roomListGet(room, 'userlist')).toEqual([]);
      expect(await store.roomListHas(room, 'userlist', 'u1')).toBe(false);
      await store.roomUserlistAdd(room, 'u1', 1000);
      await store.roomUserlistAdd(room, 'u2', 1000);
      await store.roomUserlistAdd(room, 'u1', 2000);
      expect(sorted(await store.roomListGet(room, 'userlist'))).toEqual(['u1', 'u2']);
      expect(await store.roomListHas(room, 'userlist', 'u1')).toBe(true);
      await store.roomUserlistRemove(room, 'u1', 3000);
      await store.roomUserlistRemove(room, 'nobody', 3000);
      expect(await store.roomListGet(room, 'userlist')).toEqual(['u2']);
      expect(await store.roomListHas(room, 'userlist', 'u1')).toBe(false);
      for (const list of ACCESS_LISTS) expect(await store.roomListGet(room, list)).toEqual([]);
    });

    it('roomUserSeen: null before the first join, the join time while joined, the leave time after', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: null });
      await store.roomUserlistAdd(room, 'u', 1000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: true, timestamp: 1000 });
      // already present: the join time stays
      await store.roomUserlistAdd(room, 'u', 2000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: true, timestamp: 1000 });
      await store.roomUserlistRemove(room, 'u', 3000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: 3000 });
      // already absent: the leave time stays
      await store.roomUserlistRemove(room, 'u', 4000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: 3000 });
      await store.roomUserlistAdd(room, 'u', 5000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: true, timestamp: 5000 });
    });

    it('removing a never-seen user leaves them never seen', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      await store.roomUserlistRemove(room, 'u', 1000);
      expect(await store.roomUserSeen(room, 'u')).toEqual({ joined: false, timestamp: null });
    });

    it('seen times are per room and per user', async () => {
      const store = await open();
      const [r1, r2] = [randomName('room'), randomName('room')];
      await store.addRoom(r1, roomInit());
      await store.addRoom(r2, roomInit());
      await store.roomUserlistAdd(r1, 'u', 1000);
      expect(await store.roomUserSeen(r2, 'u')).toEqual({ joined: false, timestamp: null });
      expect(await store.roomUserSeen(r1, 'v')).toEqual({ joined: false, timestamp: null });
      expect(await store.roomListGet(r2, 'userlist')).toEqual([]);
    });

    it('two handles share room lists', async () => {
      const [a, b] = [await open(), await open()];
      const room = randomName('room');
      await a.addRoom(room, roomInit());
      await a.roomListAdd(room, 'blacklist', ['x', 'y'], 3);
      expect(await b.roomListAdd(room, 'blacklist', ['z', 'w'], 3)).toBe(false);
      await b.roomUserlistAdd(room, 'u', 1234);
      expect(await a.roomUserSeen(room, 'u')).toEqual({ joined: true, timestamp: 1234 });
    });

    it('__proto__, constructor and other Object.prototype names are ordinary list values and userlist names', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ whitelist: ['__proto__'] }));
      for (const list of [...ACCESS_LISTS, 'userlist'] as const) {
        for (const name of TRICKY_NAMES)
          expect(await store.roomListHas(room, list, name)).toBe(list === 'whitelist' && name === '__proto__');
      }
      expect(await store.roomListAdd(room, 'blacklist', ['constructor', 'toString'], 10)).toBe(true);
      expect(sorted(await store.roomListGet(room, 'blacklist'))).toEqual(['constructor', 'toString']);
      expect(await store.roomAccess(room, 'constructor')).toMatchObject({ inBlacklist: true, inWhitelist: false, isAdmin: false });
      expect(await store.roomAccess(room, '__proto__')).toMatchObject({ inBlacklist: false, inWhitelist: true });
      expect(await store.roomAccess(room, 'hasOwnProperty')).toMatchObject({ inBlacklist: false, inWhitelist: false, inUserlist: false });
      for (const name of TRICKY_NAMES) expect(await store.roomUserSeen(room, name)).toEqual({ joined: false, timestamp: null });
      await store.roomUserlistAdd(room, '__proto__', 1000);
      await store.roomUserlistAdd(room, 'hasOwnProperty', 1001);
      expect(sorted(await store.roomListGet(room, 'userlist'))).toEqual(['__proto__', 'hasOwnProperty']);
      expect(await store.roomUserSeen(room, '__proto__')).toEqual({ joined: true, timestamp: 1000 });
      expect(await store.roomUserSeen(room, 'constructor')).toEqual({ joined: false, timestamp: null });
      await store.roomUserlistRemove(room, '__proto__', 2000);
      expect(await store.roomUserSeen(room, '__proto__')).toEqual({ joined: false, timestamp: 2000 });
      await store.roomListRemove(room, 'blacklist', ['constructor']);
      expect(await store.roomListGet(room, 'blacklist')).toEqual(['toString']);
    });
  });
}
