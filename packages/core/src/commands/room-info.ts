/**
 * Room reads: owner, mode, notification switches, lists, last seen.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { isRoomList } from '../permissions.js';
import { defineCommand } from './define.js';
import { requireReadable } from './room-access.js';

export const roomGetOwner = defineCommand('roomGetOwner', async (rt, info, [roomName]) => {
  const access = await requireReadable(rt, info, roomName);
  return access.owner;
});

export const roomGetWhitelistMode = defineCommand('roomGetWhitelistMode', async (rt, info, [roomName]) => {
  const access = await requireReadable(rt, info, roomName);
  return access.whitelistOnly;
});

export const roomNotificationsInfo = defineCommand('roomNotificationsInfo', async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  return rt.store.roomNotificationsGet(roomName);
});

export const roomUserSeen = defineCommand('roomUserSeen', async (rt, info, [roomName, userName]) => {
  await requireReadable(rt, info, roomName);
  return rt.store.roomUserSeen(roomName, userName);
});

export const roomGetAccessList = defineCommand('roomGetAccessList', async (rt, info, [roomName, listName]) => {
  await requireReadable(rt, info, roomName);
  if (!isRoomList(listName)) throw new ChatServiceError('noList', listName);
  return rt.store.roomListGet(roomName, listName);
});
