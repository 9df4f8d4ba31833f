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
  /** Created on the first name added: most users never fill theirs. */
  whitelist?: Set<string>;
  /** Created on the first name added. */
  blacklist?: Set<string>;
}

/** Users by name. */
export type UserTable = Map<string, UserRecord>;

/** The user methods of a `Store`. */
export type UserOperations = UserStore;

/**
 * The record of every user with no list and the default mode, shared (most
 * users never change theirs); {@link writableRecord} gives a user its own.
 */
const PLAIN_USER: UserRecord = Object.freeze({ whitelistOnly: false });

function createUserRecord(init: Readonly<UserInit>): UserRecord {
  if (!init.whitelistOnly && init.whitelist.length === 0 && init.blacklist.length === 0) return PLAIN_USER;
  const record: UserRecord = { whitelistOnly: init.whitelistOnly };
  if (init.whitelist.length > 0) record.whitelist = new Set(init.whitelist);
  if (init.blacklist.length > 0) record.blacklist = new Set(init.blacklist);
  return record;
}

/** A user's record, its own (not the shared plain one) so that it can be changed; `undefined` for a missing user. */
function writableRecord(users: UserTable, name: string): UserRecord | undefined {
  const record = users.get(name);
  if (record !== PLAIN_USER) return record;
  const own: UserRecord = { whitelistOnly: false };
  users.set(name, own);
  return own;
}

/** A user's list; an unexpected list name finds nothing. */
function listOf(record: UserRecord | undefined, name: DirectListName): Set<string> | undefined {
  switch (name) {
    case 'whitelist':
      return record?.whitelist;
    case 'blacklist':
      return record?.blacklist;
    default:
      return undefined;
  }
}

/** A user's list, created when missing; `undefined` for a missing user or an unexpected list name. */
function createdListOf(record: UserRecord | undefined, name: DirectListName): Set<string> | undefined {
  if (!record) return undefined;
  switch (name) {
    case 'whitelist':
      return (record.whitelist ??= new Set());
    case 'blacklist':
      return (record.blacklist ??= new Set());
    default:
      return undefined;
  }
}

/**
 * Implements the user methods over a user table. Writes to a missing user
 * change nothing (the core creates users before it writes to them).
 *
 * @param users - the shared table
 * @returns the methods
 */
export function createUserOperations(users: UserTable): UserOperations {
  const list = (user: string, name: DirectListName): Set<string> | undefined => listOf(users.get(user), name);
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
        if (!users.has(name)) users.set(name, PLAIN_USER);
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
        if ((list(user, listName)?.size ?? 0) + names.length > limit) return false;
        if (names.length === 0) return true;
        const values = createdListOf(writableRecord(users, user), listName);
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
        if (users.get(user)?.whitelistOnly === whitelistOnly) return;
        const record = writableRecord(users, user);
        if (record) record.whitelistOnly = whitelistOnly;
      });
    },
    directAccess(recipient, sender): Promise<DirectAccess | null> {
      return settle(() => {
        const record = users.get(recipient);
        if (!record) return null;
        return {
          inBlacklist: record.blacklist?.has(sender) ?? false,
          inWhitelist: record.whitelist?.has(sender) ?? false,
          whitelistOnly: record.whitelistOnly,
        };
      });
    },
  };
}
