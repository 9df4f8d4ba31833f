/**
 * Checklist: roomManagement (1-6) and roomMessaging (1-25).
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

const msg = { textMessage: 'Hello' };

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

    it('a message is stored and returned by roomRecentHistory', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      const [error, id] = await c.call('roomMessage', room, msg);
      expect(error).toBeNull();
      expect(id).toBe(1);
      const [, history] = await c.call('roomRecentHistory', room);
      expect(history).toHaveLength(1);
      const [m] = history as Record<string, unknown>[];
      expect(m).toMatchObject({ textMessage: 'Hello', author: 'user1', id: 1 });
      expect(typeof m?.['timestamp']).toBe('number');
    });

    it('every joined socket, the sender included, receives roomMessage', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      await c2.call('roomJoin', room);
      await c1.call('roomMessage', room, msg);
      for (const c of [c1, c2]) {
        const [r, m] = await c.next('roomMessage');
        expect(r).toBe(room);
        expect(m).toMatchObject({ author: 'user1', textMessage: 'Hello', id: 1 });
        expect(Object.keys(m as object)).toEqual(expect.arrayContaining(['timestamp', 'id']));
      }
    });

    it('historyMaxSize 0: ids advance, nothing is stored', async () => {
      const s = await t.start({ historyMaxSize: 0 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomMessage', room, msg)).toEqual([null, 1]);
      expect(await c.call('roomMessage', room, msg)).toEqual([null, 2]);
      expect(await c.call('roomRecentHistory', room)).toEqual([null, []]);
    });

    it('historyMaxGetMessages 0 disables history reads', async () => {
      const s = await t.start({ historyMaxGetMessages: 0 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await c.call('roomMessage', room, msg);
      expect(await c.call('roomRecentHistory', room)).toEqual([null, []]);
      expect(await c.call('roomHistoryGet', room, 0, 10)).toEqual([null, []]);
    });

    it('historyMaxSize sets roomHistoryInfo.historyMaxSize', async () => {
      const s = await t.start({ historyMaxSize: 1000 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      const [, info] = await c.call('roomHistoryInfo', room);
      expect(info).toMatchObject({ historyMaxSize: 1000 });
    });

    it('historyMaxSize 1 keeps only the newest message', async () => {
      const s = await t.start({ historyMaxSize: 1 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await c.call('roomMessage', room, { textMessage: 'first' });
      await c.call('roomMessage', room, { textMessage: 'second' });
      const [, history] = await c.call('roomRecentHistory', room);
      expect(history).toEqual([expect.objectContaining({ textMessage: 'second', author: 'user1', id: 2, timestamp: expect.any(Number) })]);
    });

    const ids = (reply: unknown[]): number[] => (reply[1] as { id: number }[]).map((m) => m.id);

    it('roomHistoryGet windows after the given id', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await c.call('roomMessage', room, msg);
      await c.call('roomMessage', room, msg);
      const all = await c.call('roomHistoryGet', room, 0, 10);
      expect(ids(all)).toEqual([2, 1]);
      expect(all[1]).toEqual([expect.objectContaining({ textMessage: 'Hello', author: 'user1', timestamp: expect.any(Number) }), expect.anything()]);
      expect(ids(await c.call('roomHistoryGet', room, 1, 10))).toEqual([2]);
      expect(ids(await c.call('roomHistoryGet', room, 2, 10))).toEqual([]);
    });

    it('roomHistoryGet is capped by historyMaxGetMessages', async () => {
      const s = await t.start({ historyMaxGetMessages: 2 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      for (let i = 0; i < 3; i++) await c.call('roomMessage', room, msg);
      expect(ids(await c.call('roomHistoryGet', room, 0, 10))).toEqual([2, 1]);
      expect(ids(await c.call('roomHistoryGet', room, 1, 10))).toEqual([3, 2]);
      expect(ids(await c.call('roomHistoryGet', room, 2, 10))).toEqual([3]);
      expect(ids(await c.call('roomHistoryGet', room, 3, 10))).toEqual([]);
    });

    it('roomHistoryGet after trimming returns only stored ids', async () => {
      const s = await t.start({ historyMaxSize: 2 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      for (let i = 0; i < 3; i++) await c.call('roomMessage', room, msg);
      expect(ids(await c.call('roomHistoryGet', room, 0, 10))).toEqual([3, 2]);
      expect(ids(await c.call('roomHistoryGet', room, 1, 10))).toEqual([3, 2]);
      expect(ids(await c.call('roomHistoryGet', room, 2, 10))).toEqual([3]);
      expect(ids(await c.call('roomHistoryGet', room, 3, 10))).toEqual([]);
    });

    it('changeRoomHistoryMaxSize trims at once', async () => {
      const s = await t.start({ historyMaxSize: 2 });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await c.call('roomMessage', room, msg);
      await c.call('roomMessage', room, msg);
      await s.service.changeRoomHistoryMaxSize(room, 1);
      expect(ids(await c.call('roomHistoryGet', room, 0, 9))).toEqual([2]);
      const [, info] = await c.call('roomHistoryInfo', room);
      expect(info).toMatchObject({ historySize: 1, historyMaxSize: 1 });
    });

    it('roomHistoryInfo reports sizes and the last id', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomHistoryInfo', room)).toEqual([null, { historyMaxGetMessages: 100, historyMaxSize: 10000, historySize: 0, lastMessageId: 0, epoch: expect.any(String) }]);
      await c.call('roomMessage', room, msg);
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ historySize: 1, lastMessageId: 1 });
    });

    it('roomUserSeen reports joins and leaves', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c1.call('roomJoin', room);
      const before = Date.now();
      await c2.call('roomJoin', room);
      const [, seen1] = await c1.call('roomUserSeen', room, 'user2');
      const s1 = seen1 as { joined: boolean; timestamp: number };
      expect(s1.joined).toBe(true);
      expect(s1.timestamp).toBeGreaterThanOrEqual(before - 5);
      expect(s1.timestamp).toBeLessThanOrEqual(before + 2000);
      await c2.call('roomLeave', room);
      const [, seen2] = await c1.call('roomUserSeen', room, 'user2');
      const s2 = seen2 as { joined: boolean; timestamp: number };
      expect(s2.joined).toBe(false);
      expect(s2.timestamp).toBeGreaterThanOrEqual(s1.timestamp);
      expect(s2.timestamp).toBeLessThanOrEqual(before + 2000);
      expect(await c1.call('roomUserSeen', room, 'never')).toEqual([null, { joined: false, timestamp: null }]);
    });

    it('listOwnSockets maps each socket to its rooms', async () => {
      const s = await t.start();
      await s.service.addRoom('r1');
      await s.service.addRoom('r2');
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      const c = await t.login(s, 'user1');
      await a.call('roomJoin', 'r1');
      await a.call('roomJoin', 'r2');
      await b.call('roomJoin', 'r1');
      const [error, sockets] = await a.call('listOwnSockets');
      expect(error).toBeNull();
      const map = sockets as Record<string, string[]>;
      expect(Object.keys(map).sort()).toEqual([a.id, b.id, c.id].sort());
      expect([...(map[a.id ?? ''] ?? [])].sort()).toEqual(['r1', 'r2']);
      expect(map[b.id ?? '']).toEqual(['r1']);
      expect(map[c.id ?? '']).toEqual([]);
    });

    it('roomNotificationsInfo reports the room switches', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { enableAccessListsUpdates: false, enableUserlistUpdates: true });
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomNotificationsInfo', room)).toEqual([null, { enableAccessListsUpdates: false, enableUserlistUpdates: true }]);
    });

    it('a duplicate join is silent', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c2.call('roomJoin', room);
      expect(await c2.next('roomUserJoined')).toEqual([room, 'user2']);
      await c1.call('roomJoin', room);
      expect(await c2.next('roomUserJoined')).toEqual([room, 'user1']);
      expect(await c1.call('roomJoin', room)).toEqual([null, 1]);
      await c2.expectNone('roomUserJoined');
    });

    it('a never-joined socket of a joined user leaving is silent', async () => {
      const s = await t.start({ enableUserlistUpdates: true });
      await s.service.addRoom(room);
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      const other = await t.login(s, 'user2');
      await other.call('roomJoin', room);
      await a.call('roomJoin', room);
      expect(await b.call('roomLeave', room)).toEqual([null, 1]);
      await other.expectNone('roomUserLeft');
    });
  });
}
