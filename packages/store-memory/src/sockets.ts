/**
 * Which sockets a user has, on which instance, and which rooms each joined.
 *
 * @module
 */
import type { RoomSocketChange, SocketRemoval, SocketStore, UserSocket } from '@chat-service/core';
import { settle } from './internal/settle.js';

/** One socket of a user. */
export interface SocketRecord {
  /** `null` for a socket known only through `addSocketToRoom` (it is not counted as connected). */
  instanceUID: string | null;
  /** Created on the first room joined. */
  rooms?: Set<string>;
}

/** user name -> socket id -> socket. */
export type SocketTable = Map<string, Map<string, SocketRecord>>;

/** The user-socket methods of a `Store`. */
export type SocketOperations = SocketStore;

function countConnected(sockets: Map<string, SocketRecord> | undefined): number {
  let n = 0;
  for (const socket of sockets?.values() ?? []) if (socket.instanceUID !== null) n++;
  return n;
}

function countJoined(sockets: Map<string, SocketRecord> | undefined, room: string): number {
  let n = 0;
  for (const socket of sockets?.values() ?? []) if (socket.rooms?.has(room)) n++;
  return n;
}

/**
 * Implements the user-socket methods over a socket table.
 *
 * @param table - the shared table
 * @returns the methods
 */
export function createSocketOperations(table: SocketTable): SocketOperations {
  const socketsOf = (user: string): Map<string, SocketRecord> => {
    let sockets = table.get(user);
    if (!sockets) table.set(user, (sockets = new Map<string, SocketRecord>()));
    return sockets;
  };
  /** Drops what no longer holds anything, so that the table does not grow with gone users. */
  const prune = (user: string, socketId: string): void => {
    const sockets = table.get(user);
    const socket = sockets?.get(socketId);
    if (socket?.instanceUID === null && !socket.rooms?.size) sockets?.delete(socketId);
    if (sockets?.size === 0) table.delete(user);
  };

  return {
    addUserSocket(user, socketId, instanceUID) {
      return settle(() => {
        const sockets = socketsOf(user);
        const socket = sockets.get(socketId);
        if (socket) socket.instanceUID = instanceUID;
        else sockets.set(socketId, { instanceUID });
        return countConnected(sockets);
      });
    },
    removeUserSocket(user, socketId): Promise<SocketRemoval> {
      return settle(() => {
        const sockets = table.get(user);
        const socket = sockets?.get(socketId);
        sockets?.delete(socketId);
        const roomsRemoved = [...(socket?.rooms ?? [])];
        const result = {
          roomsRemoved,
          joinedSockets: roomsRemoved.map((room) => countJoined(sockets, room)),
          nconnected: countConnected(sockets),
        };
        if (sockets?.size === 0) table.delete(user);
        return result;
      });
    },
    getUserSockets(user) {
      return settle(() => {
        const result: UserSocket[] = [];
        for (const [id, socket] of table.get(user) ?? []) {
          if (socket.instanceUID !== null)
            result.push({ id, instanceUID: socket.instanceUID, rooms: socket.rooms ? [...socket.rooms] : [] });
        }
        return result;
      });
    },
    countUserSockets(user) {
      return settle(() => countConnected(table.get(user)));
    },
    addSocketToRoom(user, socketId, room): Promise<RoomSocketChange> {
      return settle(() => {
        const sockets = socketsOf(user);
        let socket = sockets.get(socketId);
        if (!socket) sockets.set(socketId, (socket = { instanceUID: null }));
        const rooms = (socket.rooms ??= new Set());
        const changed = !rooms.has(room);
        rooms.add(room);
        return { njoined: countJoined(sockets, room), changed };
      });
    },
    removeSocketFromRoom(user, socketId, room): Promise<RoomSocketChange> {
      return settle(() => {
        const sockets = table.get(user);
        const changed = sockets?.get(socketId)?.rooms?.delete(room) ?? false;
        const njoined = countJoined(sockets, room);
        prune(user, socketId);
        return { njoined, changed };
      });
    },
    removeUserSocketsFromRoom(user, room) {
      return settle(() => {
        const removed: string[] = [];
        for (const [id, socket] of table.get(user) ?? []) if (socket.rooms?.delete(room)) removed.push(id);
        for (const id of removed) prune(user, id);
        return removed;
      });
    },
  };
}
