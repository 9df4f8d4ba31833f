/**
 * Room access lists, the userlist and last-seen times.
 *
 * @module
 */
import type { RoomListName, Store, UserSeen } from '@chat-service/core';
import type { RoomTable } from './internal/room-record.js';

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
    async roomListAdd(room, listName, names, limit) {
      const values = list(room, listName);
      if ((values?.size ?? 0) + names.length > limit) return false;
      for (const name of names) values?.add(name);
      return true;
    },
    async roomListRemove(room, listName, names) {
      const values = list(room, listName);
      for (const name of names) values?.delete(name);
    },
    async roomListGet(room, listName) {
      return [...(list(room, listName) ?? [])];
    },
    async roomListHas(room, listName, name) {
      return list(room, listName)?.has(name) ?? false;
    },
    async roomUserlistAdd(name, user, now) {
      const room = rooms.get(name);
      const userlist = room?.lists.get('userlist');
      if (!room || !userlist || userlist.has(user)) return;
      userlist.add(user);
      room.seen.set(user, now);
    },
    async roomUserlistRemove(name, user, now) {
      const room = rooms.get(name);
      if (room?.lists.get('userlist')?.delete(user)) room.seen.set(user, now);
    },
    async roomUserSeen(name, user): Promise<UserSeen> {
      const room = rooms.get(name);
      return { joined: room?.lists.get('userlist')?.has(user) ?? false, timestamp: room?.seen.get(user) ?? null };
    },
  };
}
