/**
 * Room access lists and whitelist mode, with the forced removals they cause.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import type { ExecInfo } from '../exec-info.js';
import { checkListChange, isAccessList, isRoomAdmin, losesAccessAfterListChange, losesAccessInWhitelistMode } from '../permissions.js';
import type { AccessListName, RoomAccess } from '../ports.js';
import { defineCommand } from './define.js';
import { requireExisting, requireRoom } from './room-access.js';
import type { Runtime } from './runtime.js';

async function checkedList(
  rt: Runtime,
  info: ExecInfo,
  change: { roomName: string; listName: string; values: readonly string[] },
): Promise<AccessListName> {
  const { roomName, listName, values } = change;
  const bypass = Boolean(info.bypassPermissions);
  // A bypass call must not depend on the per-user read (it may be the part that fails): only the room's existence is checked.
  const access = bypass ? await requireExisting(rt, roomName) : await requireRoom(rt, info, roomName);
  const outcome = checkListChange({ access, author: info.userName, listName, values, bypass });
  if (outcome !== 'ok') throw new ChatServiceError('notAllowed');
  if (!isAccessList(listName)) throw new ChatServiceError('noList', listName);
  return listName;
}

/** Forced removal of every name for which `affected` holds; a failing check counts as unaffected. */
async function removeAffected(
  rt: Runtime,
  roomName: string,
  names: readonly string[],
  affected: (access: RoomAccess, name: string) => boolean,
): Promise<void> {
  const unique = [...new Set(names)];
  await Promise.all(
    unique.map(async (name) => {
      let remove = false;
      try {
        const access = await rt.store.roomAccess(roomName, name);
        remove = access !== null && affected(access, name);
      } catch (error) {
        rt.storeFailure(error, { userName: name, roomName, opType: 'roomUserlist' });
      }
      if (remove) await rt.removeFromRoom(name, roomName);
    }),
  );
}

async function notifyListChange(rt: Runtime, roomName: string, event: string, args: unknown[]): Promise<void> {
  const notifications = await rt.store.roomNotificationsGet(roomName).catch(() => null);
  if (notifications?.enableAccessListsUpdates) rt.emitToRoom(roomName, event, [roomName, ...args]);
}

/** The body of `roomAddToList`: adds names to a room list (owner and admins), within `roomListSizeLimit`, then notifies and removes who lost access. */
export const roomAddToList = defineCommand('roomAddToList', async (rt, info, [roomName, listName, names]) => {
  const list = await checkedList(rt, info, { roomName, listName, values: names });
  const added = await rt.store.roomListAdd(roomName, list, names, rt.options.roomListSizeLimit);
  if (!added) throw new ChatServiceError('listLimitExceeded', listName);
  await notifyListChange(rt, roomName, 'roomAccessListAdded', [listName, names]);
  await removeAffected(rt, roomName, names, (access, name) => losesAccessAfterListChange('add', list, access, name));
  return null;
});

/** The body of `roomRemoveFromList`: removes names from a room list (owner and admins), then notifies and removes who lost access. */
export const roomRemoveFromList = defineCommand('roomRemoveFromList', async (rt, info, [roomName, listName, names]) => {
  const list = await checkedList(rt, info, { roomName, listName, values: names });
  await rt.store.roomListRemove(roomName, list, names);
  await notifyListChange(rt, roomName, 'roomAccessListRemoved', [listName, names]);
  await removeAffected(rt, roomName, names, (access, name) => losesAccessAfterListChange('remove', list, access, name));
  return null;
});

/** The body of `roomSetWhitelistMode`: sets a room's mode (owner and admins); turning it on removes members the whitelist does not hold. */
export const roomSetWhitelistMode = defineCommand('roomSetWhitelistMode', async (rt, info, [roomName, mode]) => {
  if (info.bypassPermissions) await requireExisting(rt, roomName);
  else if (!isRoomAdmin(await requireRoom(rt, info, roomName), info.userName)) throw new ChatServiceError('notAllowed');
  await rt.store.roomModeSet(roomName, mode);
  await notifyListChange(rt, roomName, 'roomModeChanged', [mode]);
  if (mode) {
    const userlist = await rt.store.roomListGet(roomName, 'userlist');
    await removeAffected(rt, roomName, userlist, (a) => losesAccessInWhitelistMode(a));
  }
  return null;
});
