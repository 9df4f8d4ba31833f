/**
 * Users and their direct-message lists.
 *
 * @module
 */
import type { DirectAccess, DirectListName, UserInit, UserStore } from '@chat-service/core';
import { count, flag, lengthPrefixed, type StoreContext } from './context.js';
import { asArray, asNumber } from './reply.js';

/** The user part of the store. */
export type UserOps = UserStore;

/** Builds the user operations over one context. */
export function createUserOps({ client, keys, scripts }: StoreContext): UserOps {
  const state = (user: string): string => keys.user(user, 'state');
  return {
    async addUser(name: string, init: Readonly<UserInit>) {
      const reply = await scripts.userAdd(
        [state(name), keys.user(name, 'whitelist'), keys.user(name, 'blacklist')],
        [flag(init.whitelistOnly), ...lengthPrefixed([init.whitelist, init.blacklist])],
      );
      return asNumber(reply) === 1;
    },
    async ensureUser(name: string) {
      await client.hsetnx(state(name), 'whitelistOnly', '0');
    },
    async hasUser(name: string) {
      return (await client.exists(state(name))) === 1;
    },
    async deleteUser(name: string) {
      await scripts.userDelete(
        [state(name), keys.user(name, 'whitelist'), keys.user(name, 'blacklist'), keys.user(name, 'sockets'), keys.user(name, 'rooms')],
        [keys.userSocketRoomsBase(name), keys.userRoomSocketsBase(name)],
      );
    },
    async directListAdd(user: string, list: DirectListName, names: readonly string[], limit: number) {
      const reply = await scripts.listAdd([state(user), keys.user(user, list)], [count(limit), ...names]);
      return asNumber(reply) === 1;
    },
    async directListRemove(user: string, list: DirectListName, names: readonly string[]) {
      if (names.length > 0) await client.srem(keys.user(user, list), ...names);
    },
    async directListGet(user: string, list: DirectListName) {
      return client.smembers(keys.user(user, list));
    },
    async directListHas(user: string, list: DirectListName, name: string) {
      return (await client.sismember(keys.user(user, list), name)) === 1;
    },
    async directModeGet(user: string) {
      return (await client.hget(state(user), 'whitelistOnly')) === '1';
    },
    async directModeSet(user: string, whitelistOnly: boolean) {
      await scripts.hsetIfExists([state(user)], ['whitelistOnly', flag(whitelistOnly)]);
    },
    async directAccess(recipient: string, sender: string): Promise<DirectAccess | null> {
      const reply = await scripts.directAccess(
        [state(recipient), keys.user(recipient, 'blacklist'), keys.user(recipient, 'whitelist')],
        [sender],
      );
      if (reply === null) return null;
      const [inBlacklist, inWhitelist, whitelistOnly] = asArray(reply).map(asNumber);
      return { inBlacklist: inBlacklist === 1, inWhitelist: inWhitelist === 1, whitelistOnly: whitelistOnly === 1 };
    },
  };
}
