/**
 * The small data types the ports exchange.
 *
 * @module
 */

/** A room or direct-message list that clients may change. */
export type AccessListName = 'adminlist' | 'whitelist' | 'blacklist';
/** A room list that clients may read. */
export type RoomListName = AccessListName | 'userlist';
/** A user's direct-message list. */
export type DirectListName = 'whitelist' | 'blacklist';

/** A message as stored and broadcast: free fields plus `author`, `timestamp` and (rooms only) `id`. */
export interface StoredMessage {
  [field: string]: unknown;
  author?: string;
  timestamp: number;
  id?: number;
}

/** Everything needed to create a room; the core fills in every default. */
export interface RoomInit {
  owner: string | null;
  whitelistOnly: boolean;
  adminlist: readonly string[];
  whitelist: readonly string[];
  blacklist: readonly string[];
  historyMaxSize: number;
  enableAccessListsUpdates: boolean;
  enableUserlistUpdates: boolean;
}

/** Everything needed to create a user. */
export interface UserInit {
  whitelistOnly: boolean;
  whitelist: readonly string[];
  blacklist: readonly string[];
}

/** One user's standing in one room, read in one step for the permission checks. */
export interface RoomAccess {
  owner: string | null;
  isAdmin: boolean;
  inBlacklist: boolean;
  inWhitelist: boolean;
  inUserlist: boolean;
  whitelistOnly: boolean;
}

/** The per-room notification switches. */
export interface RoomNotifications {
  enableUserlistUpdates: boolean;
  enableAccessListsUpdates: boolean;
}

/** A sender's standing with a direct-message recipient. */
export interface DirectAccess {
  inBlacklist: boolean;
  inWhitelist: boolean;
  whitelistOnly: boolean;
}

/** History counters of a room, and the epoch its ids belong to. */
export interface HistoryInfo {
  historySize: number;
  historyMaxSize: number;
  lastMessageId: number;
  /**
   * An opaque random string made when the room's history state is created
   * and never reused: a room deleted and created again, or whose stored state
   * was lost and recreated, has a new one. Message ids are only comparable
   * within one epoch. Empty for a missing room.
   */
  epoch: string;
}

/** What `roomHistoryRead` read in one step: a user's standing in the room and a page of its history. */
export interface HistoryRead {
  readonly access: RoomAccess;
  /** As `roomHistoryGet` gives them: newest first. */
  readonly messages: StoredMessage[];
}

/** `{joined, timestamp}` of a user in a room's userlist. */
export interface UserSeen {
  joined: boolean;
  timestamp: number | null;
}

/** One socket of a user: where it lives and which rooms it joined. */
export interface UserSocket {
  id: string;
  instanceUID: string;
  rooms: string[];
}

/** The result of removing a socket from a user. */
export interface SocketRemoval {
  /** Rooms the socket was joined to. */
  roomsRemoved: string[];
  /** For each room of `roomsRemoved`, how many of the user's sockets are still joined to it. */
  joinedSockets: number[];
  /** The user's sockets left, on every instance. */
  nconnected: number;
}

/** The result of joining or leaving a room with one socket. */
export interface RoomSocketChange {
  /** The user's sockets joined to the room after the change. */
  njoined: number;
  /** Whether the socket's membership really changed. */
  changed: boolean;
}
