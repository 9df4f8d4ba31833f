/**
 * Fixtures of the history contracts: rooms filled with numbered messages.
 *
 * @module
 */
import type { StoredMessage } from '../../../ports.js';
import type { StoreHandle } from './context.js';
import { randomName, roomInit } from './context.js';

/** Creates a room with a history limit and appends `count` messages (ids 1..count). */
export async function roomWithMessages(store: StoreHandle, historyMaxSize: number, count: number): Promise<string> {
  const room = randomName('room');
  await store.addRoom(room, roomInit({ historyMaxSize }));
  for (let i = 1; i <= count; i++) await store.roomHistoryAppend(room, message(i));
  return room;
}

/** The i-th test message, as appended. */
export function message(i: number): StoredMessage {
  return { textMessage: `message ${String(i)}`, author: 'author', timestamp: 1_700_000_000_000 + i };
}

/** The ids of messages, in their order. */
export function ids(messages: readonly StoredMessage[]): unknown[] {
  return messages.map((m) => m.id);
}
