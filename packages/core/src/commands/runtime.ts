/**
 * What command bodies may use of the service: the store, the options and
 * the service's routing, locking and removal helpers.
 *
 * @module
 */
import type { Hooks } from '../hooks.js';
import type { ResolvedOptions } from '../options.js';
import type { AppendNotice, Store } from '../ports.js';

/** Context of a consistency failure event. */
export interface FailureInfo {
  userName: string | undefined;
  opType: 'userRooms' | 'roomUserlist' | 'userSockets' | 'transportChannel';
  roomName?: string;
  id?: string;
}

/** Options of a forced removal. */
export interface RemovalOptions {
  /** Skip the `roomUserLeft` notification (roomDelete). */
  silent?: boolean;
}

/** The service seen from the command bodies. */
export interface Runtime {
  readonly store: Store;
  readonly options: Readonly<ResolvedOptions>;
  readonly hooks: Readonly<Hooks>;
  readonly instanceUID: string;
  /** Given to `roomHistoryAppend` when the store also publishes the room message (it is the bus). */
  readonly appendNotice: AppendNotice | undefined;
  /** Fans a notification out to a room's sockets on every instance. */
  emitToRoom(room: string, event: string, args: unknown[]): void;
  /** Fans a `roomMessage` with its id out; `published`: the store published it already (inside the append), deliver locally only. */
  emitRoomMessage(room: string, id: number, args: unknown[], published: boolean): void;
  /** Fans a notification out to a user's sockets on every instance, except `exceptId`. */
  emitToUser(user: string, event: string, args: unknown[], exceptId?: string | null): void;
  /** Joins the local socket `id` to a transport channel. */
  joinChannel(id: string, channel: string): Promise<void>;
  /** `maxRoomsPerSocket`: throws `roomLimitExceeded` when the local socket `id` may not join `room`. */
  checkRoomSlot(id: string, room: string): void;
  /** Removes the local socket `id` from a transport channel. */
  leaveChannel(id: string, channel: string): Promise<void>;
  /** Runs `fn` under the (user, room) lock. */
  withLock<T>(user: string, room: string, fn: () => Promise<T>): Promise<T>;
  /** Forced removal of a user from a room; never rejects. */
  removeFromRoom(user: string, room: string, options?: RemovalOptions): Promise<void>;
  /** `onJoin` (rejections propagate). */
  runJoinHook(id: string, room: string, njoined: number): Promise<void>;
  /** `onLeave` (errors ignored). */
  runLeaveHook(id: string, room: string, njoined: number): Promise<void>;
  /** Reports a store step that failed after the command's state changed (`storeConsistencyFailure`). */
  storeFailure(error: unknown, info: FailureInfo): void;
  /** Reports a transport channel step that failed (`transportConsistencyFailure`). */
  transportFailure(error: unknown, info: FailureInfo): void;
}
