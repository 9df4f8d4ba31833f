/**
 * Room creation and deletion by clients.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { checkName } from '../limit-checks.js';
import { defineCommand } from './define.js';
import type { Runtime } from './runtime.js';

/** Defaults of a room created by a client or `addRoom`. */
export function defaultRoomInit(rt: Runtime): {
  owner: null;
  whitelistOnly: false;
  adminlist: string[];
  whitelist: string[];
  blacklist: string[];
  historyMaxSize: number;
  enableAccessListsUpdates: boolean;
  enableUserlistUpdates: boolean;
} {
  return {
    owner: null,
    whitelistOnly: false,
    adminlist: [],
    whitelist: [],
    blacklist: [],
    historyMaxSize: rt.options.historyMaxSize,
    enableAccessListsUpdates: rt.options.enableAccessListsUpdates,
    enableUserlistUpdates: rt.options.enableUserlistUpdates,
  };
}

export const roomCreate = defineCommand(['string', 'boolean'], async (rt, info, [roomName, whitelistOnly]) => {
  if (!rt.options.enableRoomsManagement && !info.bypassPermissions) throw new ChatServiceError('notAllowed');
  checkName(rt.options, roomName);
  const created = await rt.store.addRoom(roomName, { ...defaultRoomInit(rt), owner: info.userName ?? null, whitelistOnly });
  if (!created) throw new ChatServiceError('roomExists', roomName);
  return null;
});

export const roomDelete = defineCommand(['string'], async (rt, info, [roomName]) => {
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
