/**
 * Contract: stored messages keep every field, rooms keep their own ids and epochs, concurrent appends get distinct ids.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { ids, message, roomWithMessages } from './history-fixtures.js';
import { appendedId, isUnsupported, randomName, roomInit, useHandles } from './context.js';

/**
 * Registers the history tests.
 *
 * @param setup - the adapter's setup
 */
export function describeHistoryFidelity(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'history'))('history', () => {
    const { open } = useHandles(setup);

    it('stored messages keep arbitrary fields and binary values', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      const original: StoredMessage = {
        textMessage: 'héllo ✓ 🎉 "quoted" \\ \n',
        author: 'author',
        timestamp: 1_700_000_000_123,
        nested: { list: [1, 'two', null, true, { deep: 'x' }], empty: {}, zero: 0, negative: -1.5, no: false },
        emptyList: [],
        empty: '',
        nothing: null,
        bin: Buffer.from([0, 1, 2, 127, 128, 255]),
        emptyBin: Buffer.from([]),
        inner: { bin: Buffer.from('hello') },
        bins: [Buffer.from([9]), 'text'],
      };
      const id = appendedId(await store.roomHistoryAppend(room, original));
      const [recent] = await store.roomHistoryRecent(room, 1);
      const [got] = await store.roomHistoryGet(room, 0, 1);
      for (const stored of [recent, got]) {
        expect(stored).toEqual({ ...original, id });
        if (stored === undefined) throw new Error('missing message');
        expect(Buffer.isBuffer(stored['bin'])).toBe(true);
        expect(Buffer.isBuffer(stored['emptyBin'])).toBe(true);
        expect(Buffer.isBuffer((stored['inner'] as { bin: unknown }).bin)).toBe(true);
        expect(Buffer.isBuffer((stored['bins'] as unknown[])[0])).toBe(true);
      }
    });

    it('stored messages keep fields named like Object.prototype members', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit());
      const original = JSON.parse(
        '{"textMessage":"x","timestamp":1,"__proto__":{"polluted":true},"constructor":"c","toString":"t"}',
      ) as StoredMessage;
      await store.roomHistoryAppend(room, original);
      const [stored] = await store.roomHistoryRecent(room, 1);
      if (stored === undefined) throw new Error('missing message');
      expect(Object.hasOwn(stored, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual({ polluted: true });
      expect(Object.getOwnPropertyDescriptor(stored, 'constructor')?.value).toBe('c');
      expect(Object.getOwnPropertyDescriptor(stored, 'toString')?.value).toBe('t');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('each room has its own ids and messages', async () => {
      const store = await open();
      const r1 = await roomWithMessages(store, 10, 3);
      const r2 = await roomWithMessages(store, 10, 0);
      expect(await store.roomHistoryAppend(r2, message(1))).toEqual({ kind: 'appended', id: 1 });
      expect(ids(await store.roomHistoryRecent(r2, 10))).toEqual([1]);
      expect(ids(await store.roomHistoryRecent(r1, 10))).toEqual([3, 2, 1]);
    });

    it('epoch: a non-empty string made with the room, the same from every handle, kept by appends and limit changes', async () => {
      const [a, b] = [await open(), await open()];
      const room = await roomWithMessages(a, 2, 0);
      const { epoch } = await a.roomHistoryInfo(room);
      expect(epoch).toMatch(/^.{8,}$/);
      for (let i = 1; i <= 3; i++) await b.roomHistoryAppend(room, message(i));
      await a.roomHistoryMaxSizeSet(room, 1);
      expect(await b.roomHistoryInfo(room)).toEqual({ historySize: 1, historyMaxSize: 1, lastMessageId: 3, epoch });
    });

    it('epoch: every room has its own; a room deleted and added again gets a new one', async () => {
      const store = await open();
      const room = await roomWithMessages(store, 10, 2);
      const other = await roomWithMessages(store, 10, 0);
      const first = (await store.roomHistoryInfo(room)).epoch;
      expect((await store.roomHistoryInfo(other)).epoch).not.toBe(first);
      await store.markRoomDeleting(room);
      await store.deleteRoom(room);
      expect(await store.roomHistoryInfo(room)).toMatchObject({ lastMessageId: 0, epoch: '' });
      expect(await store.addRoom(room, roomInit({ historyMaxSize: 10 }))).toBe(true);
      for (let i = 1; i <= 3; i++) await store.roomHistoryAppend(room, message(i));
      const second = await store.roomHistoryInfo(room);
      expect(second).toEqual({ historySize: 3, historyMaxSize: 10, lastMessageId: 3, epoch: expect.any(String) as unknown });
      expect(second.epoch).not.toBe('');
      expect(second.epoch).not.toBe(first);
    });

    it('concurrent appends from two handles get distinct consecutive ids', async () => {
      const [a, b] = [await open(), await open()];
      const room = randomName('room');
      await a.addRoom(room, roomInit({ historyMaxSize: 100 }));
      const results = await Promise.all(
        Array.from({ length: 20 }, async (_, i) =>
          appendedId(await (i % 2 === 0 ? a : b).roomHistoryAppend(room, { textMessage: `m${String(i)}`, timestamp: i })),
        ),
      );
      expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const stored = await b.roomHistoryRecent(room, 100);
      expect(ids(stored)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
      for (const m of stored) expect(m['textMessage']).toBe(`m${String(results.indexOf(Number(m.id)))}`);
      expect(await a.roomHistoryInfo(room)).toEqual({ historySize: 20, historyMaxSize: 100, lastMessageId: 20, epoch: expect.any(String) as unknown });
    });
  });
}
