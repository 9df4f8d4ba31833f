/**
 * Room access lists, the userlist and last-seen times.
 *
 * @module
 */
import type { RoomListName, Store, UserSeen } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';
import { settle } from './internal/settle.js';

/** The room-list methods of a `Store`. */
export type RoomListOperations = Pick<
  Store,
  'roomListAdd' | 'roomListRemove' | 'roomListGet' | 'roomListHas' | 'roomUserlistAdd' | 'roomUserlistRemove' | 'roomUserSeen'
>;

/**
 * Implements the room-list methods. Writes to a missing room change nothing.
 *
 * @param rooms - the shared table
 * @returns the methods
 */
export function createRoomListOperations(rooms: RoomTable): RoomListOperations {
  const list = (room: string, name: RoomListName): Set<string> | undefined => rooms.get(room)?.lists.get(name);
  return {
    roomListAdd(room, listName, names, limit) {
      return settle(() => {
        const values = list(room, listName);
        if ((values?.size ?? 0) + names.length > limit) return false;
        for (const name of names) values?.add(name);
        return true;
      });
    },
    roomListRemove(room, listName, names) {
      return settle(() => {
        const values = list(room, listName);
        for (const name of names) values?.delete(name);
      });
    },
    roomListGet(room, listName) {
      return settle(() => [...(list(room, listName) ?? [])]);
    },
    roomListHas(room, listName, name) {
      return settle(() => list(room, listName)?.has(name) ?? false);
    },
    roomUserlistAdd(name, user, now) {
      return settle(() => {
        const room = rooms.get(name);
        const userlist = room?.lists.get('userlist');
        if (!room || !userlist || userlist.has(user)) return;
        userlist.add(user);
        room.seen.set(user, now);
      });
    },
    roomUserlistRemove(name, user, now) {
      return settle(() => {
        const room = rooms.get(name);
        if (room?.lists.get('userlist')?.delete(user)) room.seen.set(user, now);
      });
    },
    roomUserSeen(name, user): Promise<UserSeen> {
      return settle(() => {
        const room = rooms.get(name);
        return { joined: room?.lists.get('userlist')?.has(user) ?? false, timestamp: room?.seen.get(user) ?? null };
      });
    },
  };
}
