/**
 * The command table: every client command declared once, as data — its
 * arguments (name and kind), its result type, the errors it answers with and
 * whether it needs a socket — and its TSDoc, which says what it does. The
 * command names, the types of the client methods and of the hooks, the
 * server's validation and the protocol documents all derive from it.
 *
 * @module
 */
import type { ErrorCode } from './error-codes.js';
import type { ArgKind } from './arg-kinds.js';
import type { ProcessedMessage, RoomHistoryInfo, RoomMessage, RoomNotifications, UserSeen } from './messages.js';
import { type TypeRef, typeRef } from './type-ref.js';

/** One positional argument of a command. */
export interface ArgSpec {
  /** Its name in documents and signatures. */
  readonly name: string;
  readonly kind: ArgKind;
}

/** One command of the table. */
export interface CommandEntry {
  /** The positional arguments; their count is the command's arity. */
  readonly args: readonly ArgSpec[];
  /** What it resolves with. */
  readonly result: TypeRef<unknown>;
  /** The errors of its own (beside those every command may answer with). */
  readonly errors: readonly ErrorCode[];
  /** Needs a socket: a server-side call without `context.id` fails with `noSocket`. */
  readonly needsSocket: boolean;
}

const none = typeRef<null>('null');
const names = typeRef<string[]>('string[]');
const flag = typeRef<boolean>('boolean');
const count = typeRef<number>('number');
const history = typeRef<RoomMessage[]>('RoomMessage[]');
const room = { name: 'roomName', kind: 'string' } as const;
const userNames = { name: 'userNames', kind: 'stringList' } as const;

/** Every client command. */
export const COMMAND_TABLE = {
  /** Adds names to your direct-message list. */
  directAddToList: {
    args: [{ name: 'listName', kind: 'directListName' }, userNames],
    result: none,
    errors: ['noList', 'notAllowed', 'listLimitExceeded'],
    needsSocket: false,
  },
  /** Your direct-message list. */
  directGetAccessList: {
    args: [{ name: 'listName', kind: 'directListName' }],
    result: names,
    errors: ['noList'],
    needsSocket: false,
  },
  /** Whether you accept direct messages from your whitelist only. */
  directGetWhitelistMode: {
    args: [],
    result: flag,
    errors: [],
    needsSocket: false,
  },
  /** Sends a direct message (needs `enableDirectMessages`); resolves with the delivered message. */
  directMessage: {
    args: [
      { name: 'toUser', kind: 'string' },
      { name: 'message', kind: 'directMessage' },
    ],
    result: typeRef<ProcessedMessage>('ProcessedMessage'),
    errors: ['notAllowed', 'noUser', 'noUserOnline', 'messageTooLarge'],
    needsSocket: false,
  },
  /** Removes names from your direct-message list. */
  directRemoveFromList: {
    args: [{ name: 'listName', kind: 'directListName' }, userNames],
    result: none,
    errors: ['noList', 'notAllowed'],
    needsSocket: false,
  },
  /** Accept direct messages from your whitelist only (`true`), or from anyone not blacklisted. */
  directSetWhitelistMode: {
    args: [{ name: 'mode', kind: 'boolean' }],
    result: none,
    errors: [],
    needsSocket: false,
  },
  /** Every socket of your user (on every instance) mapped to the rooms it joined. */
  listOwnSockets: {
    args: [],
    result: typeRef<Record<string, string[]>>('Record<string, string[]>'),
    errors: [],
    needsSocket: false,
  },
  /** Adds names to a room list (owner and admins). */
  roomAddToList: {
    args: [room, { name: 'listName', kind: 'accessListName' }, userNames],
    result: none,
    errors: ['noRoom', 'noList', 'notAllowed', 'listLimitExceeded'],
    needsSocket: false,
  },
  /** Creates a room you own, not joined (needs `enableRoomsManagement`). */
  roomCreate: {
    args: [room, { name: 'whitelistOnly', kind: 'boolean' }],
    result: none,
    errors: ['notAllowed', 'invalidName', 'roomExists'],
    needsSocket: false,
  },
  /** Deletes a room you own (needs `enableRoomsManagement`); everyone in it gets `roomAccessRemoved`. */
  roomDelete: {
    args: [room],
    result: none,
    errors: ['notAllowed', 'noRoom'],
    needsSocket: false,
  },
  /** A room list. */
  roomGetAccessList: {
    args: [room, { name: 'listName', kind: 'roomListName' }],
    result: names,
    errors: ['noRoom', 'notJoined', 'noList'],
    needsSocket: false,
  },
  /** The room's owner (`null` or `''` when it has none). */
  roomGetOwner: {
    args: [room],
    result: typeRef<string | null>('string | null'),
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** Whether the room is whitelist-only. */
  roomGetWhitelistMode: {
    args: [room],
    result: flag,
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** Messages with ids `id+1 .. id+limit` (at most `historyMaxGetMessages`), newest first. */
  roomHistoryGet: {
    args: [room, { name: 'id', kind: 'historyId' }, { name: 'limit', kind: 'historyLimit' }],
    result: history,
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** The room's history counters. */
  roomHistoryInfo: {
    args: [room],
    result: typeRef<RoomHistoryInfo>('RoomHistoryInfo'),
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** Joins this socket to a room; resolves with the number of your user's sockets now in it. */
  roomJoin: {
    args: [room],
    result: count,
    errors: ['noRoom', 'notAllowed', 'roomLimitExceeded'],
    needsSocket: true,
  },
  /** Leaves a room with this socket; resolves with the number of your user's sockets still in it. */
  roomLeave: {
    args: [room],
    result: count,
    errors: ['noRoom'],
    needsSocket: true,
  },
  /** Posts to a room you joined; resolves with the message id. */
  roomMessage: {
    args: [room, { name: 'message', kind: 'roomMessage' }],
    result: count,
    errors: ['noRoom', 'notJoined', 'messageTooLarge'],
    needsSocket: false,
  },
  /** The room's notification switches. */
  roomNotificationsInfo: {
    args: [room],
    result: typeRef<RoomNotifications>('RoomNotifications'),
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** The newest messages (at most `historyMaxGetMessages`), newest first. */
  roomRecentHistory: {
    args: [room],
    result: history,
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** Removes names from a room list (owner and admins). */
  roomRemoveFromList: {
    args: [room, { name: 'listName', kind: 'accessListName' }, userNames],
    result: none,
    errors: ['noRoom', 'noList', 'notAllowed'],
    needsSocket: false,
  },
  /** Makes the room whitelist-only (`true`) or open (owner and admins). */
  roomSetWhitelistMode: {
    args: [room, { name: 'mode', kind: 'boolean' }],
    result: none,
    errors: ['noRoom', 'notAllowed'],
    needsSocket: false,
  },
  /** Whether a user is in the room, and when they last joined or left. */
  roomUserSeen: {
    args: [room, { name: 'userName', kind: 'string' }],
    result: typeRef<UserSeen>('UserSeen'),
    errors: ['noRoom', 'notJoined'],
    needsSocket: false,
  },
  /** Sends any data to your user's other sockets (`systemMessage` notification). */
  systemMessage: {
    args: [{ name: 'data', kind: 'any' }],
    result: none,
    errors: [],
    needsSocket: false,
  },
} as const satisfies Record<string, CommandEntry>;
