/**
 * The ports: what the core needs from storage (`Store`), from other
 * instances (`Bus`) and from the network (`Transport`). Declarations only.
 *
 * @module
 */

// --- shared small types ---

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

/** History counters of a room. */
export interface HistoryInfo {
  historySize: number;
  historyMaxSize: number;
  lastMessageId: number;
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

// --- Store ---

/**
 * All durable state. Every method is one atomic domain operation, so that a
 * Redis adapter can run it in one round trip and keep each room's and each
 * user's keys in one cluster hash slot. Names are opaque strings: `__proto__`
 * is an ordinary name. Methods never throw `ChatServiceError`; they report
 * domain outcomes in their results (`false`, `null`) and reject only on
 * infrastructure failures.
 */
export interface Store {
  // users
  /** Creates a user; `false` when it already exists (nothing changes then). */
  addUser(name: string, init: Readonly<UserInit>): Promise<boolean>;
  /** Creates the user with empty lists unless it exists. */
  ensureUser(name: string): Promise<void>;
  hasUser(name: string): Promise<boolean>;
  /** Removes a user and its direct lists (the core first checks it has no sockets). */
  deleteUser(name: string): Promise<void>;
  /** Adds names to a direct list; `false` (nothing added) when `current size + names.length > limit`. */
  directListAdd(user: string, list: DirectListName, names: readonly string[], limit: number): Promise<boolean>;
  directListRemove(user: string, list: DirectListName, names: readonly string[]): Promise<void>;
  directListGet(user: string, list: DirectListName): Promise<string[]>;
  directListHas(user: string, list: DirectListName, name: string): Promise<boolean>;
  directModeGet(user: string): Promise<boolean>;
  directModeSet(user: string, whitelistOnly: boolean): Promise<void>;
  /** The sender's standing with the recipient; `null` when the recipient does not exist. */
  directAccess(recipient: string, sender: string): Promise<DirectAccess | null>;

  // sockets of users
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
  removeSocketFromRoom(user: string, socketId: string, room: string): Promise<RoomSocketChange>;
  /** Removes every socket of the user from the room; returns the removed socket ids. */
  removeUserSocketsFromRoom(user: string, room: string): Promise<string[]>;

  // instances
  /** Records a socket in an instance's registry. */
  addInstanceSocket(instanceUID: string, socketId: string, user: string): Promise<void>;
  removeInstanceSocket(instanceUID: string, socketId: string): Promise<void>;
  /** `{ socketId: userName }` of an instance's sockets (`{}` for an unknown instance). */
  getInstanceSockets(instanceUID: string): Promise<Record<string, string>>;
  setHeartbeat(instanceUID: string, timestamp: number): Promise<void>;
  /** The last heartbeat, or `null` if unknown. */
  getHeartbeat(instanceUID: string): Promise<number | null>;

  // rooms
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
  roomListRemove(room: string, list: AccessListName, names: readonly string[]): Promise<void>;
  roomListGet(room: string, list: RoomListName): Promise<string[]>;
  roomListHas(room: string, list: RoomListName, name: string): Promise<boolean>;
  roomOwnerGet(room: string): Promise<string | null>;
  roomOwnerSet(room: string, owner: string): Promise<void>;
  roomModeGet(room: string): Promise<boolean>;
  roomModeSet(room: string, whitelistOnly: boolean): Promise<void>;
  /** The notification switches; both `false` for a missing room. */
  roomNotificationsGet(room: string): Promise<RoomNotifications>;
  roomNotificationsSet(room: string, patch: Readonly<Partial<RoomNotifications>>): Promise<void>;
  /** Adds a user to the userlist and sets their seen time, unless already present. */
  roomUserlistAdd(room: string, user: string, now: number): Promise<void>;
  /** Removes a user from the userlist and sets their seen time, if present. */
  roomUserlistRemove(room: string, user: string, now: number): Promise<void>;
  roomUserSeen(room: string, user: string): Promise<UserSeen>;

  // history: all of a room's history state lives behind these five methods
  /** Allocates the next id (last + 1), stores the message with it at the head and trims to the room's limit; returns the id. */
  roomHistoryAppend(room: string, message: Readonly<StoredMessage>): Promise<number>;
  /** The newest `count` stored messages, newest first. */
  roomHistoryRecent(room: string, count: number): Promise<StoredMessage[]>;
  /**
   * Stored messages with ids in `[from + 1, from + len]`, newest first, where
   * `from = min(max(afterId, 0), lastMessageId)` and `len = min(limit, lastMessageId - from)`
   * (see `historyWindow`). Trimmed ids are just missing.
   */
  roomHistoryGet(room: string, afterId: number, limit: number): Promise<StoredMessage[]>;
  roomHistoryInfo(room: string): Promise<HistoryInfo>;
  /** Sets the room's limit and trims to the newest `size` messages. */
  roomHistoryMaxSizeSet(room: string, size: number): Promise<void>;

  // locks
  /** Takes a lock unless held; returns a token, or `null` when it is held. It expires after `ttl` ms. */
  lockAcquire(resource: string, ttl: number): Promise<string | null>;
  /** Releases a lock if the token still holds it. */
  lockRelease(resource: string, token: string): Promise<void>;

  /** Releases resources; idempotent. */
  close(): Promise<void>;
}

// --- Bus ---

/** One instance-to-instance message: an event name and JSON-serialisable arguments. */
export interface BusMessage {
  event: string;
  args: unknown[];
}

/**
 * Instance-to-instance messaging. `publish` reaches the subscribers of every
 * instance sharing the backing, the publisher included.
 */
export interface Bus {
  /** Resolves when this instance receives published messages. */
  listen(): Promise<void>;
  publish(message: BusMessage): Promise<void>;
  /** Adds a handler; returns its removal. */
  subscribe(handler: (message: BusMessage) => void): () => void;
  /** Stops delivery; idempotent. */
  close(): Promise<void>;
}

// --- Transport ---

/** What a transport knows of a connection's handshake. */
export interface HandshakeData {
  isConnected: boolean;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  address?: string;
}

/** The reply to a command: its results, or an error (any thrown value, not yet converted). */
export type CommandReply = { error: null; results: unknown[] } | { error: unknown; results?: undefined };

/** What the core offers a transport; given once to {@link Transport.attach}. */
export interface TransportHost {
  /** A socket connected; the core authenticates it and answers with loginConfirmed / rejectLogin. */
  connection(socketId: string): void;
  /**
   * A client sent a command or a custom event. Resolves `null` when the socket
   * is not logged in (yet) or the name is unknown to it: the request is dropped.
   */
  command(socketId: string, name: string, args: unknown[]): Promise<CommandReply | null>;
  /** A socket disconnected (either side). Resolves when its cleanup is done. */
  disconnect(socketId: string): Promise<void>;
  /** Converts an error to the client form selected by `useRawErrorObjects`. */
  wireError(error: unknown): unknown;
}

/**
 * Local connections only. A transport knows nothing of rooms, users or other
 * instances; the core routes everything.
 */
export interface Transport {
  /** Short name, e.g. `socket.io` or `ws`. */
  readonly name: string;
  /** Starts accepting connections and reports them to `host`. */
  attach(host: TransportHost): Promise<void>;
  getHandshakeData(socketId: string): HandshakeData;
  /** The native socket object, or `undefined`. */
  getSocket(socketId: string): unknown;
  hasSocket(socketId: string): boolean;
  /** Joins a local channel; rejects with `invalidSocket` if the socket is not connected here. */
  joinChannel(socketId: string, channel: string): Promise<void>;
  leaveChannel(socketId: string, channel: string): Promise<void>;
  /** Sends a notification to one local socket (dropped if it is gone). */
  send(socketId: string, event: string, args: readonly unknown[]): void;
  /** Sends a notification to the local sockets of a channel, except `exceptId`. */
  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void;
  /** Sends loginRejected and disconnects. */
  rejectLogin(socketId: string, error: unknown): void;
  /** Disconnects a local socket (its `disconnect` reaches the host). */
  disconnectSocket(socketId: string): Promise<void>;
  /** Adds an ack-able custom event handler on a local socket. */
  bindHandler(socketId: string, event: string, handler: (...args: unknown[]) => unknown): void;
  /** The underlying server object (socket.io `Server`, ws `WebSocketServer`), at your own risk. */
  getServer(): unknown;
  /** Stops accepting, disconnects every client (awaiting host.disconnect for each), closes what it created. */
  close(): Promise<void>;
}
