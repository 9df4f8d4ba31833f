/**
 * Room history: the five `roomHistory*` methods, over each room's
 * `HistoryBuffer`.
 *
 * @module
 */
import type { HistoryInfo, Store } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';

/** The history methods of a `Store`. */
export type HistoryOperations = Pick<
  Store,
  'roomHistoryAppend' | 'roomHistoryRecent' | 'roomHistoryGet' | 'roomHistoryInfo' | 'roomHistoryMaxSizeSet'
>;

const NO_HISTORY: HistoryInfo = { historySize: 0, historyMaxSize: 0, lastMessageId: 0 };

/**
 * Implements the history methods. For a missing room, `roomHistoryAppend`
 * stores nothing and returns 0, and reads are empty.
 *
 * @param rooms - the shared table
 * @returns the methods
 */
export function createHistoryOperations(rooms: RoomTable): HistoryOperations {
  return {
    async roomHistoryAppend(room, message) {
      return rooms.get(room)?.history.append(message) ?? 0;
    },
    async roomHistoryRecent(room, count) {
      return rooms.get(room)?.history.recent(count) ?? [];
    },
    async roomHistoryGet(room, afterId, limit) {
      return rooms.get(room)?.history.window(afterId, limit) ?? [];
    },
    async roomHistoryInfo(room) {
      return rooms.get(room)?.history.info() ?? { ...NO_HISTORY };
    },
    async roomHistoryMaxSizeSet(room, size) {
      rooms.get(room)?.history.setMaxSize(size);
    },
  };
}
