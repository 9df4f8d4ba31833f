/**
 * Room messages and history reads.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { defineCommand, processMessage } from './define.js';
import { requireReadable, requireRoom } from './room-access.js';

export const roomMessage = defineCommand(['string', 'roomMessage'], async (rt, info, [roomName, message]) => {
  const access = await requireRoom(rt, info, roomName);
  const msg = processMessage(message, info.userName);
  if (!info.bypassPermissions && !access.inUserlist) throw new ChatServiceError('notJoined', roomName);
  const id = await rt.store.roomHistoryAppend(roomName, msg);
  rt.emitToRoom(roomName, 'roomMessage', [roomName, { ...msg, id }]);
  return id;
});

export const roomRecentHistory = defineCommand(['string'], async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  const max = rt.options.historyMaxGetMessages;
  if (max <= 0) return [];
  return rt.store.roomHistoryRecent(roomName, max);
});

export const roomHistoryGet = defineCommand(['string', 'historyId', 'historyLimit'], async (rt, info, [roomName, id, limit]) => {
  await requireReadable(rt, info, roomName);
  const effective = info.bypassPermissions ? limit : Math.min(limit, rt.options.historyMaxGetMessages);
  if (effective <= 0) return [];
  return rt.store.roomHistoryGet(roomName, id, effective);
});

export const roomHistoryInfo = defineCommand(['string'], async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  const history = await rt.store.roomHistoryInfo(roomName);
  return { ...history, historyMaxGetMessages: rt.options.historyMaxGetMessages };
});
