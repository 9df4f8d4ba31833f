/**
 * Users, their direct-message lists and mode.
 *
 * @module
 */
import type { DirectAccess, DirectListName, UserInit, UserStore } from '@chat-service/core';
import { settle } from './internal/settle.js';

/** One user. */
export interface UserRecord {
  whitelistOnly: boolean;
  /** whitelist and blacklist; a Map so that an unexpected list name finds nothing. */
  readonly lists: Map<DirectListName, Set<string>>;
}

/** Users by name. */
export type UserTable = Map<string, UserRecord>;

/** The user methods of a `Store`. */
export type UserOperations = UserStore;

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
    addUser(name, init) {
      return settle(() => {
        if (users.has(name)) return false;
        users.set(name, createUserRecord(init));
        return true;
      });
    },
    ensureUser(name) {
      return settle(() => {
        if (!users.has(name)) users.set(name, createUserRecord(EMPTY_USER));
      });
    },
    hasUser(name) {
      return settle(() => users.has(name));
    },
    deleteUser(name) {
      return settle(() => {
        users.delete(name);
      });
    },
    directListAdd(user, listName, names, limit) {
      return settle(() => {
        const values = list(user, listName);
        if ((values?.size ?? 0) + names.length > limit) return false;
        for (const name of names) values?.add(name);
        return true;
      });
    },
    directListRemove(user, listName, names) {
      return settle(() => {
        const values = list(user, listName);
        for (const name of names) values?.delete(name);
      });
    },
    directListGet(user, listName) {
      return settle(() => [...(list(user, listName) ?? [])]);
    },
    directListHas(user, listName, name) {
      return settle(() => list(user, listName)?.has(name) ?? false);
    },
    directModeGet(user) {
      return settle(() => users.get(user)?.whitelistOnly ?? false);
    },
    directModeSet(user, whitelistOnly) {
      return settle(() => {
        const record = users.get(user);
        if (record) record.whitelistOnly = whitelistOnly;
      });
    },
    directAccess(recipient, sender): Promise<DirectAccess | null> {
      return settle(() => {
        const record = users.get(recipient);
        if (!record) return null;
        return {
          inBlacklist: record.lists.get('blacklist')?.has(sender) ?? false,
          inWhitelist: record.lists.get('whitelist')?.has(sender) ?? false,
          whitelistOnly: record.whitelistOnly,
        };
      });
    },
  };
}
