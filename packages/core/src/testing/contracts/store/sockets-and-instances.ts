/**
 * Contract: a user's sockets and their rooms, the instance registry and
 * instance heartbeats.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { SocketRemoval, UserSocket } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, sorted, useHandles } from './context.js';

/** Sockets sorted by id, each with sorted rooms. */
function normalizeSockets(sockets: readonly UserSocket[]): UserSocket[] {
  return [...sockets]
    .map((socket) => ({ id: socket.id, instanceUID: socket.instanceUID, rooms: sorted(socket.rooms) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `roomsRemoved[i] -> joinedSockets[i]`, checking both lists have one entry per room. */
function removalCounts(removal: SocketRemoval): Map<string, number> {
  expect(removal.joinedSockets).toHaveLength(removal.roomsRemoved.length);
  expect(new Set(removal.roomsRemoved).size).toBe(removal.roomsRemoved.length);
  return new Map(removal.roomsRemoved.map((room, i) => [room, removal.joinedSockets[i] ?? -1]));
}

/**
 * Registers the sockets, instance registry and heartbeat tests.
 *
 * @param setup - the adapter's setup
 */
export function describeSocketsAndInstances(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'sockets-and-instances'))('sockets and instances', () => {
    const { open } = useHandles(setup);

    it('addUserSocket returns the user sockets on every instance; countUserSockets agrees', async () => {
      const store = await open();
      const user = randomName('user');
      const [i1, i2] = [randomName('instance'), randomName('instance')];
      expect(await store.countUserSockets(user)).toBe(0);
      expect(await store.addUserSocket(user, 's1', i1)).toBe(1);
      expect(await store.addUserSocket(user, 's2', i2)).toBe(2);
      expect(await store.addUserSocket(user, 's3', i1)).toBe(3);
      expect(await store.countUserSockets(user)).toBe(3);
      // another user's sockets are separate
      const other = randomName('user');
      expect(await store.addUserSocket(other, 's1', i1)).toBe(1);
      expect(await store.countUserSockets(user)).toBe(3);
    });

    it('recording the same socket twice counts it once', async () => {
      const store = await open();
      const user = randomName('user');
      const instance = randomName('instance');
      expect(await store.addUserSocket(user, 's1', instance)).toBe(1);
      expect(await store.addUserSocket(user, 's1', instance)).toBe(1);
      expect(await store.countUserSockets(user)).toBe(1);
    });

    it('getUserSockets lists every socket with its instance and rooms', async () => {
      const store = await open();
      const user = randomName('user');
      const [i1, i2] = [randomName('instance'), randomName('instance')];
      const [r1, r2] = [randomName('room'), randomName('room')];
      expect(await store.getUserSockets(user)).toEqual([]);
      await store.addUserSocket(user, 's1', i1);
      await store.addUserSocket(user, 's2', i2);
      await store.addUserSocket(user, 's3', i1);
      await store.addSocketToRoom(user, 's1', r1);
      await store.addSocketToRoom(user, 's1', r2);
      await store.addSocketToRoom(user, 's2', r1);
      expect(normalizeSockets(await store.getUserSockets(user))).toEqual(
        normalizeSockets([
          { id: 's1', instanceUID: i1, rooms: [r1, r2] },
          { id: 's2', instanceUID: i2, rooms: [r1] },
          { id: 's3', instanceUID: i1, rooms: [] },
        ]),
      );
    });

    it('addSocketToRoom and removeSocketFromRoom report njoined and whether anything changed', async () => {
      const store = await open();
      const user = randomName('user');
      const instance = randomName('instance');
      const [room, other] = [randomName('room'), randomName('room')];
      for (const id of ['s1', 's2', 's3']) await store.addUserSocket(user, id, instance);
      expect(await store.addSocketToRoom(user, 's1', room)).toEqual({ njoined: 1, changed: true });
      expect(await store.addSocketToRoom(user, 's1', room)).toEqual({ njoined: 1, changed: false });
      expect(await store.addSocketToRoom(user, 's2', room)).toEqual({ njoined: 2, changed: true });
      expect(await store.addSocketToRoom(user, 's1', other)).toEqual({ njoined: 1, changed: true });
      // another user's socket in the same room does not count
      const stranger = randomName('user');
      await store.addUserSocket(stranger, 's9', instance);
      expect(await store.addSocketToRoom(stranger, 's9', room)).toEqual({ njoined: 1, changed: true });
      expect(await store.removeSocketFromRoom(user, 's3', room)).toEqual({ njoined: 2, changed: false });
      expect(await store.removeSocketFromRoom(user, 's1', room)).toEqual({ njoined: 1, changed: true });
      expect(await store.removeSocketFromRoom(user, 's1', room)).toEqual({ njoined: 1, changed: false });
      expect(await store.removeSocketFromRoom(user, 's2', room)).toEqual({ njoined: 0, changed: true });
      expect(await store.removeSocketFromRoom(user, 's2', room)).toEqual({ njoined: 0, changed: false });
      expect(normalizeSockets(await store.getUserSockets(user)).map((s) => s.rooms)).toEqual([[other], [], []]);
      expect(await store.countUserSockets(user)).toBe(3);
    });

    it('addSocketToRoom records a socket the store does not know', async () => {
      const store = await open();
      const user = randomName('user');
      const room = randomName('room');
      expect(await store.addSocketToRoom(user, 'ghost', room)).toEqual({ njoined: 1, changed: true });
      expect(await store.addSocketToRoom(user, 'ghost', room)).toEqual({ njoined: 1, changed: false });
      expect(await store.removeSocketFromRoom(user, 'ghost', room)).toEqual({ njoined: 0, changed: true });
    });

    it('removeUserSocket returns the rooms left, the joined counts in the same order, and nconnected', async () => {
      const store = await open();
      const user = randomName('user');
      const instance = randomName('instance');
      const rooms = [1, 2, 3, 4, 5].map((n) => randomName(`room${String(n)}`));
      const [r1, r2, r3, r4, r5] = rooms;
      if (r1 === undefined || r2 === undefined || r3 === undefined || r4 === undefined || r5 === undefined) throw new Error('unreachable');
      for (const id of ['s1', 's2', 's3', 's4']) await store.addUserSocket(user, id, instance);
      for (const room of rooms) await store.addSocketToRoom(user, 's1', room);
      for (const room of [r1, r3]) await store.addSocketToRoom(user, 's2', room);
      for (const room of [r3, r5]) await store.addSocketToRoom(user, 's3', room);

      const removal = await store.removeUserSocket(user, 's1');
      expect(removal.nconnected).toBe(3);
      expect(removalCounts(removal)).toEqual(
        new Map([
          [r1, 1],
          [r2, 0],
          [r3, 2],
          [r4, 0],
          [r5, 1],
        ]),
      );
      expect(await store.countUserSockets(user)).toBe(3);
      expect(normalizeSockets(await store.getUserSockets(user)).map((s) => s.id)).toEqual(['s2', 's3', 's4']);
      // s1 no longer counts in its former rooms
      expect(await store.removeSocketFromRoom(user, 's1', r1)).toEqual({ njoined: 1, changed: false });
      expect(await store.addSocketToRoom(user, 's4', r2)).toEqual({ njoined: 1, changed: true });

      const second = await store.removeUserSocket(user, 's3');
      expect(second.nconnected).toBe(2);
      expect(removalCounts(second)).toEqual(
        new Map([
          [r3, 1],
          [r5, 0],
        ]),
      );
    });

    it('removeUserSocket of a socket without rooms, or unknown, gives empty lists', async () => {
      const store = await open();
      const user = randomName('user');
      const instance = randomName('instance');
      await store.addUserSocket(user, 's1', instance);
      await store.addUserSocket(user, 's2', instance);
      expect(await store.removeUserSocket(user, 'unknown')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 2 });
      expect(await store.removeUserSocket(user, 's2')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 1 });
      expect(await store.removeUserSocket(user, 's2')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 1 });
      expect(await store.removeUserSocket(user, 's1')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 0 });
      expect(await store.removeUserSocket(randomName('user'), 's1')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 0 });
      expect(await store.getUserSockets(user)).toEqual([]);
    });

    it('removeUserSocketsFromRoom removes every socket of the user from one room and returns their ids', async () => {
      const store = await open();
      const user = randomName('user');
      const stranger = randomName('user');
      const instance = randomName('instance');
      const [room, other] = [randomName('room'), randomName('room')];
      for (const id of ['s1', 's2', 's3']) await store.addUserSocket(user, id, instance);
      await store.addUserSocket(stranger, 'x1', instance);
      await store.addSocketToRoom(user, 's1', room);
      await store.addSocketToRoom(user, 's2', room);
      await store.addSocketToRoom(user, 's2', other);
      await store.addSocketToRoom(user, 's3', other);
      await store.addSocketToRoom(stranger, 'x1', room);
      expect(sorted(await store.removeUserSocketsFromRoom(user, room))).toEqual(['s1', 's2']);
      expect(await store.removeUserSocketsFromRoom(user, room)).toEqual([]);
      expect(normalizeSockets(await store.getUserSockets(user))).toEqual([
        { id: 's1', instanceUID: instance, rooms: [] },
        { id: 's2', instanceUID: instance, rooms: [other] },
        { id: 's3', instanceUID: instance, rooms: [other] },
      ]);
      expect(await store.countUserSockets(user)).toBe(3);
      expect(await store.addSocketToRoom(user, 's1', room)).toEqual({ njoined: 1, changed: true });
      // the stranger stays joined
      expect(await store.addSocketToRoom(stranger, 'x1', room)).toEqual({ njoined: 1, changed: false });
      expect(await store.removeUserSocketsFromRoom(randomName('user'), room)).toEqual([]);
    });
  });
}
