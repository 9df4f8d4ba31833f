/**
 * Users, their direct-message lists and mode.
 *
 * @module
 */
import type { DirectAccess, DirectListName, Store, UserInit } from '@chat-service/core';

/** One user. */
export interface UserRecord {
  whitelistOnly: boolean;
  /** whitelist and blacklist; a Map so that an unexpected list name finds nothing. */
  readonly lists: Map<DirectListName, Set<string>>;
}

/** Users by name. */
export type UserTable = Map<string, UserRecord>;

/** The user methods of a `Store`. */
export type UserOperations = Pick<
  Store,
  | 'addUser'
  | 'ensureUser'
  | 'hasUser'
  | 'deleteUser'
  | 'directListAdd'
  | 'directListRemove'
  | 'directListGet'
  | 'directListHas'
  | 'directModeGet'
  | 'directModeSet'
  | 'directAccess'
>;

function createUserRecord(init: Readonly<UserInit>): UserRecord {
  return {
    whitelistOnly: init.whitelistOnly,
    lists: new Map<DirectListName, Set<string>>([
      ['whitelist', new Set(init.whitelist)],
      ['blacklist', new Set(init.blacklist)],
    ]),
  };
}

const EMPTY_USER: Readonly<UserInit> = { whitelistOnly: false, whitelist: [], blacklist: [] };

/**
 * Implements the user methods over a user table. Writes to a missing user
 * change nothing (the core creates users before it writes to them).
 *
 * @param users - the shared table
 * @returns the methods
 */
export function createUserOperations(users: UserTable): UserOperations {
  const list = (user: string, name: DirectListName): Set<string> | undefined => users.get(user)?.lists.get(name);
  return {
    async addUser(name, init) {
      if (users.has(name)) return false;
      users.set(name, createUserRecord(init));
      return true;
    },
    async ensureUser(name) {
      if (!users.has(name)) users.set(name, createUserRecord(EMPTY_USER));
    },
    async hasUser(name) {
      return users.has(name);
    },
    async deleteUser(name) {
      users.delete(name);
    },
    async directListAdd(user, listName, names, limit) {
      const values = list(user, listName);
      if ((values?.size ?? 0) + names.length > limit) return false;
      for (const name of names) values?.add(name);
      return true;
    },
    async directListRemove(user, listName, names) {
      const values = list(user, listName);
      for (const name of names) values?.delete(name);
    },
    async directListGet(user, listName) {
      return [...(list(user, listName) ?? [])];
    },
    async directListHas(user, listName, name) {
      return list(user, listName)?.has(name) ?? false;
    },
    async directModeGet(user) {
      return users.get(user)?.whitelistOnly ?? false;
    },
    async directModeSet(user, whitelistOnly) {
      const record = users.get(user);
      if (record) record.whitelistOnly = whitelistOnly;
    },
    async directAccess(recipient, sender): Promise<DirectAccess | null> {
      const record = users.get(recipient);
      if (!record) return null;
      return {
        inBlacklist: record.lists.get('blacklist')?.has(sender) ?? false,
        inWhitelist: record.lists.get('whitelist')?.has(sender) ?? false,
        whitelistOnly: record.whitelistOnly,
      };
    },
  };
}
