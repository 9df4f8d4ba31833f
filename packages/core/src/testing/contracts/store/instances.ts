/**
 * Contract: the instance registry, heartbeats, and sharing between handles.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { UserSocket } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, sorted, TRICKY_NAMES, useHandles } from './context.js';

/** Sockets sorted by id, each with sorted rooms. */
function normalizeSockets(sockets: readonly UserSocket[]): UserSocket[] {
  return [...sockets]
    .map((socket) => ({ id: socket.id, instanceUID: socket.instanceUID, rooms: sorted(socket.rooms) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
export function describeInstances(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'sockets-and-instances'))('sockets and instances', () => {
    const { open } = useHandles(setup);

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
