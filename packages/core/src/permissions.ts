/**
 * Pure permission predicates: no I/O, tested as tables.
 *
 * @module
 */
import type { AccessListName, DirectAccess, RoomAccess, RoomListName } from './ports.js';

/** Lists clients may change. */
export const ACCESS_LISTS: readonly AccessListName[] = ['adminlist', 'whitelist', 'blacklist'];
/** Lists clients may read. */
export const ROOM_LISTS: readonly RoomListName[] = ['adminlist', 'whitelist', 'blacklist', 'userlist'];

/** Whether a name is one of the lists clients may change. */
export function isAccessList(name: string): name is AccessListName {
  return (ACCESS_LISTS as readonly string[]).includes(name);
}

/** Whether a name is one of the room lists clients may read. */
export function isRoomList(name: string): name is RoomListName {
  return (ROOM_LISTS as readonly string[]).includes(name);
}

/** Whether a name is one of a user's direct-message lists. */
export function isDirectList(name: string): name is 'whitelist' | 'blacklist' {
  return name === 'whitelist' || name === 'blacklist';
}

/** The owner or an adminlist member. */
export function isRoomAdmin(access: Readonly<RoomAccess>, user: string | undefined): boolean {
  return (user !== undefined && access.owner === user) || access.isAdmin;
}

/** Join access: admins always; then the blacklist; then whitelist-only mode. */
export function canAccessRoom(access: Readonly<RoomAccess>, user: string | undefined): boolean {
  if (isRoomAdmin(access, user)) return true;
  if (access.inBlacklist) return false;
  return !(access.whitelistOnly && !access.inWhitelist);
}

/** Room reads: joined users and admins. */
export function canReadRoom(access: Readonly<RoomAccess>, user: string | undefined): boolean {
  return access.inUserlist || isRoomAdmin(access, user);
}

/** The outcome of a list change check. */
export type ListChangeCheck = 'ok' | 'notAllowed';

/** Steps 1-6 of the list change check; `noList` and the limit are checked after it. */
export function checkListChange(input: {
  access: Readonly<RoomAccess> | null;
  author: string | undefined;
  listName: string;
  values: readonly string[];
  bypass: boolean;
}): ListChangeCheck {
  const { access, author, listName, values, bypass } = input;
  if (listName === 'userlist') return 'notAllowed';
  if (bypass) return 'ok';
  if (!access) return 'notAllowed';
  if (author !== undefined && access.owner === author) return 'ok';
  if (listName === 'adminlist') return 'notAllowed';
  if (!access.isAdmin) return 'notAllowed';
  if (access.owner !== null && values.includes(access.owner)) return 'notAllowed';
  return 'ok';
}

/** Whether a user who stays in the userlist must be removed after a list change (checked after it). */
export function losesAccessAfterListChange(op: 'add' | 'remove', listName: string, access: Readonly<RoomAccess>, user: string): boolean {
  if (!access.inUserlist || isRoomAdmin(access, user)) return false;
  if (op === 'add') return listName === 'blacklist';
  return listName === 'whitelist' && access.whitelistOnly;
}

/** Whether a userlist member must leave when whitelist-only mode is switched on (the owner is not exempt). */
export function losesAccessInWhitelistMode(access: Readonly<RoomAccess>): boolean {
  return access.inUserlist && !access.inWhitelist && !access.isAdmin;
}

/** The direct-message check without the self ban: blacklist, then whitelist-only mode. */
export function canSendDirect(access: Readonly<DirectAccess>): boolean {
  if (access.inBlacklist) return false;
  return !(access.whitelistOnly && !access.inWhitelist);
}
