/**
 * Room lifecycle, `roomAccess`, owner, mode and notification switches.
 *
 * @module
 */
import type { RoomAccess, RoomNotifications, Store } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';
import { accessOf, createRoomRecord, liveRoom } from './internal/room-record.js';
import { settle } from './internal/settle.js';

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
    addRoom(name, init) {
      return settle(() => {
        if (rooms.has(name)) return false;
        rooms.set(name, createRoomRecord(init));
        return true;
      });
    },
    hasRoom(name) {
      return settle(() => liveRoom(rooms, name) !== undefined);
    },
    markRoomDeleting(name) {
      return settle(() => {
        const room = rooms.get(name);
        if (room) room.deleting = true;
      });
    },
    deleteRoom(name) {
      return settle(() => {
        rooms.delete(name);
      });
    },
    roomAccess(name, user): Promise<RoomAccess | null> {
      return settle(() => {
        const room = liveRoom(rooms, name);
        return room ? accessOf(room, user) : null;
      });
    },
    roomOwnerGet(name) {
      return settle(() => rooms.get(name)?.owner ?? null);
    },
    roomOwnerSet(name, owner) {
      return settle(() => {
        const room = rooms.get(name);
        if (room) room.owner = owner;
      });
    },
    roomModeSet(name, whitelistOnly) {
      return settle(() => {
        const room = rooms.get(name);
        if (room) room.whitelistOnly = whitelistOnly;
      });
    },
    roomNotificationsGet(name): Promise<RoomNotifications> {
      return settle(() => {
        const room = liveRoom(rooms, name);
        return room ? { ...room.notifications } : { enableAccessListsUpdates: false, enableUserlistUpdates: false };
      });
    },
    roomNotificationsSet(name, patch) {
      return settle(() => {
        const room = rooms.get(name);
        if (!room) return;
        const { enableAccessListsUpdates, enableUserlistUpdates } = patch;
        room.notifications = {
          enableAccessListsUpdates: enableAccessListsUpdates ?? room.notifications.enableAccessListsUpdates,
          enableUserlistUpdates: enableUserlistUpdates ?? room.notifications.enableUserlistUpdates,
        };
      });
    },
  };
}
