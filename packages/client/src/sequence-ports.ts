/**
 * What a room's message sequence (`room-sequence.ts`) reads from and delivers
 * to: the history of the current connection, the client's listeners, a clock.
 *
 * @module
 */
import type { RoomMessage } from '@chat-service/core/protocol';
import type { Clock } from './clock.js';

/** Why messages of a room could not be delivered. */
export interface RoomMessagesLostInfo {
  /**
   * `'trimmed'`: the history no longer holds the messages after the last one
   * delivered; `'reset'`: the room's epoch changed (it was deleted and made
   * again, or its stored state was lost), so its ids started again.
   */
  reason: 'trimmed' | 'reset';
  /** The id of the last message delivered before the gap (0 if none). */
  lastDeliveredId: number;
}

/** The part of `roomHistoryInfo` a sequence reads. */
export interface HistoryPosition {
  lastMessageId: number;
  historySize: number;
  historyMaxGetMessages: number;
  /** Absent from servers without epochs; then a lower `lastMessageId` tells a reset. */
  epoch?: string | undefined;
}

/** Where a sequence reads history from (the current connection). */
export interface HistorySource {
  /** `roomHistoryInfo(room)`: where the room's history stands now. */
  info(room: string): Promise<HistoryPosition>;
  /** `roomHistoryGet(room, afterId, limit)`: ids `afterId + 1 ..`, in any order. */
  get(room: string, afterId: number, limit: number): Promise<RoomMessage[]>;
}

/** Where a sequence delivers to. */
export interface SequenceSink {
  /** Delivers one message, in id order, once. */
  message(room: string, message: RoomMessage): void;
  /** Reports a gap that cannot be filled, before the messages after it. */
  lost(room: string, info: RoomMessagesLostInfo): void;
}

/** What a sequence needs besides its room. */
export interface SequenceDeps {
  source: HistorySource;
  sink: SequenceSink;
  clock: Clock;
  /** How long a later id waits for an earlier one before the history is asked. */
  holdMs: number;
}
