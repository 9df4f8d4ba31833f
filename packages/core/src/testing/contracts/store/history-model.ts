/**
 * Contract: the history against a model (the ids a history of that limit
 * keeps) through appends, limit changes and every read, so a store that keeps
 * its history in a ring or in pages is checked where the layout wraps or is
 * rebuilt.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import { historyWindow } from '../../../history-window.js';
import type { StoredMessage } from '../../../ports.js';
import type { StoreContractSetup, StoreHandle } from './context.js';
import { isUnsupported, randomName, roomInit, useHandles } from './context.js';

/** What the history of a room must hold. */
interface Model {
  last: number;
  max: number;
  /** Stored ids, oldest first. */
  stored: number[];
}

function text(id: number): string {
  return `m${String(id)}`;
}

async function append(store: StoreHandle, room: string, model: Model, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    model.last += 1;
    expect(await store.roomHistoryAppend(room, { textMessage: text(model.last), timestamp: model.last })).toEqual({ kind: 'appended', id: model.last });
    if (model.max > 0) model.stored = [...model.stored, model.last].slice(-model.max);
  }
}

async function resize(store: StoreHandle, room: string, model: Model, size: number): Promise<void> {
  await store.roomHistoryMaxSizeSet(room, size);
  model.max = size;
  model.stored = size > 0 ? model.stored.slice(-size) : [];
}

async function check(store: StoreHandle, room: string, model: Model, step: string): Promise<void> {
  const ids = (messages: readonly StoredMessage[]): unknown[] => messages.map((m) => m.id);
  for (const m of await store.roomHistoryRecent(room, model.max + 2)) expect(m).toEqual({ id: m.id, textMessage: text(Number(m.id)), timestamp: m.id });
  for (let count = 0; count <= model.max + 2; count++) {
    expect(ids(await store.roomHistoryRecent(room, count)), `${step}: recent ${String(count)}`).toEqual(count === 0 ? [] : model.stored.slice(-count).reverse());
  }
  for (let afterId = 0; afterId <= model.last + 1; afterId++) {
    for (const limit of [1, 2, model.max, model.max + 3]) {
      const range = historyWindow(model.last, afterId, limit);
      const expected = range ? model.stored.filter((id) => id >= range[0] && id <= range[1]).reverse() : [];
      expect(ids(await store.roomHistoryGet(room, afterId, limit)), `${step}: after ${String(afterId)} limit ${String(limit)}`).toEqual(expected);
    }
  }
  const info = await store.roomHistoryInfo(room);
  expect({ size: info.historySize, max: info.historyMaxSize, last: info.lastMessageId }, step).toEqual({ size: model.stored.length, max: model.max, last: model.last });
}

/**
 * Registers the history model test.
 *
 * @param setup - the adapter's setup
 */
export function describeHistoryModel(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'history'))('history against a model', () => {
    const { open } = useHandles(setup);

    it('appends, limit changes and reads agree with the ids a history of that limit keeps', async () => {
      const store = await open();
      const room = randomName('room');
      await store.addRoom(room, roomInit({ historyMaxSize: 5 }));
      const model: Model = { last: 0, max: 5, stored: [] };
      const steps: [string, (m: Model) => Promise<void>][] = [
        ['3 appends', (m) => append(store, room, m, 3)],
        ['5 more (wraps)', (m) => append(store, room, m, 5)],
        ['limit 3', (m) => resize(store, room, m, 3)],
        ['4 appends', (m) => append(store, room, m, 4)],
        ['limit 7', (m) => resize(store, room, m, 7)],
        ['9 appends', (m) => append(store, room, m, 9)],
        ['limit 0', (m) => resize(store, room, m, 0)],
        ['2 appends without history', (m) => append(store, room, m, 2)],
        ['limit 4', (m) => resize(store, room, m, 4)],
        ['6 appends', (m) => append(store, room, m, 6)],
      ];
      for (const [step, run] of steps) {
        await run(model);
        await check(store, room, model, step);
      }
    });
  });
}
