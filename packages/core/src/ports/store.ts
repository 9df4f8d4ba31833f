/**
 * The Store port: all durable state, as atomic domain operations grouped by
 * capability. Adapters implement `Store`; the groups let them split the work
 * into files typed by the port.
 *
 * @module
 */
import type {
  AccessListName,
  DirectAccess,
  DirectListName,
  HistoryInfo,
  HistoryRead,
  RoomAccess,
  RoomInit,
  RoomListName,
  RoomNotifications,
  RoomSocketChange,
  SocketRemoval,
  StoredMessage,
  UserInit,
  UserSeen,
  UserSocket,
} from './types.js';

/** Users and their direct-message lists and mode. */
export interface UserStore {
  /** Creates a user; `false` when it already exists (nothing changes then). */
  addUser(name: string, init: Readonly<UserInit>): Promise<boolean>;
  /** Creates the user with empty lists unless it exists. */
  ensureUser(name: string): Promise<void>;
  /** Whether the user exists. */
  hasUser(name: string): Promise<boolean>;
  /** Removes a user and its direct lists (the core first checks it has no sockets). */
  deleteUser(name: string): Promise<void>;
  /** Adds names to a direct list; `false` (nothing added) when `current size + names.length > limit`. */
  directListAdd(user: string, list: DirectListName, names: readonly string[], limit: number): Promise<boolean>;
  /** Removes names from a direct list; names not in it are ignored. */
  directListRemove(user: string, list: DirectListName, names: readonly string[]): Promise<void>;
  /** The names in a direct list. */
  directListGet(user: string, list: DirectListName): Promise<string[]>;
  /** Whether a name is in a direct list. */
  directListHas(user: string, list: DirectListName, name: string): Promise<boolean>;
  /** Whether the user accepts direct messages from its whitelist only. */
  directModeGet(user: string): Promise<boolean>;
  /** Switches the user's whitelist-only mode for direct messages. */
  directModeSet(user: string, whitelistOnly: boolean): Promise<void>;
  /** The sender's standing with the recipient; `null` when the recipient does not exist. */
  directAccess(recipient: string, sender: string): Promise<DirectAccess | null>;
}

/** Which sockets a user has, on which instance, joined to which rooms. */
export interface SocketStore {
  /** Records a new socket of a user; returns the user's sockets on every instance, this one included. */
  addUserSocket(user: string, socketId: string, instanceUID: string): Promise<number>;
  /** Forgets a socket and its room memberships. A socket the store does not know gives empty lists. */
  removeUserSocket(user: string, socketId: string): Promise<SocketRemoval>;
  /** Every socket of a user. */
  getUserSockets(user: string): Promise<UserSocket[]>;
  /** Number of sockets of a user, on every instance. */
  countUserSockets(user: string): Promise<number>;
  /** Records that a socket joined a room. An unknown socket is recorded as well. */
  addSocketToRoom(user: string, socketId: string, room: string): Promise<RoomSocketChange>;
  /** Records that a socket left a room. */
  removeSocketFromRoom(user: string, socketId: string, room: string): Promise<RoomSocketChange>;
  /** Removes every socket of the user from the room; returns the removed socket ids. */
  removeUserSocketsFromRoom(user: string, room: string): Promise<string[]>;
}

/** Each instance's socket registry and heartbeat. */
export interface InstanceStore {
  /** Records a socket in an instance's registry. */
  addInstanceSocket(instanceUID: string, socketId: string, user: string): Promise<void>;
  /** Removes a socket from an instance's registry. */
  removeInstanceSocket(instanceUID: string, socketId: string): Promise<void>;
  /** `{ socketId: userName }` of an instance's sockets (`{}` for an unknown instance). */
  getInstanceSockets(instanceUID: string): Promise<Record<string, string>>;
  /** Records an instance's last heartbeat time (ms since the epoch). */
  setHeartbeat(instanceUID: string, timestamp: number): Promise<void>;
  /** The last heartbeat, or `null` if unknown. */
  getHeartbeat(instanceUID: string): Promise<number | null>;
}

/** Rooms: owner, lists, mode, notification switches, userlist and last-seen times. */
export interface RoomStore {
  /** Creates a room; `false` when it exists (or is being deleted). */
  addRoom(name: string, init: Readonly<RoomInit>): Promise<boolean>;
  /** `false` for a missing room and for a room being deleted. */
  hasRoom(name: string): Promise<boolean>;
  /** Marks a room as being deleted: from now on it reads as missing everywhere. */
  markRoomDeleting(name: string): Promise<void>;
  /** Removes a room and every piece of its data. */
  deleteRoom(name: string): Promise<void>;
  /** A user's standing in a room; `null` when the room is missing. */
  roomAccess(room: string, user: string): Promise<RoomAccess | null>;
  /** Adds names to a list; `false` (nothing added) when `current size + names.length > limit`. */
  roomListAdd(room: string, list: AccessListName, names: readonly string[], limit: number): Promise<boolean>;
  /** Removes names from a room's access list; names not in it are ignored. */
  roomListRemove(room: string, list: AccessListName, names: readonly string[]): Promise<void>;
  /** The names in a room's list (the userlist included). */
  roomListGet(room: string, list: RoomListName): Promise<string[]>;
  /** Whether a name is in a room's list. */
  roomListHas(room: string, list: RoomListName, name: string): Promise<boolean>;
  /** The room's owner, or `null` when it has none or the room is missing. */
  roomOwnerGet(room: string): Promise<string | null>;
  /** Sets the room's owner. */
  roomOwnerSet(room: string, owner: string): Promise<void>;
  /** Switches the room's whitelist-only mode. */
  roomModeSet(room: string, whitelistOnly: boolean): Promise<void>;
  /** The notification switches; both `false` for a missing room. */
  roomNotificationsGet(room: string): Promise<RoomNotifications>;
  /** Changes the given notification switches; the others keep their values. */
  roomNotificationsSet(room: string, patch: Readonly<Partial<RoomNotifications>>): Promise<void>;
  /** Adds a user to the userlist and sets their seen time, unless already present. */
  roomUserlistAdd(room: string, user: string, now: number): Promise<void>;
  /** Removes a user from the userlist and sets their seen time, if present. */
  roomUserlistRemove(room: string, user: string, now: number): Promise<void>;
  /** Whether the user is in the room's userlist, and when it last joined or left (`null`: never). */
  roomUserSeen(room: string, user: string): Promise<UserSeen>;
}

/** Asks `roomHistoryAppend` to publish the room's `roomMessage` notification too. */
export interface AppendNotice {
  /** The instanceUID of the publisher. */
  readonly origin: string;
}

/**
 * What `roomHistoryAppend` did: the message got `id`, or nothing was written
 * because the room does not exist (`noRoom`) or the `member` is not in its
 * userlist (`notJoined`).
 */
export type AppendResult = { readonly kind: 'appended'; readonly id: number } | { readonly kind: 'noRoom' } | { readonly kind: 'notJoined' };

/**
 * A room's history: ids, messages, limit and epoch. All of it lives behind
 * these methods, so history state stays in one place. The epoch is made
 * with the room (`addRoom`), in the same step as the rest of its history
 * state, and reported by `roomHistoryInfo`.
 */
export interface HistoryStore {
  /**
   * Allocates the next id (last + 1), stores the message with it at the head
   * and trims to the room's limit; resolves `appended` with the id. Resolves
   * `noRoom` (nothing written) for a missing room. With `member`, appends only
   * when `member` is in the room's userlist and resolves `notJoined` otherwise,
   * so a sender check and the append are one atomic step (one round trip on Redis).
   *
   * With `notice`, a store that is also the service's Bus publishes, in the
   * same atomic step, the room's notification on the room's topic:
   * `{ kind: 'emit', origin, channel: room, event: 'roomMessage', args: [room, { ...message, id }] }`,
   * so a room's notifications leave in id order.
   *
   * The store copies what it keeps of `message` before it resolves: the
   * caller may change the object afterwards (the core adds the id to it).
   */
  roomHistoryAppend(room: string, message: Readonly<StoredMessage>, member?: string, notice?: AppendNotice): Promise<AppendResult>;
  /** The newest `count` stored messages, newest first. */
  roomHistoryRecent(room: string, count: number): Promise<StoredMessage[]>;
  /**
   * Stored messages with ids in `[from + 1, from + len]`, newest first, where
   * `from = min(max(afterId, 0), lastMessageId)` and `len = min(limit, lastMessageId - from)`
   * (see `historyWindow`). Trimmed ids are just missing.
   */
  roomHistoryGet(room: string, afterId: number, limit: number): Promise<StoredMessage[]>;
  /**
   * `roomAccess(room, user)` and `roomHistoryGet(room, afterId, limit)` in one
   * atomic step (one round trip on Redis), for a read the caller checks
   * against the standing before it hands the messages out; `null` when the
   * room is missing (or being deleted).
   */
  roomHistoryRead(room: string, user: string, afterId: number, limit: number): Promise<HistoryRead | null>;
  /** Counters and epoch; for a missing room all zero and an empty epoch. A room stored before epochs existed gets one on this read. */
  roomHistoryInfo(room: string): Promise<HistoryInfo>;
  /** Sets the room's limit and trims to the newest `size` messages. */
  roomHistoryMaxSizeSet(room: string, size: number): Promise<void>;
}

/** (user, room) locks with a time to live. */
export interface LockStore {
  /** Takes a lock unless held; returns a token, or `null` when it is held. It expires after `ttl` ms. */
  lockAcquire(resource: string, ttl: number): Promise<string | null>;
  /** Releases a lock if the token still holds it. */
  lockRelease(resource: string, token: string): Promise<void>;
}

/**
 * All durable state. Every method is one atomic domain operation, so that a
 * Redis adapter can run it in one round trip and keep each room's and each
 * user's keys in one cluster hash slot. Names are opaque strings: `__proto__`
 * is an ordinary name. Methods never throw `ChatServiceError`; they report
 * domain outcomes in their results (`false`, `null`) and reject only on
 * infrastructure failures.
 *
 * A room marked with `markRoomDeleting` reads as missing in `hasRoom`,
 * `roomAccess` and `roomNotificationsGet` (so no one can join or act in it),
 * while its lists stay readable until `deleteRoom`. Writes to a missing room
 * leave no trace (`roomHistoryAppend` then resolves `noRoom`).
 */
export interface Store extends UserStore, SocketStore, InstanceStore, RoomStore, HistoryStore, LockStore {
  /** Releases resources; idempotent. */
  close(): Promise<void>;
}
