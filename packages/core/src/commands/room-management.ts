/**
 * Room creation and deletion by clients.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { checkName } from '../limit-checks.js';
import { defineCommand } from './define.js';
import { defaultRoomInit } from './room-defaults.js';

/** The body of `roomCreate`: creates a room owned by the caller (needs `enableRoomsManagement` unless bypassed). */
export const roomCreate = defineCommand('roomCreate', async (rt, info, [roomName, whitelistOnly]) => {
  if (!rt.options.enableRoomsManagement && !info.bypassPermissions) throw new ChatServiceError('notAllowed');
  checkName(rt.options, roomName);
  const created = await rt.store.addRoom(roomName, { ...defaultRoomInit(rt), owner: info.userName ?? null, whitelistOnly });
  if (!created) throw new ChatServiceError('roomExists', roomName);
  return null;
});

/** The body of `roomDelete`: marks the room deleting, removes every member silently, then deletes it (its owner, or bypassed). */
export const roomDelete = defineCommand('roomDelete', async (rt, info, [roomName]) => {
  if (!rt.options.enableRoomsManagement && !info.bypassPermissions) throw new ChatServiceError('notAllowed');
  if (!(await rt.store.hasRoom(roomName))) throw new ChatServiceError('noRoom', roomName);
  if (!info.bypassPermissions) {
    const owner = await rt.store.roomOwnerGet(roomName);
    if (owner === null || owner !== info.userName) throw new ChatServiceError('notAllowed');
  }
  // From here the room reads as missing, so a client retrying roomJoin after roomAccessRemoved fails.
  await rt.store.markRoomDeleting(roomName);
  const userlist = await rt.store.roomListGet(roomName, 'userlist');
  await Promise.all(userlist.map((user) => rt.removeFromRoom(user, roomName, { silent: true })));
  await rt.store.deleteRoom(roomName);
  return null;
});
