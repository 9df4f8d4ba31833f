/**
 * Behaviour: room messages and history (storage, limits, windowed reads, info).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

const msg = { textMessage: 'Hello' };

/** Registers, over the harness, the tests of room messages and history (storage, limits, windowed reads, info). */
export function roomHistoryBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  const room = 'room1';

  describe('roomMessaging', () => {
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
      expect(history).toEqual([expect.objectContaining({ textMessage: 'second', author: 'user1', id: 2, timestamp: expect.any(Number) as unknown })]);
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
      expect(all[1]).toEqual([
        expect.objectContaining({ textMessage: 'Hello', author: 'user1', timestamp: expect.any(Number) as unknown }),
        expect.anything(),
      ]);
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
      expect(await c.call('roomHistoryInfo', room)).toEqual([
        null,
        { historyMaxGetMessages: 100, historyMaxSize: 10000, historySize: 0, lastMessageId: 0, epoch: expect.any(String) as unknown },
      ]);
      await c.call('roomMessage', room, msg);
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ historySize: 1, lastMessageId: 1 });
    });
  });
}
