/**
 * The server API on users: create, delete, look up, check direct access,
 * disconnect everywhere.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { checkName } from '../limit-checks.js';
import { canSendDirect, isDirectList } from '../permissions.js';
import type { ServiceContext } from '../service-context.js';

/** Initial state of a user for `addUser`. */
export interface UserState {
  whitelist?: string[];
  blacklist?: string[];
  whitelistOnly?: boolean;
}

type UsersContext = Pick<ServiceContext, 'store' | 'options'>;

/** The strings of a list given by a caller; anything else is dropped. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `addUser`. @throws {ChatServiceError} `invalidName`, `userExists` */
export async function addUser(ctx: UsersContext, userName: string, state?: UserState | null): Promise<void> {
  checkName(ctx.options, userName);
  const init = { whitelistOnly: Boolean(state?.whitelistOnly), whitelist: strings(state?.whitelist), blacklist: strings(state?.blacklist) };
  if (!(await ctx.store.addUser(userName, init))) throw new ChatServiceError('userExists', userName);
}

/** `deleteUser`. @throws {ChatServiceError} `noUser`, `userOnline` */
export async function deleteUser(ctx: UsersContext, userName: string): Promise<void> {
  if (!(await ctx.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
  if ((await ctx.store.countUserSockets(userName)) > 0) throw new ChatServiceError('userOnline', userName);
  await ctx.store.deleteUser(userName);
}

/** `userHasInList`. @throws {ChatServiceError} `noUser`, `noList` */
export async function userHasInList(ctx: UsersContext, userName: string, listName: string, item: string): Promise<boolean> {
  if (!(await ctx.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
  if (!isDirectList(listName)) throw new ChatServiceError('noList', listName);
  return ctx.store.directListHas(userName, listName, item);
}

/** `hasDirectAccess`: any error gives false. */
export async function hasDirectAccess(ctx: UsersContext, recipient: string, sender: string): Promise<boolean> {
  if (recipient === sender) return false;
  try {
    const access = await ctx.store.directAccess(recipient, sender);
    return access !== null && canSendDirect(access);
  } catch {
    return false;
  }
}
