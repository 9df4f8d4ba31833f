/**
 * Room reads: owner, mode, notification switches, lists, last seen.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { isRoomList } from '../permissions.js';
import { defineCommand } from './define.js';
import { requireReadable } from './room-access.js';

/** The body of `roomGetOwner`: the owner of a room the caller may read. */
export const roomGetOwner = defineCommand('roomGetOwner', async (rt, info, [roomName]) => {
  const access = await requireReadable(rt, info, roomName);
  return access.owner;
});

/** The body of `roomGetWhitelistMode`: whether a room the caller may read is whitelist-only. */
export const roomGetWhitelistMode = defineCommand('roomGetWhitelistMode', async (rt, info, [roomName]) => {
  const access = await requireReadable(rt, info, roomName);
  return access.whitelistOnly;
});

/** The body of `roomNotificationsInfo`: the notification switches of a room the caller may read. */
export const roomNotificationsInfo = defineCommand('roomNotificationsInfo', async (rt, info, [roomName]) => {
  await requireReadable(rt, info, roomName);
  return rt.store.roomNotificationsGet(roomName);
});

/** The body of `roomUserSeen`: whether a user is in a room the caller may read, and when they last joined or left. */
export const roomUserSeen = defineCommand('roomUserSeen', async (rt, info, [roomName, userName]) => {
  await requireReadable(rt, info, roomName);
  return rt.store.roomUserSeen(roomName, userName);
});

/** The body of `roomGetAccessList`: one list of a room the caller may read. */
export const roomGetAccessList = defineCommand('roomGetAccessList', async (rt, info, [roomName, listName]) => {
  await requireReadable(rt, info, roomName);
  if (!isRoomList(listName)) throw new ChatServiceError('noList', listName);
  return rt.store.roomListGet(roomName, listName);
});
