/**
 * Which sockets a user has, on which instance, and which rooms each joined.
 *
 * @module
 */
import type { RoomSocketChange, SocketRemoval, SocketStore, UserSocket } from '@chat-service/core';
import { settle } from './internal/settle.js';

/** One socket of a user. */
export interface SocketRecord {
  readonly id: string;
  /** `null` for a socket known only through `addSocketToRoom` (it is not counted as connected). */
  instanceUID: string | null;
  /** Created on the first room joined. */
  rooms?: Set<string>;
}

/**
 * user name -> the user's sockets. A user has a few sockets (mostly one): an
 * array costs a fifth of the memory of a Map per user, and is scanned as
 * quickly at that size.
 */
export type SocketTable = Map<string, SocketRecord[]>;

/** The user-socket methods of a `Store`. */
export type SocketOperations = SocketStore;

function countConnected(sockets: readonly SocketRecord[] | undefined): number {
  let n = 0;
  for (const socket of sockets ?? []) if (socket.instanceUID !== null) n++;
  return n;
}

function countJoined(sockets: readonly SocketRecord[] | undefined, room: string): number {
  let n = 0;
  for (const socket of sockets ?? []) if (socket.rooms?.has(room)) n++;
  return n;
}

function find(sockets: readonly SocketRecord[] | undefined, socketId: string): SocketRecord | undefined {
  return sockets?.find((socket) => socket.id === socketId);
}

/** Removes a socket from its user's array, and the user's array once empty. */
function remove(table: SocketTable, user: string, socket: SocketRecord): void {
  const sockets = table.get(user);
  if (!sockets) return;
  const at = sockets.indexOf(socket);
  if (at >= 0) sockets.splice(at, 1);
  if (sockets.length === 0) table.delete(user);
}

/**
 * Implements the user-socket methods over a socket table.
 *
 * @param table - the shared table
 * @returns the methods
 */
export function createSocketOperations(table: SocketTable): SocketOperations {
  /** The user's record of a socket, created (not connected, in no room) when missing. */
  const recordOf = (user: string, socketId: string): SocketRecord => {
    const sockets = table.get(user);
    const found = find(sockets, socketId);
    if (found) return found;
    const socket: SocketRecord = { id: socketId, instanceUID: null };
    if (sockets) sockets.push(socket);
    else table.set(user, [socket]);
    return socket;
  };
  /** Drops what no longer holds anything, so that the table does not grow with gone users. */
  const prune = (user: string, socket: SocketRecord): void => {
    if (socket.instanceUID === null && !socket.rooms?.size) remove(table, user, socket);
  };

  return {
    addUserSocket(user, socketId, instanceUID) {
      return settle(() => {
        recordOf(user, socketId).instanceUID = instanceUID;
        return countConnected(table.get(user));
      });
    },
    removeUserSocket(user, socketId): Promise<SocketRemoval> {
      return settle(() => {
        const socket = find(table.get(user), socketId);
        if (socket) remove(table, user, socket);
        const sockets = table.get(user);
        const roomsRemoved = [...(socket?.rooms ?? [])];
        return {
          roomsRemoved,
          joinedSockets: roomsRemoved.map((room) => countJoined(sockets, room)),
          nconnected: countConnected(sockets),
        };
      });
    },
    getUserSockets(user) {
      return settle(() => {
        const result: UserSocket[] = [];
        for (const socket of table.get(user) ?? []) {
          if (socket.instanceUID !== null)
            result.push({ id: socket.id, instanceUID: socket.instanceUID, rooms: socket.rooms ? [...socket.rooms] : [] });
        }
        return result;
      });
    },
    countUserSockets(user) {
      return settle(() => countConnected(table.get(user)));
    },
    addSocketToRoom(user, socketId, room): Promise<RoomSocketChange> {
      return settle(() => {
        const rooms = (recordOf(user, socketId).rooms ??= new Set());
        const changed = !rooms.has(room);
        rooms.add(room);
        return { njoined: countJoined(table.get(user), room), changed };
      });
    },
    removeSocketFromRoom(user, socketId, room): Promise<RoomSocketChange> {
      return settle(() => {
        const socket = find(table.get(user), socketId);
        const changed = socket?.rooms?.delete(room) ?? false;
        const njoined = countJoined(table.get(user), room);
        if (socket) prune(user, socket);
        return { njoined, changed };
      });
    },
    removeUserSocketsFromRoom(user, room) {
      return settle(() => {
        const removed: SocketRecord[] = [];
        for (const socket of table.get(user) ?? []) if (socket.rooms?.delete(room)) removed.push(socket);
        for (const socket of removed) prune(user, socket);
        return removed.map((socket) => socket.id);
      });
    },
  };
}
