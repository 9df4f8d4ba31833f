/**
 * The in-memory shape of one room.
 *
 * @module
 */
import type { RoomAccess, RoomInit, RoomListName, RoomNotifications } from '@chat-service/core';
import { HistoryBuffer } from './history-buffer.js';

/** One room. A room marked as deleting stays here until `deleteRoom`. */
export interface RoomRecord {
  owner: string | null;
  whitelistOnly: boolean;
  /** adminlist, whitelist, blacklist and userlist; a Map so that an unexpected list name finds nothing. */
  readonly lists: Map<RoomListName, Set<string>>;
  /** Last join or leave time per user. */
  readonly seen: Map<string, number>;
  notifications: RoomNotifications;
  /** Reads as missing for `hasRoom`, `roomAccess` and `roomNotificationsGet`; blocks `addRoom`. */
  deleting: boolean;
  readonly history: HistoryBuffer;
}

/** Rooms by name. */
export type RoomTable = Map<string, RoomRecord>;

/**
 * @param init - the room's initial state
 * @returns a new record holding copies of the init lists
 */
export function createRoomRecord(init: Readonly<RoomInit>): RoomRecord {
  return {
    owner: init.owner,
    whitelistOnly: init.whitelistOnly,
    lists: new Map<RoomListName, Set<string>>([
      ['adminlist', new Set(init.adminlist)],
      ['whitelist', new Set(init.whitelist)],
      ['blacklist', new Set(init.blacklist)],
      ['userlist', new Set()],
    ]),
    seen: new Map(),
    notifications: { enableAccessListsUpdates: init.enableAccessListsUpdates, enableUserlistUpdates: init.enableUserlistUpdates },
    deleting: false,
    history: new HistoryBuffer(init.historyMaxSize),
  };
}

/**
 * @param rooms - the table
 * @param name - a room name
 * @returns the room unless it is missing or being deleted
 */
export function liveRoom(rooms: RoomTable, name: string): RoomRecord | undefined {
  const room = rooms.get(name);
  return room?.deleting === false ? room : undefined;
}

/** A user's standing in a room (see the Store port's `roomAccess`). */
export function accessOf(room: RoomRecord, user: string): RoomAccess {
  const has = (list: 'adminlist' | 'whitelist' | 'blacklist' | 'userlist'): boolean => room.lists.get(list)?.has(user) ?? false;
  return {
    owner: room.owner,
    isAdmin: has('adminlist'),
    inBlacklist: has('blacklist'),
    inWhitelist: has('whitelist'),
    inUserlist: has('userlist'),
    whitelistOnly: room.whitelistOnly,
  };
}
