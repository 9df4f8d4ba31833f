/**
 * Rooms: creation and deletion, lists, owner, mode, notification switches,
 * the userlist and seen times. History is in `history.ts`.
 *
 * @module
 */
import type { AccessListName, RoomInit, RoomListName, RoomNotifications, Store } from '@chat-service/core';
import { count, flag, lengthPrefixed, type StoreContext } from './context.js';
import { newEpoch } from './history.js';
import { ROOM_KEY_NAMES } from './keys.js';
import { asArray, asNumber, asOptionalNumber } from './reply.js';
import { standingKeys, toRoomAccess } from './standing.js';

/** The room part of the store (without history). */
export type RoomOps = Pick<
  Store,
  | 'addRoom'
  | 'hasRoom'
  | 'markRoomDeleting'
  | 'deleteRoom'
  | 'roomAccess'
  | 'roomListAdd'
  | 'roomListRemove'
  | 'roomListGet'
  | 'roomListHas'
  | 'roomOwnerGet'
  | 'roomOwnerSet'
  | 'roomModeSet'
  | 'roomNotificationsGet'
  | 'roomNotificationsSet'
  | 'roomUserlistAdd'
  | 'roomUserlistRemove'
  | 'roomUserSeen'
>;


/** Builds the room operations over one context. */
export function createRoomOps({ client, keys, scripts }: StoreContext): RoomOps {
  const state = (room: string): string => keys.room(room, 'state');
  const setState = async (room: string, fields: readonly string[]): Promise<void> => {
    if (fields.length > 0) await scripts.hsetIfExists([state(room)], fields);
  };
  const userlistChange = async (room: string, user: string, now: number, change: 'add' | 'remove'): Promise<void> => {
    await scripts.roomUserlistChange([state(room), keys.room(room, 'userlist'), keys.room(room, 'seen')], [user, now, change]);
  };
  return {
    async addRoom(name: string, init: Readonly<RoomInit>) {
      const reply = await scripts.roomAdd(
        [
          state(name),
          keys.room(name, 'adminlist'),
          keys.room(name, 'whitelist'),
          keys.room(name, 'blacklist'),
          keys.room(name, 'historyinfo'),
          keys.room(name, 'listeners'),
        ],
        [
          flag(init.owner !== null),
          init.owner ?? '',
          flag(init.whitelistOnly),
          count(init.historyMaxSize),
          flag(init.enableAccessListsUpdates),
          flag(init.enableUserlistUpdates),
          newEpoch(),
          ...lengthPrefixed([init.adminlist, init.whitelist, init.blacklist]),
        ],
      );
      return asNumber(reply) === 1;
    },
    async hasRoom(name: string) {
      const [whitelistOnly, deleting] = await client.hmget(state(name), 'whitelistOnly', 'deleting');
      return whitelistOnly !== null && whitelistOnly !== undefined && (deleting === null || deleting === undefined);
    },
    async markRoomDeleting(name: string) {
      await setState(name, ['deleting', '1']);
    },
    async deleteRoom(name: string) {
      await client.del(...ROOM_KEY_NAMES.map((key) => keys.room(name, key)));
    },
    async roomAccess(room: string, user: string) {
      return toRoomAccess(await scripts.roomAccess(standingKeys(keys, room), [user]));
    },
    async roomListAdd(room: string, list: AccessListName, names: readonly string[], limit: number) {
      return asNumber(await scripts.listAdd([state(room), keys.room(room, list)], [count(limit), ...names])) === 1;
    },
    async roomListRemove(room: string, list: AccessListName, names: readonly string[]) {
      if (names.length > 0) await client.srem(keys.room(room, list), ...names);
    },
    async roomListGet(room: string, list: RoomListName) {
      return client.smembers(keys.room(room, list));
    },
    async roomListHas(room: string, list: RoomListName, name: string) {
      return (await client.sismember(keys.room(room, list), name)) === 1;
    },
    async roomOwnerGet(room: string) {
      return client.hget(state(room), 'owner');
    },
    async roomOwnerSet(room: string, owner: string) {
      await setState(room, ['owner', owner]);
    },
    async roomModeSet(room: string, whitelistOnly: boolean) {
      await setState(room, ['whitelistOnly', flag(whitelistOnly)]);
    },
    async roomNotificationsGet(room: string): Promise<RoomNotifications> {
      const [userlist, accessLists] = await client.hmget(state(room), 'enableUserlistUpdates', 'enableAccessListsUpdates');
      return { enableUserlistUpdates: userlist === '1', enableAccessListsUpdates: accessLists === '1' };
    },
    async roomNotificationsSet(room: string, patch: Readonly<Partial<RoomNotifications>>) {
      const fields: string[] = [];
      if (patch.enableUserlistUpdates !== undefined) fields.push('enableUserlistUpdates', flag(patch.enableUserlistUpdates));
      if (patch.enableAccessListsUpdates !== undefined) fields.push('enableAccessListsUpdates', flag(patch.enableAccessListsUpdates));
      await setState(room, fields);
    },
    async roomUserlistAdd(room: string, user: string, now: number) {
      await userlistChange(room, user, now, 'add');
    },
    async roomUserlistRemove(room: string, user: string, now: number) {
      await userlistChange(room, user, now, 'remove');
    },
    async roomUserSeen(room: string, user: string) {
      const [joined, timestamp] = asArray(await scripts.roomUserSeen([keys.room(room, 'userlist'), keys.room(room, 'seen')], [user]));
      return { joined: asNumber(joined) === 1, timestamp: asOptionalNumber(timestamp) };
    },
  };
}
