/**
 * The server notifications, declared once as data: each one's positional
 * params (name and type), with a TSDoc saying when it is sent.
 * {@link NotificationMap} and the protocol documents derive from it.
 *
 * @module
 */
import type { AccessListName, AuthData, ProcessedMessage, RoomMessage, WireError } from './messages.js';
import { type TypeOf, type TypeRef, typeRef } from './type-ref.js';

/** One positional param of a notification. */
export interface ParamSpec {
  readonly name: string;
  readonly type: TypeRef<unknown>;
}

/** One notification of the table. */
export interface NotificationEntry {
  readonly params: readonly ParamSpec[];
}

const text = typeRef<string>('string');
const count = typeRef<number>('number');
const room = { name: 'roomName', type: text } as const;
const socketId = { name: 'socketId', type: text } as const;
const listName = { name: 'listName', type: typeRef<AccessListName>("'adminlist' | 'whitelist' | 'blacklist'") } as const;
const userNames = { name: 'userNames', type: typeRef<string[]>('string[]') } as const;

/** Every server notification. */
export const NOTIFICATION_TABLE = {
  /** Login succeeded: your user name and `authData` (with your socket `id`). */
  loginConfirmed: {
    params: [
      { name: 'userName', type: text },
      { name: 'authData', type: typeRef<AuthData>('AuthData') },
    ],
  },
  /** Login failed; the server then disconnects the socket. */
  loginRejected: {
    params: [{ name: 'error', type: typeRef<WireError>('WireError') }],
  },
  /** Another socket of your user connected; `nconnected` counts them all. */
  socketConnectEcho: {
    params: [socketId, { name: 'nconnected', type: count }],
  },
  /** Another socket of your user disconnected; `nconnected` counts those left. */
  socketDisconnectEcho: {
    params: [socketId, { name: 'nconnected', type: count }],
  },
  /** Another socket of your user joined a room. */
  roomJoinedEcho: {
    params: [room, socketId, { name: 'njoined', type: count }],
  },
  /** Another socket of your user left a room (or disconnected). */
  roomLeftEcho: {
    params: [room, socketId, { name: 'njoined', type: count }],
  },
  /** A user's first socket joined a room you are in (when the room enables userlist updates). */
  roomUserJoined: {
    params: [room, { name: 'userName', type: text }],
  },
  /** A user left a room you are in (when the room enables userlist updates). */
  roomUserLeft: {
    params: [room, { name: 'userName', type: text }],
  },
  /** Someone (you included) posted in a room you joined. */
  roomMessage: {
    params: [room, { name: 'message', type: typeRef<RoomMessage>('RoomMessage') }],
  },
  /** You lost access to a room (list change, mode change, deletion) and are no longer in it. */
  roomAccessRemoved: {
    params: [room],
  },
  /** A list of a room you are in grew (when the room enables access list updates). */
  roomAccessListAdded: {
    params: [room, listName, userNames],
  },
  /** A list of a room you are in shrank (when the room enables access list updates). */
  roomAccessListRemoved: {
    params: [room, listName, userNames],
  },
  /** A room you are in became whitelist-only (`true`) or open (when the room enables access list updates). */
  roomModeChanged: {
    params: [room, { name: 'mode', type: typeRef<boolean>('boolean') }],
  },
  /** Someone sent you a direct message. */
  directMessage: {
    params: [{ name: 'message', type: typeRef<ProcessedMessage>('ProcessedMessage') }],
  },
  /** Another socket of your user sent a direct message to `toUser`. */
  directMessageEcho: {
    params: [
      { name: 'toUser', type: text },
      { name: 'message', type: typeRef<ProcessedMessage>('ProcessedMessage') },
    ],
  },
  /** Another socket of your user (or the server) sent a system message. */
  systemMessage: {
    params: [{ name: 'data', type: typeRef<unknown>('unknown') }],
  },
} as const satisfies Record<string, NotificationEntry>;

type Table = typeof NOTIFICATION_TABLE;

/** A server notification name. */
export type NotificationName = keyof Table;

/** Every server notification and its positional params. */
export type NotificationMap = { [K in NotificationName]: ParamTuple<Table[K]['params']> };

// Mapped over a type parameter, so that a tuple maps to a tuple.
type ParamTuple<TParams extends readonly ParamSpec[]> = {
  -readonly [I in keyof TParams]: TParams[I] extends { type: infer R } ? TypeOf<R> : never;
};

/** The notification names. */
export const NOTIFICATION_NAMES: readonly NotificationName[] = /* @__PURE__ */ Object.freeze(
  Object.keys(NOTIFICATION_TABLE).filter((name): name is NotificationName =>
    Object.prototype.hasOwnProperty.call(NOTIFICATION_TABLE, name),
  ),
);
