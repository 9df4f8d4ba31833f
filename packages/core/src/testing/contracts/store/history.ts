/**
 * Contract: room history (ids, trimming, recent, windowed get, info, limit
 * changes) and the fidelity of stored messages.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import { historyWindow } from '../../../history-window.js';
import type { StoreContractSetup } from './context.js';
import { ids, message, roomWithMessages } from './history-fixtures.js';
import { isUnsupported, randomName, roomInit, useHandles } from './context.js';

/**
 * Registers the history tests.
 *
 * @param setup - the adapter's setup
 */
export function describeHistory(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'history'))('history', () => {
    const { open } = useHandles(setup);

    it('ids start at 1 and grow by 1; the stored message is the message plus its id', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ historyMaxSize: 10 }));
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 0,
        historyMaxSize: 10,
        lastMessageId: 0,
        epoch: expect.any(String) as unknown,
      });
      expect(await store.roomHistoryAppend(room, message(1))).toEqual({ kind: 'appended', id: 1 });
      expect(await store.roomHistoryAppend(room, message(2))).toEqual({ kind: 'appended', id: 2 });
      expect(await store.roomHistoryAppend(room, { ...message(3), id: 999 })).toEqual({ kind: 'appended', id: 3 });
      expect(await store.roomHistoryRecent(room, 10)).toEqual([
        { ...message(3), id: 3 },
        { ...message(2), id: 2 },
        { ...message(1), id: 1 },
      ]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 3,
        historyMaxSize: 10,
        lastMessageId: 3,
        epoch: expect.any(String) as unknown,
      });
    });

    it('with a member, appends only for a userlist member (-1 otherwise), 0 for a missing room', async () => {
      const store = await open();
      const room = randomName('room');
      const member = randomName('user');
      await store.addRoom(room, roomInit({ historyMaxSize: 10 }));
      expect(await store.roomHistoryAppend(room, message(1), member)).toEqual({ kind: 'notJoined' });
      expect(await store.roomHistoryAppend(room, message(1), '')).toEqual({ kind: 'notJoined' });
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 0,
        historyMaxSize: 10,
        lastMessageId: 0,
        epoch: expect.any(String) as unknown,
      });
      await store.roomUserlistAdd(room, member, 1);
      expect(await store.roomHistoryAppend(room, message(1), member)).toEqual({ kind: 'appended', id: 1 });
      expect(await store.roomHistoryAppend(room, message(2))).toEqual({ kind: 'appended', id: 2 });
      expect(await store.roomHistoryAppend(randomName('missing'), message(1), member)).toEqual({ kind: 'noRoom' });
      expect(ids(await store.roomHistoryRecent(room, 10))).toEqual([2, 1]);
    });

    it('with historyMaxSize 0 ids still grow but nothing is stored', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ historyMaxSize: 0 }));
      expect(await store.roomHistoryAppend(room, message(1))).toEqual({ kind: 'appended', id: 1 });
      expect(await store.roomHistoryAppend(room, message(2))).toEqual({ kind: 'appended', id: 2 });
      expect(await store.roomHistoryRecent(room, 10)).toEqual([]);
      expect(await store.roomHistoryGet(room, 0, 10)).toEqual([]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 0,
        historyMaxSize: 0,
        lastMessageId: 2,
        epoch: expect.any(String) as unknown,
      });
    });

    it('appends trim the history to the room limit, dropping the oldest', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 2, 3);
      expect(await store.roomHistoryRecent(room, 10)).toEqual([
        { ...message(3), id: 3 },
        { ...message(2), id: 2 },
      ]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 2,
        historyMaxSize: 2,
        lastMessageId: 3,
        epoch: expect.any(String) as unknown,
      });
      const single = await roomWithMessages(store, 1, 2);
      expect(await store.roomHistoryRecent(single, 10)).toEqual([{ ...message(2), id: 2 }]);
    });

    it('roomHistoryRecent returns the newest `count` messages, newest first', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 10, 5);
      expect(ids(await store.roomHistoryRecent(room, 2))).toEqual([5, 4]);
      expect(ids(await store.roomHistoryRecent(room, 5))).toEqual([5, 4, 3, 2, 1]);
      expect(ids(await store.roomHistoryRecent(room, 100))).toEqual([5, 4, 3, 2, 1]);
      expect(await store.roomHistoryRecent(room, 0)).toEqual([]);
      const empty = await roomWithMessages(store, 10, 0);
      expect(await store.roomHistoryRecent(empty, 10)).toEqual([]);
    });

    it('roomHistoryGet: two messages', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 10, 2);
      expect(await store.roomHistoryGet(room, 0, 10)).toEqual([
        { ...message(2), id: 2 },
        { ...message(1), id: 1 },
      ]);
      expect(ids(await store.roomHistoryGet(room, 1, 10))).toEqual([2]);
      expect(await store.roomHistoryGet(room, 2, 10)).toEqual([]);
    });

    it('roomHistoryGet returns the ids just after afterId, not the newest', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 10, 3);
      expect(ids(await store.roomHistoryGet(room, 0, 2))).toEqual([2, 1]);
      expect(ids(await store.roomHistoryGet(room, 1, 2))).toEqual([3, 2]);
      expect(ids(await store.roomHistoryGet(room, 2, 2))).toEqual([3]);
      expect(ids(await store.roomHistoryGet(room, 3, 2))).toEqual([]);
    });

    it('roomHistoryGet skips trimmed ids', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 2, 3);
      expect(ids(await store.roomHistoryGet(room, 0, 10))).toEqual([3, 2]);
      expect(ids(await store.roomHistoryGet(room, 1, 10))).toEqual([3, 2]);
      expect(ids(await store.roomHistoryGet(room, 2, 10))).toEqual([3]);
      expect(ids(await store.roomHistoryGet(room, 3, 10))).toEqual([]);
      // the window [1, 1] was trimmed entirely
      expect(ids(await store.roomHistoryGet(room, 0, 1))).toEqual([]);
    });

    it('roomHistoryGet follows historyWindow for every afterId and limit', async () => {
      const store = await open();
      // ids 4..7 stored, 1..3 trimmed
      const room = await roomWithMessages(store, 4, 7);
      const stored = new Set([4, 5, 6, 7]);
      for (const afterId of [-1, 0, 1, 2.5, 3, 4, 5, 6, 7, 8, 100]) {
        for (const limit of [0, 1, 1.5, 2, 3, 4, 10]) {
          const range = historyWindow(7, afterId, limit);
          const expected: number[] = [];
          if (range) for (let id = range[1]; id >= range[0]; id--) if (stored.has(id)) expected.push(id);
          const got = await store.roomHistoryGet(room, afterId, limit);
          expect(ids(got), `afterId=${String(afterId)} limit=${String(limit)}`).toEqual(expected);
          for (const m of got) expect(m).toEqual({ ...message(Number(m.id)), id: m.id });
        }
      }
    });

    it('roomHistoryRead is roomAccess and roomHistoryGet in one step, for any standing and window', async () => {
      const store = await open();
      // ids 4..7 stored, 1..3 trimmed
      const room = await roomWithMessages(store, 4, 7);
      const [admin, member, stranger] = [randomName('admin'), randomName('member'), randomName('stranger')];
      await store.roomListAdd(room, 'adminlist', [admin], 100);
      await store.roomListAdd(room, 'blacklist', [stranger], 100);
      await store.roomUserlistAdd(room, member, 1);
      await store.roomModeSet(room, true);
      for (const user of [admin, member, stranger, '']) {
        for (const [afterId, limit] of [
          [0, 10],
          [2, 3],
          [5, 1],
          [7, 10],
          [-1, 0],
          [100, 5],
        ] as const) {
          const read = await store.roomHistoryRead(room, user, afterId, limit);
          expect(read, `${user} afterId=${String(afterId)} limit=${String(limit)}`).toEqual({
            access: await store.roomAccess(room, user),
            messages: await store.roomHistoryGet(room, afterId, limit),
          });
        }
      }
      expect((await store.roomHistoryRead(room, admin, 0, 10))?.access).toEqual(
        expect.objectContaining({ isAdmin: true, whitelistOnly: true }),
      );
    });

    it('roomHistoryRead is null for a missing room and for a room being deleted', async () => {
      const store = await open();
      expect(await store.roomHistoryRead(randomName('room'), 'u', 0, 10)).toBeNull();
      const room = await roomWithMessages(store, 1, 2);
      expect(await store.roomHistoryRead(room, 'u', 0, 10)).not.toBeNull();
      await store.markRoomDeleting(room);
      expect(await store.roomHistoryRead(room, 'u', 0, 10)).toBeNull();
    });

    it('roomHistoryMaxSizeSet trims immediately to the newest `size` messages', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 2, 2);
      await store.roomHistoryMaxSizeSet(room, 1);
      expect(await store.roomHistoryGet(room, 0, 9)).toEqual([{ ...message(2), id: 2 }]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 1,
        historyMaxSize: 1,
        lastMessageId: 2,
        epoch: expect.any(String) as unknown,
      });
    });

    it('roomHistoryMaxSizeSet: 0 empties the history; a larger limit does not bring messages back', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 10, 5);
      await store.roomHistoryMaxSizeSet(room, 3);
      expect(ids(await store.roomHistoryRecent(room, 10))).toEqual([5, 4, 3]);
      await store.roomHistoryMaxSizeSet(room, 0);
      expect(await store.roomHistoryRecent(room, 10)).toEqual([]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 0,
        historyMaxSize: 0,
        lastMessageId: 5,
        epoch: expect.any(String) as unknown,
      });
      expect(await store.roomHistoryAppend(room, message(6))).toEqual({ kind: 'appended', id: 6 });
      expect(await store.roomHistoryRecent(room, 10)).toEqual([]);
      await store.roomHistoryMaxSizeSet(room, 3);
      expect(await store.roomHistoryRecent(room, 10)).toEqual([]);
      expect(await store.roomHistoryAppend(room, message(7))).toEqual({ kind: 'appended', id: 7 });
      expect(await store.roomHistoryAppend(room, message(8))).toEqual({ kind: 'appended', id: 8 });
      expect(ids(await store.roomHistoryRecent(room, 10))).toEqual([8, 7]);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 2,
        historyMaxSize: 3,
        lastMessageId: 8,
        epoch: expect.any(String) as unknown,
      });
      await store.roomHistoryMaxSizeSet(room, 100);
      expect(await store.roomHistoryInfo(room)).toEqual({
        historySize: 2,
        historyMaxSize: 100,
        lastMessageId: 8,
        epoch: expect.any(String) as unknown,
      });
    });
  });
}
