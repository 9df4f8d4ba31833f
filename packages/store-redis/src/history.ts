/**
 * A room's history: ids, the stored messages, the size limit and the epoch.
 * All history state sits in two keys (`historyinfo`, `history`) behind these
 * methods; the epoch is written with `historyinfo` when the room is made.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { historyWindow, type AppendResult, type HistoryInfo, type HistoryStore, type StoredMessage } from '@chat-service/core';
import { createAppendBatch, type AppendKeys, type AppendPublisher } from './append-batch.js';
import { roomMessagePrefix } from './bus-frame.js';
import { encodeMessageBody, parseJson } from './codec.js';
import { count, type StoreContext } from './context.js';
import type { WriteBatch } from './write-batch.js';
import { asArray, asNumber, asString } from './reply.js';
import { standingKeys, toRoomAccess } from './standing.js';

/** The history part of the store. */
export type HistoryOps = HistoryStore;

function isStoredMessage(value: unknown): value is StoredMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The append script's reply (the id, 0 for no room, -1 for a non-member) as the port's result. */
function appendResult(reply: number): AppendResult {
  if (reply > 0) return { kind: 'appended', id: reply };
  return reply === 0 ? { kind: 'noRoom' } : { kind: 'notJoined' };
}

/** Parses stored JSON messages, skipping anything that is not an object. */
function decodeMessages(items: readonly unknown[]): StoredMessage[] {
  return items.map((item) => parseJson(asString(item))).filter(isStoredMessage);
}

/** The messages of a history script's page reply `[last, older, newer]`, newest first, inside the window (see `historyWindow`). */
function pageOf(page: readonly unknown[], afterId: number, limit: number): StoredMessage[] {
  const [last, older, newer] = page;
  const window = historyWindow(asNumber(last), afterId, limit);
  if (window === null) return [];
  const [first, lastId] = window;
  return newestFirst(older, newer).filter((m) => typeof m.id === 'number' && m.id >= first && m.id <= lastId);
}

/** The messages of a ring slice (two parts, oldest first), newest first. */
function newestFirst(older: unknown, newer: unknown): StoredMessage[] {
  return decodeMessages([...asArray(older), ...asArray(newer)].reverse());
}

/** @returns a fresh history epoch: 16 random base64url characters */
export function newEpoch(): string {
  return randomBytes(12).toString('base64url');
}

/** How many rooms' append keys are kept: an instance appends to the same rooms again and again. */
const APPEND_CACHE_SIZE = 4096;

/**
 * Builds the history operations over one context.
 *
 * @param publish - how the append publishes a room message it is given a notice for (the bus's mode)
 * @param writes - the client's write batch: the appends of one turn go as one script call
 */
export function createHistoryOps({ keys, scripts }: StoreContext, publish: 'publish' | 'spublish', writes: WriteBatch): HistoryOps {
  const historyKeys = (room: string): [string, string] => [keys.room(room, 'historyinfo'), keys.room(room, 'history')];
  const append = createAppendBatch(scripts.historyAppend, writes);
  const cache = new Map<string, AppendKeys>();
  const appendKeys = (room: string): AppendKeys => {
    const cached = cache.get(room);
    if (cached) return cached;
    const [info, history] = historyKeys(room);
    const entry: AppendKeys = [info, history, keys.room(room, 'userlist'), keys.busChannel({ kind: 'room', name: room })];
    if (cache.size >= APPEND_CACHE_SIZE) cache.clear();
    cache.set(room, entry);
    return entry;
  };
  // One tuple per origin (in the service, always this instance's own), so a turn's appends share one call
  let publisher: AppendPublisher | undefined;
  const publisherOf = (origin: string): AppendPublisher => {
    if (publisher?.[1] !== origin) publisher = [publish, origin, roomMessagePrefix(origin)];
    return publisher;
  };
  return {
    async roomHistoryAppend(room, message, member, notice) {
      // The script writes `{"id":N,` and then the body without its `{`
      const rest = encodeMessageBody(message).slice(1);
      // Published or not, then checked or not (a name to check follows; '' is one, for no user): see HISTORY_APPEND
      const control = (notice ? 'p' : '-') + (member === undefined ? '-' : `c${member}`);
      // With the origin, the script leaves out the publish when no other instance listens
      return appendResult(asNumber(await append(appendKeys(room), [rest, control], notice && publisherOf(notice.origin))));
    },
    async roomHistoryRecent(room: string, newest: number) {
      const n = count(newest);
      if (n === 0) return [];
      const [older, newer] = asArray(await scripts.historyRecent(historyKeys(room), [n]));
      return newestFirst(older, newer);
    },
    async roomHistoryGet(room: string, afterId: number, limit: number) {
      return pageOf(asArray(await scripts.historyGet(historyKeys(room), [count(afterId), count(limit)])), afterId, limit);
    },
    async roomHistoryRead(room: string, user: string, afterId: number, limit: number) {
      const reply = await scripts.historyRead([...standingKeys(keys, room), ...historyKeys(room)], [user, count(afterId), count(limit)]);
      if (reply === null) return null;
      const [standing, ...page] = asArray(reply);
      const access = toRoomAccess(standing);
      return access && { access, messages: pageOf(page, afterId, limit) };
    },
    async roomHistoryInfo(room: string): Promise<HistoryInfo> {
      const [last, max, size, epoch] = asArray(await scripts.historyInfo(historyKeys(room), [newEpoch()]));
      return { historySize: asNumber(size), historyMaxSize: asNumber(max), lastMessageId: asNumber(last), epoch: epoch === undefined ? '' : asString(epoch) };
    },
    async roomHistoryMaxSizeSet(room: string, size: number) {
      await scripts.historyMaxSizeSet(historyKeys(room), [count(size)]);
    },
  };
}
