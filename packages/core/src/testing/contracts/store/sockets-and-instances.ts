/**
 * Contract: a user's sockets and their rooms, the instance registry and
 * instance heartbeats.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { SocketRemoval, UserSocket } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, sorted, TRICKY_NAMES, useHandles } from './context.js';

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

/** `[socketId, userName]` pairs of a registry record, sorted. */
function registryEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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

    it('the instance registry maps socket ids to user names, per instance', async () => {
      const store = await open();
      const [i1, i2] = [randomName('instance'), randomName('instance')];
      const [u1, u2] = [randomName('user'), randomName('user')];
      expect(registryEntries(await store.getInstanceSockets(i1))).toEqual([]);
      await store.addInstanceSocket(i1, 's1', u1);
      await store.addInstanceSocket(i1, 's2', u2);
      await store.addInstanceSocket(i2, 's3', u1);
      expect(registryEntries(await store.getInstanceSockets(i1))).toEqual([
        ['s1', u1],
        ['s2', u2],
      ]);
      expect(registryEntries(await store.getInstanceSockets(i2))).toEqual([['s3', u1]]);
      await store.removeInstanceSocket(i1, 's1');
      await store.removeInstanceSocket(i1, 'unknown');
      await store.removeInstanceSocket(randomName('instance'), 's2');
      expect(registryEntries(await store.getInstanceSockets(i1))).toEqual([['s2', u2]]);
      await store.removeInstanceSocket(i1, 's2');
      expect(registryEntries(await store.getInstanceSockets(i1))).toEqual([]);
      expect(registryEntries(await store.getInstanceSockets(randomName('instance')))).toEqual([]);
    });

    it('heartbeats are null when unknown and keep the last value per instance', async () => {
      const store = await open();
      const [i1, i2] = [randomName('instance'), randomName('instance')];
      expect(await store.getHeartbeat(i1)).toBeNull();
      await store.setHeartbeat(i1, 1_700_000_000_000);
      expect(await store.getHeartbeat(i1)).toBe(1_700_000_000_000);
      await store.setHeartbeat(i1, 1_700_000_000_123);
      expect(await store.getHeartbeat(i1)).toBe(1_700_000_000_123);
      expect(await store.getHeartbeat(i2)).toBeNull();
    });

    it('two handles share sockets, registries and heartbeats', async () => {
      const [a, b] = [await open(), await open()];
      const user = randomName('user');
      const [ia, ib] = [randomName('instance'), randomName('instance')];
      const room = randomName('room');
      expect(await a.addUserSocket(user, 'sa', ia)).toBe(1);
      expect(await b.addUserSocket(user, 'sb', ib)).toBe(2);
      expect(await a.addSocketToRoom(user, 'sa', room)).toEqual({ njoined: 1, changed: true });
      expect(await b.addSocketToRoom(user, 'sb', room)).toEqual({ njoined: 2, changed: true });
      await a.addInstanceSocket(ia, 'sa', user);
      await a.setHeartbeat(ia, 42);
      expect(registryEntries(await b.getInstanceSockets(ia))).toEqual([['sa', user]]);
      expect(await b.getHeartbeat(ia)).toBe(42);
      const removal = await b.removeUserSocket(user, 'sa');
      expect(removal).toEqual({ roomsRemoved: [room], joinedSockets: [1], nconnected: 1 });
    });

    it('__proto__, constructor and other Object.prototype names are ordinary socket ids, rooms and instances', async () => {
      const store = await open();
      const user = randomName('user');
      const room = randomName('room');
      for (const id of TRICKY_NAMES) await store.addUserSocket(user, id, id);
      expect(await store.countUserSockets(user)).toBe(TRICKY_NAMES.length);
      expect(await store.addSocketToRoom(user, '__proto__', 'constructor')).toEqual({ njoined: 1, changed: true });
      expect(await store.addSocketToRoom(user, 'toString', 'constructor')).toEqual({ njoined: 2, changed: true });
      expect(await store.addSocketToRoom(user, '__proto__', room)).toEqual({ njoined: 1, changed: true });
      expect(normalizeSockets(await store.getUserSockets(user))).toEqual(
        normalizeSockets(
          TRICKY_NAMES.map((id) => ({
            id,
            instanceUID: id,
            rooms: id === '__proto__' ? ['constructor', room] : id === 'toString' ? ['constructor'] : [],
          })),
        ),
      );
      expect(sorted(await store.removeUserSocketsFromRoom(user, 'constructor'))).toEqual(['__proto__', 'toString']);
      expect(await store.removeUserSocket(user, 'hasOwnProperty')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 4 });
      expect(await store.removeUserSocket(user, '__proto__')).toEqual({ roomsRemoved: [room], joinedSockets: [0], nconnected: 3 });

      const instance = randomName('instance');
      for (const id of TRICKY_NAMES) await store.addInstanceSocket(instance, id, `${id}-user`);
      const registry = await store.getInstanceSockets(instance);
      expect(registryEntries(registry)).toEqual(registryEntries(Object.fromEntries(TRICKY_NAMES.map((id) => [id, `${id}-user`]))));
      expect(Object.hasOwn(registry, '__proto__')).toBe(true);
      expect(registryEntries(await store.getInstanceSockets('constructor'))).toEqual([]);
      await store.setHeartbeat('__proto__', 7);
      expect(await store.getHeartbeat('__proto__')).toBe(7);
      expect(await store.getHeartbeat('valueOf')).toBeNull();
    });
  });
}
