/**
 * The client-facing protocol as types: every command's arguments and result,
 * and every server notification's params.
 * Type-only and free of Node-only imports, so `@chat-service/client` can share
 * it with `import type` and still bundle for browsers.
 *
 * @module
 */
import type { ErrorObject } from './errors.js';
import type { CommandName } from './hooks.js';
import type { AccessListName, DirectListName, HistoryInfo, RoomListName, RoomNotifications, UserSeen } from './ports/types.js';

// Re-exported so this module alone carries every type a client needs.
export type { CommandName } from './hooks.js';
export type { ERROR_CODES, ErrorCode, ErrorObject } from './errors.js';

// --- messages ---

// A type alias, not an interface, so it stays assignable to `Record<string, unknown>`.
/** The default message format a client sends: exactly `{ textMessage }`. */
export type TextMessage = { textMessage: string };

/**
 * A message a client sends. By default exactly a {@link TextMessage}; a
 * deployment with a `roomMessagesChecker` / `directMessagesChecker` hook
 * accepts any plain object its checker allows.
 */
export type Message = TextMessage | Readonly<Record<string, unknown>>;

/** A delivered direct message: the sent fields plus `author` and `timestamp` (ms since the epoch). */
export interface ProcessedMessage {
  [field: string]: unknown;
  /** The default format's text (absent for other formats). */
  textMessage?: string;
  /** The sender's name (absent for anonymous server-side messages). */
  author?: string;
  /** When the service accepted the message, in ms since the epoch. */
  timestamp: number;
}

/** A delivered or stored room message: a {@link ProcessedMessage} with its room-wide `id` (1, 2, ...). */
export interface RoomMessage extends ProcessedMessage {
  /** The message id in its room, starting at 1. */
  id: number;
}

// --- results ---

/** The result of `roomHistoryInfo`. */
export interface RoomHistoryInfo extends HistoryInfo {
  /** The service's `historyMaxGetMessages` option: the most messages one history read returns. */
  historyMaxGetMessages: number;
}

/** The `authData` of `loginConfirmed`: the socket `id` plus the fields the `onConnect` hook added. */
export interface AuthData {
  [field: string]: unknown;
  /** This connection's socket id. */
  id: string;
}

/** An error as a client receives it: the text (`ChatServiceError: ...`) or, with `useRawErrorObjects`, the object. */
export type WireError = string | ErrorObject;

// --- commands ---

/** One command's positional arguments and result. */
export interface CommandSpec {
  readonly args: readonly unknown[];
  readonly result: unknown;
}

/** Every client command: its positional arguments and its result. */
export interface CommandMap {
  /** Adds names to your direct-message list. Errors: `noList`, `notAllowed` (yourself), `listLimitExceeded`. */
  directAddToList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  /** Your direct-message list. Errors: `noList`. */
  directGetAccessList: { args: [listName: DirectListName]; result: string[] };
  /** Whether you accept direct messages from your whitelist only. */
  directGetWhitelistMode: { args: []; result: boolean };
  /** Sends a direct message; resolves with the delivered message. Errors: `notAllowed`, `noUser`, `noUserOnline`. */
  directMessage: { args: [toUser: string, message: Message]; result: ProcessedMessage };
  /** Removes names from your direct-message list. Errors: `noList`, `notAllowed`. */
  directRemoveFromList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  /** Accept direct messages from your whitelist only, or from anyone not blacklisted. */
  directSetWhitelistMode: { args: [mode: boolean]; result: null };
  /** Every socket of your user (on every instance) mapped to the rooms it joined. */
  listOwnSockets: { args: []; result: Record<string, string[]> };
  /** Adds names to a room list (owner/admins). Errors: `noRoom`, `noList`, `notAllowed`, `listLimitExceeded`. */
  roomAddToList: { args: [roomName: string, listName: AccessListName, userNames: string[]]; result: null };
  /** Creates a room you own (not joined). Errors: `notAllowed`, `invalidName`, `roomExists`. */
  roomCreate: { args: [roomName: string, whitelistOnly: boolean]; result: null };
  /** Deletes a room you own. Errors: `notAllowed`, `noRoom`. */
  roomDelete: { args: [roomName: string]; result: null };
  /** A room list. Errors: `noRoom`, `notJoined`, `noList`. */
  roomGetAccessList: { args: [roomName: string, listName: RoomListName]; result: string[] };
  /** The room's owner (`null` or `''` when it has none). Errors: `noRoom`, `notJoined`. */
  roomGetOwner: { args: [roomName: string]; result: string | null };
  /** Whether the room is whitelist-only. Errors: `noRoom`, `notJoined`. */
  roomGetWhitelistMode: { args: [roomName: string]; result: boolean };
  /** Messages with ids `id+1 .. id+limit` (capped by the service), newest first. Errors: `noRoom`, `notJoined`. */
  roomHistoryGet: { args: [roomName: string, id: number, limit: number]; result: RoomMessage[] };
  /** The room's history counters. Errors: `noRoom`, `notJoined`. */
  roomHistoryInfo: { args: [roomName: string]; result: RoomHistoryInfo };
  /** Joins this socket to a room; resolves with your user's sockets now in it. Errors: `noRoom`, `notAllowed`. */
  roomJoin: { args: [roomName: string]; result: number };
  /** Leaves a room; resolves with your user's sockets still in it. Errors: `noRoom`. */
  roomLeave: { args: [roomName: string]; result: number };
  /** Posts to a room you joined; resolves with the message id. Errors: `noRoom`, `notJoined`. */
  roomMessage: { args: [roomName: string, message: Message]; result: number };
  /** The room's notification switches. Errors: `noRoom`, `notJoined`. */
  roomNotificationsInfo: { args: [roomName: string]; result: RoomNotifications };
  /** The newest messages (at most `historyMaxGetMessages`), newest first. Errors: `noRoom`, `notJoined`. */
  roomRecentHistory: { args: [roomName: string]; result: RoomMessage[] };
  /** Removes names from a room list (owner/admins). Errors: `noRoom`, `noList`, `notAllowed`. */
  roomRemoveFromList: { args: [roomName: string, listName: AccessListName, userNames: string[]]; result: null };
  /** Makes the room whitelist-only or open (owner/admins). Errors: `noRoom`, `notAllowed`. */
  roomSetWhitelistMode: { args: [roomName: string, mode: boolean]; result: null };
  /** Whether a user is in the room and when they last joined or left. Errors: `noRoom`, `notJoined`. */
  roomUserSeen: { args: [roomName: string, userName: string]; result: UserSeen };
  /** Sends any data to your user's other sockets. */
  systemMessage: { args: [data: unknown]; result: null };
}

/** The positional arguments of command `K`. */
export type CommandArgs<K extends CommandName> = CommandMap[K]['args'];

/** The result of command `K`. */
export type CommandResult<K extends CommandName> = CommandMap[K]['result'];

// --- notifications ---

/** Every server notification and its positional params. */
export interface NotificationMap {
  /** Login succeeded: your user name and `authData` (with your socket `id`). */
  loginConfirmed: [userName: string, authData: AuthData];
  /** Login failed; the server then disconnects the socket. */
  loginRejected: [error: WireError];
  /** Another socket of your user connected; `nconnected` counts them all. */
  socketConnectEcho: [socketId: string, nconnected: number];
  /** Another socket of your user disconnected; `nconnected` counts those left. */
  socketDisconnectEcho: [socketId: string, nconnected: number];
  /** Another socket of your user joined a room. */
  roomJoinedEcho: [roomName: string, socketId: string, njoined: number];
  /** Another socket of your user left a room (or disconnected). */
  roomLeftEcho: [roomName: string, socketId: string, njoined: number];
  /** A user's first socket joined a room you are in (when the room enables userlist updates). */
  roomUserJoined: [roomName: string, userName: string];
  /** A user left a room you are in (when the room enables userlist updates). */
  roomUserLeft: [roomName: string, userName: string];
  /** Someone (you included) posted in a room you joined. */
  roomMessage: [roomName: string, message: RoomMessage];
  /** You lost access to a room (list change, mode change, deletion) and are no longer in it. */
  roomAccessRemoved: [roomName: string];
  /** A list of a room you are in grew (when the room enables access list updates). */
  roomAccessListAdded: [roomName: string, listName: AccessListName, userNames: string[]];
  /** A list of a room you are in shrank (when the room enables access list updates). */
  roomAccessListRemoved: [roomName: string, listName: AccessListName, userNames: string[]];
  /** A room you are in became whitelist-only (`true`) or open (when the room enables access list updates). */
  roomModeChanged: [roomName: string, mode: boolean];
  /** Someone sent you a direct message. */
  directMessage: [message: ProcessedMessage];
  /** Another socket of your user sent a direct message to `toUser`. */
  directMessageEcho: [toUser: string, message: ProcessedMessage];
  /** Another socket of your user (or the server) sent a system message. */
  systemMessage: [data: unknown];
}

/** A server notification name. */
export type NotificationName = keyof NotificationMap;
