/**
 * Checklist: roomManagement (1-6) and roomMessaging (1-25).
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

/** Registers, over the harness, the tests of room management (create, delete) and room messaging (join, leave, messages, notifications). */
export function roomMessagingBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  const room = 'room1';

  describe('roomManagement', () => {
    it('create, join, re-create fails, delete notifies, rejoin fails', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual([null, null]);
      expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      const again = await c.call('roomCreate', room, false);
      expect(again[0]).toBe('ChatServiceError: Room room1 already exists');
      expect(again[1]).toBeNull();
      c.emit('roomDelete', room);
      expect(await c.next('roomAccessRemoved')).toEqual([room]);
      const rejoin = await c.call('roomJoin', room);
      expect(rejoin[0]).toBe('ChatServiceError: No such room room1');
      expect(rejoin[1]).toBeNull();
    });

    it('deleting a fresh empty room acks (null, null)', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      await c.call('roomCreate', room, false);
      expect(await c.call('roomDelete', room)).toEqual([null, null]);
      expect(await s.service.hasRoom(room)).toBe(false);
    });

    it('roomDelete by a non-owner fails', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomCreate', room, false);
      expect(await c2.call('roomDelete', room)).toEqual(['ChatServiceError: Action is not allowed', null]);
      expect(await s.service.hasRoom(room)).toBe(true);
    });

    it('roomCreate with an invalid name fails', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', 'room}1', false)).toEqual(['ChatServiceError: String room}1 contains invalid characters', null]);
      expect(await s.service.hasRoom('room}1')).toBe(false);
    });

    it('with management off, roomCreate and roomDelete fail', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      expect((await c.call('roomCreate', room, false))[0]).toBe('ChatServiceError: Action is not allowed');
      await s.service.addRoom(room, { owner: 'user1' });
      expect(await c.call('roomDelete', room)).toEqual(['ChatServiceError: Action is not allowed', null]);
    });

    it('the owner deleting a room removes every joined user', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      await s.service.addRoom(room, { owner: 'user1' });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      expect(await c1.call('roomDelete', room)).toEqual([null, null]);
      expect(await c1.next('roomAccessRemoved')).toEqual([room]);
      expect(await c2.next('roomAccessRemoved')).toEqual([room]);
      expect(await c2.call('listOwnSockets')).toEqual([null, { [c2.id ?? '']: [] }]);
    });
  });

  describe('roomMessaging', () => {
    it('echoes another socket join/leave to a not joined socket', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      expect(await b.call('roomJoin', room)).toEqual([null, 1]);
      expect(await a.next('roomJoinedEcho')).toEqual([room, b.id, 1]);
      expect(await b.call('roomLeave', room)).toEqual([null, 0]);
      expect(await a.next('roomLeftEcho')).toEqual([room, b.id, 0]);
      await b.expectNone('roomJoinedEcho');
    });

    it('echo counts include the other joined socket', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      await a.call('roomJoin', room);
      expect(await b.call('roomJoin', room)).toEqual([null, 2]);
      expect(await a.next('roomJoinedEcho')).toEqual([room, b.id, 2]);
      expect(await b.call('roomLeave', room)).toEqual([null, 1]);
      expect(await a.next('roomLeftEcho')).toEqual([room, b.id, 1]);
    });

    it('disconnects echo roomLeftEcho with the remaining counts', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const s1 = await t.login(s, 'user1');
      const s2 = await t.login(s, 'user1');
      const s3 = await t.login(s, 'user1');
      await s1.call('roomJoin', room);
      await s2.call('roomJoin', room);
      await s2.close();
      expect(await s1.next('roomLeftEcho')).toEqual([room, s2.id, 1]);
      expect(await s3.next('roomLeftEcho')).toEqual([room, s2.id, 1]);
      await s1.close();
      expect(await s3.next('roomLeftEcho')).toEqual([room, s1.id, 0]);
    });

    it('userlist updates: a disconnect sends roomUserLeft', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      await c2.close();
      expect(await c1.next('roomUserLeft')).toEqual([room, 'user2']);
      expect(await c1.call('roomGetAccessList', room, 'userlist')).toEqual([null, ['user1']]);
    });

    it('a never-joined user leaving sends nothing', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      expect(await c2.call('roomLeave', room)).toEqual([null, 0]);
      await c1.expectNone('roomLeftEcho');
      await c1.expectNone('roomUserLeft');
    });

    it('the userlist follows joins and leaves', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      const [, list] = await c1.call('roomGetAccessList', room, 'userlist');
      expect([...(list as string[])].sort()).toEqual(['user1', 'user2']);
      await c2.call('roomLeave', room);
      expect(await c1.call('roomGetAccessList', room, 'userlist')).toEqual([null, ['user1']]);
    });

    it('userlist updates: joined and left notifications', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      expect(await c1.call('roomJoin', room)).toEqual([null, 1]);
      expect(await c1.next('roomUserJoined')).toEqual([room, 'user1']);
      await c2.call('roomJoin', room);
      expect(await c1.next('roomUserJoined')).toEqual([room, 'user2']);
      await c2.call('roomLeave', room);
      expect(await c1.next('roomUserLeft')).toEqual([room, 'user2']);
    });
  });
}
