/**
 * The Redis key layout. Every key of a room, of a user and of an instance
 * carries that name as its hash tag, so a Redis Cluster keeps them in one slot
 * and one Lua script may touch them all:
 *
 * ```
 * <prefix>:rooms:{<room>}:state          hash  whitelistOnly, owner, enable*Updates, deleting
 * <prefix>:rooms:{<room>}:adminlist      set   (also whitelist, blacklist, userlist)
 * <prefix>:rooms:{<room>}:seen           hash  user -> last join/leave time (ms)
 * <prefix>:rooms:{<room>}:historyinfo    hash  lastMessageId, historyMaxSize, historyBase, epoch, listeners, listener
 * <prefix>:rooms:{<room>}:history        list  JSON messages, a ring of historyMaxSize slots
 * <prefix>:rooms:{<room>}:listeners      set   instanceUIDs subscribed to the room's bus channel (kept when the room is deleted)
 * <prefix>:users:{<user>}:state          hash  whitelistOnly
 * <prefix>:users:{<user>}:whitelist      set   (also blacklist)
 * <prefix>:users:{<user>}:sockets        hash  socketId -> instanceUID
 * <prefix>:users:{<user>}:socketrooms:<socketId>  set  rooms of one socket
 * <prefix>:users:{<user>}:roomsockets:<room>      set  the user's sockets in one room
 * <prefix>:users:{<user>}:rooms          set   rooms with a roomsockets set
 * <prefix>:instances:{<uid>}:sockets     hash  socketId -> userName
 * <prefix>:instances:{<uid>}:heartbeat   string
 * <prefix>:instances:{<uid>}:listening   set   rooms whose listeners set holds the instance (to forget a dead one)
 * <prefix>:locks:{<resource>}            string lock token
 * <prefix>:rooms:{<room>}:bus            pub/sub channel of the room's topic (in the room's slot)
 * <prefix>:users:{<user>}:bus            pub/sub channel of the user's topic
 * <prefix>:instances:{<uid>}:bus         pub/sub channel of the instance's topic
 * <prefix>:bus                           pub/sub channel of the global topic
 * ```
 *
 * @module
 */

import type { BusTopic } from '@chat-service/core';

/** The room fields that are separate keys. */
export type RoomKeyName = 'state' | 'adminlist' | 'whitelist' | 'blacklist' | 'userlist' | 'seen' | 'historyinfo' | 'history' | 'listeners';

/** Every key of a room that `deleteRoom` removes: all but `listeners`, which belongs to the instances subscribed to its bus channel. */
export const ROOM_KEY_NAMES = ['state', 'adminlist', 'whitelist', 'blacklist', 'userlist', 'seen', 'historyinfo', 'history'] as const satisfies readonly RoomKeyName[];

/** The user fields that are single keys. */
export type UserKeyName = 'state' | 'whitelist' | 'blacklist' | 'sockets' | 'rooms';

/**
 * Encodes a name for use as a hash tag. Names the core accepts (no `{`, `}`)
 * stay readable; any other string (empty, with braces or `%`) becomes `%` plus
 * its percent-encoding, so the tag is never empty, never holds a brace, and
 * distinct names never share a tag.
 */
export function hashTag(name: string): string {
  if (name !== '' && !/[{}%]/.test(name)) return name;
  return `%${name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The key names of one store, built from its prefix. */
export interface KeySpace {
  readonly prefix: string;
  /** The key of one field of a room, `<prefix>:rooms:{<room>}:<name>`. */
  room(room: string, name: RoomKeyName): string;
  /** The key of one field of a user, `<prefix>:users:{<user>}:<name>`. */
  user(user: string, name: UserKeyName): string;
  /** The key of a socket's room set; `userSocketRoomsBase(user) + socketId`. */
  userSocketRooms(user: string, socketId: string): string;
  /** The common start of a user's socket room-set keys (for scripts that add the socket id). */
  userSocketRoomsBase(user: string): string;
  /** The key of the user's socket set in a room; `userRoomSocketsBase(user) + room`. */
  userRoomSockets(user: string, room: string): string;
  /** The common start of a user's per-room socket-set keys (for scripts that add the room). */
  userRoomSocketsBase(user: string): string;
  /** The key of an instance's socket hash (socket id to user name). */
  instanceSockets(uid: string): string;
  /** The key of an instance's heartbeat. */
  instanceHeartbeat(uid: string): string;
  /** The key of the set of rooms an instance is registered as a listener of. */
  instanceListening(uid: string): string;
  /** The key of a lock on `resource`. */
  lock(resource: string): string;
  /** The pub/sub channel of a bus topic. */
  busChannel(topic: BusTopic): string;
}

/**
 * Builds the key space of a prefix.
 *
 * @param prefix - must not contain `{` or `}` (it would become the hash tag)
 */
export function createKeySpace(prefix: string): KeySpace {
  if (/[{}]/.test(prefix)) throw new Error(`[store-redis] the "prefix" option must not contain "{" or "}": "${prefix}"`);
  const userBase = (user: string): string => `${prefix}:users:{${hashTag(user)}}`;
  return {
    prefix,
    room: (room, name) => `${prefix}:rooms:{${hashTag(room)}}:${name}`,
    user: (user, name) => `${userBase(user)}:${name}`,
    userSocketRooms: (user, socketId) => `${userBase(user)}:socketrooms:${socketId}`,
    userSocketRoomsBase: (user) => `${userBase(user)}:socketrooms:`,
    userRoomSockets: (user, room) => `${userBase(user)}:roomsockets:${room}`,
    userRoomSocketsBase: (user) => `${userBase(user)}:roomsockets:`,
    instanceSockets: (uid) => `${prefix}:instances:{${hashTag(uid)}}:sockets`,
    instanceHeartbeat: (uid) => `${prefix}:instances:{${hashTag(uid)}}:heartbeat`,
    instanceListening: (uid) => `${prefix}:instances:{${hashTag(uid)}}:listening`,
    lock: (resource) => `${prefix}:locks:{${hashTag(resource)}}`,
    busChannel: (topic) => {
      switch (topic.kind) {
        case 'global':
          return `${prefix}:bus`;
        case 'room':
          return `${prefix}:rooms:{${hashTag(topic.name)}}:bus`;
        case 'user':
          return `${userBase(topic.name)}:bus`;
        case 'instance':
          return `${prefix}:instances:{${hashTag(topic.name)}}:bus`;
      }
    },
  };
}
