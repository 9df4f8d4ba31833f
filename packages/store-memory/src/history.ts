/**
 * Room history: the `roomHistory*` methods, over each room's
 * `HistoryBuffer`.
 *
 * @module
 */
import type { AppendNotice, AppendResult, HistoryInfo, HistoryRead, HistoryStore, StoredMessage } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';
import { accessOf, liveRoom } from './internal/room-record.js';
import { settle } from './internal/settle.js';

/** The history methods of a `Store`. */
export type HistoryOperations = HistoryStore;

const NO_HISTORY: HistoryInfo = { historySize: 0, historyMaxSize: 0, lastMessageId: 0, epoch: '' };

/**
 * Implements the history methods. For a missing room, `roomHistoryAppend`
 * stores nothing and resolves `noRoom` (`notJoined` for a `member` not in the
 * userlist), and reads are empty.
 *
 * @param rooms - the shared table
 * @param publish - publishes the `roomMessage` notification of a message and its id (for `notice`), inside the append
 * @returns the methods
 */
export function createHistoryOperations(
  rooms: RoomTable,
  publish: (room: string, message: Readonly<StoredMessage>, id: number, notice: AppendNotice) => void,
): HistoryOperations {
  return {
    roomHistoryAppend(room, message, member, notice) {
      return settle((): AppendResult => {
        const record = rooms.get(room);
        if (!record) return { kind: 'noRoom' };
        if (member !== undefined && !record.lists.get('userlist')?.has(member)) return { kind: 'notJoined' };
        const id = record.history.append(message);
        if (notice) publish(room, message, id, notice);
        return { kind: 'appended', id };
      });
    },
    roomHistoryRecent(room, count) {
      return settle(() => rooms.get(room)?.history.recent(count) ?? []);
    },
    roomHistoryGet(room, afterId, limit) {
      return settle(() => rooms.get(room)?.history.window(afterId, limit) ?? []);
    },
    roomHistoryRead(room, user, afterId, limit) {
      return settle((): HistoryRead | null => {
        const record = liveRoom(rooms, room);
        return record ? { access: accessOf(record, user), messages: record.history.window(afterId, limit) } : null;
      });
    },
    roomHistoryInfo(room) {
      return settle(() => rooms.get(room)?.history.info() ?? { ...NO_HISTORY });
    },
    roomHistoryMaxSizeSet(room, size) {
      return settle(() => {
        rooms.get(room)?.history.setMaxSize(size);
      });
    },
  };
}
