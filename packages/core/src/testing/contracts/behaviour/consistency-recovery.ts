/**
 * Behaviour: consistency recovery after store faults (state syncs, instance recovery).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { FailureInfo } from '../../../commands/runtime.js';
import type { Store } from '../../../ports.js';
import { createFaultyStore } from '../../faulty-store.js';
import type { FaultyStore } from '../../faulty-store.js';
import type { BehaviourHarness, StartedService } from './harness.js';
import { useHarness, waitUntil } from './harness.js';

const room = 'room1';

function failures(s: StartedService, event: 'storeConsistencyFailure' | 'transportConsistencyFailure'): FailureInfo[] {
  const seen: FailureInfo[] = [];
  s.service.on(event, (_error, info) => seen.push(info));
  return seen;
}

/** Registers, over the harness, the tests of consistency recovery after store and transport faults (state syncs, instance recovery). */
export function consistencyRecoveryBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  let faulty: FaultyStore | undefined;
  const wrap = (store: Store): Store => {
    faulty = createFaultyStore(store);
    return faulty.store;
  };
  const injector = (): FaultyStore => {
    if (!faulty) throw new Error('no faulty store');
    return faulty;
  };

  describe('consistencyRecovery', () => {
    it('join record and rollback failing: error, failure event, roomStateSync repairs', async () => {
      const s = await t.start({}, {}, wrap);
      const seen = failures(s, 'storeConsistencyFailure');
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      injector().fail('addSocketToRoom');
      injector().fail('removeSocketFromRoom');
      const [error] = await c.call('roomJoin', room);
      expect(error).not.toBeNull();
      expect(seen).toEqual([{ roomName: room, userName: 'user1', opType: 'userRooms' }]);
      injector().heal();
      await s.service.roomStateSync(room);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')).toEqual([[]]);
    });

    it('userlist removal failing on leave: success, event, roomStateSync repairs', async () => {
      const s = await t.start({}, {}, wrap);
      const seen = failures(s, 'storeConsistencyFailure');
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      injector().fail('roomUserlistRemove');
      expect(await c.call('roomLeave', room)).toEqual([null, 0]);
      expect(seen).toEqual([{ roomName: room, userName: 'user1', opType: 'roomUserlist' }]);
      injector().heal();
      expect(await s.service.roomHasInList(room, 'userlist', 'user1')).toBe(true);
      await s.service.roomStateSync(room);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')).toEqual([[]]);
      expect(await c.call('listOwnSockets')).toEqual([null, { [c.id ?? '']: [] }]);
    });

    it('socket removal failing on disconnect: event, userStateSync repairs', async () => {
      const s = await t.start({}, {}, wrap);
      const seen = failures(s, 'storeConsistencyFailure');
      const c = await t.login(s, 'user1');
      const id = c.id;
      injector().fail('removeUserSocket');
      await c.close();
      await waitUntil(() => seen.length > 0);
      expect(seen).toEqual([{ userName: 'user1', id, opType: 'userSockets' }]);
      injector().heal();
      expect(await s.service.execUserCommand('user1', 'listOwnSockets')).toEqual([{ [id ?? '']: [] }]);
      await s.service.userStateSync('user1');
      expect(await s.service.execUserCommand('user1', 'listOwnSockets')).toEqual([{}]);
    });

    it("removing a user's sockets from a room failing: command succeeds, userStateSync repairs", async () => {
      const s = await t.start({}, {}, wrap);
      const seen = failures(s, 'storeConsistencyFailure');
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      injector().fail('removeUserSocketsFromRoom');
      expect(await s.service.execUserCommand(true, 'roomAddToList', room, 'blacklist', ['user1'])).toEqual([null]);
      expect(seen).toEqual([{ roomName: room, userName: 'user1', opType: 'roomUserlist' }]);
      expect(await s.service.roomHasInList(room, 'userlist', 'user1')).toBe(false);
      injector().heal();
      await s.service.userStateSync('user1');
      expect(await c.call('listOwnSockets')).toEqual([null, { [c.id ?? '']: [] }]);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')).toEqual([[]]);
    });

    it('the per-user access read failing: command succeeds, one event, roomStateSync repairs', async () => {
      const s = await t.start({}, {}, wrap);
      const seen = failures(s, 'storeConsistencyFailure');
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      injector().fail('roomAccess');
      expect(await s.service.execUserCommand(true, 'roomAddToList', room, 'blacklist', ['user1'])).toEqual([null]);
      expect(seen).toEqual([{ roomName: room, userName: 'user1', opType: 'roomUserlist' }]);
      injector().heal();
      await s.service.roomStateSync(room);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')).toEqual([[]]);
    });

    it('a failing channel leave: roomLeave succeeds, transport failure event', async () => {
      const s = await t.start();
      const seen = failures(s, 'transportConsistencyFailure');
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      s.service.transport.leaveChannel = () => Promise.reject(new Error('leave failed'));
      expect(await c.call('roomLeave', room)).toEqual([null, 0]);
      expect(seen).toEqual([{ roomName: room, userName: 'user1', id: c.id, opType: 'transportChannel' }]);
    });
  });
}
