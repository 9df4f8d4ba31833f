/**
 * Behaviour: room information commands (seen, own sockets, notifications) and silent repeats.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

/** Registers, over the harness, the tests of the room information commands (seen, own sockets, notifications) and silent repeats. */
export function roomInfoBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  const room = 'room1';

  describe('roomMessaging', () => {
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
