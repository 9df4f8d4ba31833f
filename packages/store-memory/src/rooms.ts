/**
 * Room lifecycle, `roomAccess`, owner, mode and notification switches.
 *
 * @module
 */
import type { RoomAccess, RoomNotifications, Store } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';
import { createRoomRecord, liveRoom } from './internal/room-record.js';

/** The room methods of a `Store` (lists and history have their own files). */
export type RoomOperations = Pick<
  Store,
  | 'addRoom'
  | 'hasRoom'
  | 'markRoomDeleting'
  | 'deleteRoom'
  | 'roomAccess'
  | 'roomOwnerGet'
  | 'roomOwnerSet'
  | 'roomModeGet'
  | 'roomModeSet'
  | 'roomNotificationsGet'
  | 'roomNotificationsSet'
>;

/**
 * Implements the room methods. A room being deleted reads as missing for
 * `hasRoom`, `roomAccess` and `roomNotificationsGet`, while its lists stay
 * readable until `deleteRoom` so that the core can still empty its userlist.
 * Writes to a missing room change nothing.
 *
 * @param rooms - the shared table
 * @returns the methods
 */
export function createRoomOperations(rooms: RoomTable): RoomOperations {
  return {
    async addRoom(name, init) {
      if (rooms.has(name)) return false;
      rooms.set(name, createRoomRecord(init));
      return true;
    },
    async hasRoom(name) {
      return liveRoom(rooms, name) !== undefined;
    },
    async markRoomDeleting(name) {
      const room = rooms.get(name);
      if (room) room.deleting = true;
    },
    async deleteRoom(name) {
      rooms.delete(name);
    },
    async roomAccess(name, user): Promise<RoomAccess | null> {
      const room = liveRoom(rooms, name);
      if (!room) return null;
      const has = (list: 'adminlist' | 'whitelist' | 'blacklist' | 'userlist'): boolean => room.lists.get(list)?.has(user) ?? false;
      return {
        owner: room.owner,
        isAdmin: has('adminlist'),
        inBlacklist: has('blacklist'),
        inWhitelist: has('whitelist'),
        inUserlist: has('userlist'),
        whitelistOnly: room.whitelistOnly,
      };
    },
    async roomOwnerGet(name) {
      return rooms.get(name)?.owner ?? null;
    },
    async roomOwnerSet(name, owner) {
      const room = rooms.get(name);
      if (room) room.owner = owner;
    },
    async roomModeGet(name) {
      return rooms.get(name)?.whitelistOnly ?? false;
    },
    async roomModeSet(name, whitelistOnly) {
      const room = rooms.get(name);
      if (room) room.whitelistOnly = whitelistOnly;
    },
    async roomNotificationsGet(name): Promise<RoomNotifications> {
      const room = liveRoom(rooms, name);
      return room ? { ...room.notifications } : { enableAccessListsUpdates: false, enableUserlistUpdates: false };
    },
    async roomNotificationsSet(name, patch) {
      const room = rooms.get(name);
      if (!room) return;
      const { enableAccessListsUpdates, enableUserlistUpdates } = patch;
      room.notifications = {
        enableAccessListsUpdates: enableAccessListsUpdates ?? room.notifications.enableAccessListsUpdates,
        enableUserlistUpdates: enableUserlistUpdates ?? room.notifications.enableUserlistUpdates,
      };
    },
  };
}
