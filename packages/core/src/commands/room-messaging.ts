/**
 * Room messages and history reads.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { defineCommand, processMessage } from './define.js';
import { checkReadable, requireExisting, requireReadable } from './room-access.js';

/** The body of `roomMessage`: appends to the history in one atomic store step with the member check, then fans the message out with its id. */
export const roomMessage = defineCommand('roomMessage', async (rt, info, [roomName, message]) => {
  const msg = processMessage(message, info.userName);
  if (info.bypassPermissions) await requireExisting(rt, roomName);
  // The sender check and the append are one atomic store step.
  const member = info.bypassPermissions ? undefined : (info.userName ?? '');
  // With a notice, the same step publishes the notification on the room's topic, so a room's messages leave in id order.
  const notice = rt.appendNotice;
  const appended = await rt.store.roomHistoryAppend(roomName, msg, member, notice);
  if (appended.kind !== 'appended') throw new ChatServiceError(appended.kind, roomName);
  const { id } = appended;
  // The store copied what it keeps (see the Store port): the notification is this very object, with its id.
  msg.id = id;
  rt.emitRoomMessage(roomName, id, [roomName, msg], notice !== undefined);
  return id;
});

/** The body of `roomRecentHistory`: the newest `historyMaxGetMessages` messages of a room the caller may read. */
export const roomRecentHistory = defineCommand('roomRecentHistory', async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  const max = rt.options.historyMaxGetMessages;
  if (max <= 0) return [];
  return rt.store.roomHistoryRecent(roomName, max);
});

/**
 * The body of `roomHistoryGet`: messages after an id, capped by `historyMaxGetMessages` unless bypassed. The
 * caller's standing and the page are one store step (one round trip on Redis: the read a resuming client repeats).
 */
export const roomHistoryGet = defineCommand('roomHistoryGet', async (rt, info, [roomName, id, limit]) => {
  const effective = Math.max(0, info.bypassPermissions ? limit : Math.min(limit, rt.options.historyMaxGetMessages));
  const read = await rt.store.roomHistoryRead(roomName, info.userName ?? '', id, effective);
  checkReadable(info, roomName, read?.access ?? null);
  return read?.messages ?? [];
});

/** The body of `roomHistoryInfo`: the store's history counters plus the `historyMaxGetMessages` option. */
export const roomHistoryInfo = defineCommand('roomHistoryInfo', async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  const history = await rt.store.roomHistoryInfo(roomName);
  return { ...history, historyMaxGetMessages: rt.options.historyMaxGetMessages };
});
