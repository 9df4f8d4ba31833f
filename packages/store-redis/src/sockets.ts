/**
 * Users' sockets, the rooms each socket joined, and the instance registries
 * with their heartbeats.
 *
 * @module
 */
import type { InstanceStore, RoomSocketChange, SocketRemoval, SocketStore, UserSocket } from '@chat-service/core';
import type { StoreContext } from './context.js';
import { asArray, asNumber, asOptionalNumber, asString, asStrings } from './reply.js';

/** The socket and instance part of the store. */
export type SocketOps = SocketStore & InstanceStore;

function toRoomSocketChange(reply: unknown): RoomSocketChange {
  const [njoined = 0, changed = 0] = asArray(reply).map(asNumber);
  return { njoined, changed: changed === 1 };
}

function toUserSocket(entry: unknown): UserSocket {
  const [id, instanceUID, rooms] = asArray(entry);
  return { id: asString(id), instanceUID: asString(instanceUID), rooms: asStrings(rooms) };
}

/** Builds the socket and instance operations over one context. */
export function createSocketOps({ client, keys, scripts }: StoreContext): SocketOps {
  const roomChange = async (user: string, socketId: string, room: string, change: 'add' | 'remove'): Promise<RoomSocketChange> => {
    const reply = await scripts.socketRoomChange(
      [keys.userSocketRooms(user, socketId), keys.userRoomSockets(user, room), keys.user(user, 'rooms')],
      [socketId, room, change],
    );
    return toRoomSocketChange(reply);
  };
  return {
    async addUserSocket(user: string, socketId: string, instanceUID: string) {
      return asNumber(await scripts.socketAdd([keys.user(user, 'sockets')], [socketId, instanceUID]));
    },
    async removeUserSocket(user: string, socketId: string): Promise<SocketRemoval> {
      const reply = await scripts.socketRemove(
        [keys.user(user, 'sockets'), keys.user(user, 'rooms'), keys.userSocketRooms(user, socketId)],
        [socketId, keys.userRoomSocketsBase(user)],
      );
      const [nconnected, rooms, counts] = asArray(reply);
      return { roomsRemoved: asStrings(rooms), joinedSockets: asArray(counts).map(asNumber), nconnected: asNumber(nconnected) };
    },
    async getUserSockets(user: string) {
      const reply = await scripts.socketsGet([keys.user(user, 'sockets')], [keys.userSocketRoomsBase(user)]);
      return asArray(reply).map(toUserSocket);
    },
    async countUserSockets(user: string) {
      return client.hlen(keys.user(user, 'sockets'));
    },
    async addSocketToRoom(user: string, socketId: string, room: string) {
      return roomChange(user, socketId, room, 'add');
    },
    async removeSocketFromRoom(user: string, socketId: string, room: string) {
      return roomChange(user, socketId, room, 'remove');
    },
    async removeUserSocketsFromRoom(user: string, room: string) {
      const reply = await scripts.socketsLeaveRoom(
        [keys.userRoomSockets(user, room), keys.user(user, 'rooms')],
        [room, keys.userSocketRoomsBase(user)],
      );
      return asStrings(reply);
    },
    async addInstanceSocket(instanceUID: string, socketId: string, user: string) {
      await client.hset(keys.instanceSockets(instanceUID), socketId, user);
    },
    async removeInstanceSocket(instanceUID: string, socketId: string) {
      await client.hdel(keys.instanceSockets(instanceUID), socketId);
    },
    async getInstanceSockets(instanceUID: string) {
      return client.hgetall(keys.instanceSockets(instanceUID));
    },
    async setHeartbeat(instanceUID: string, timestamp: number) {
      await client.set(keys.instanceHeartbeat(instanceUID), String(timestamp));
    },
    async getHeartbeat(instanceUID: string) {
      return asOptionalNumber(await client.get(keys.instanceHeartbeat(instanceUID)));
    },
  };
}
