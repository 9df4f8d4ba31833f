/**
 * The server API on rooms: create, delete, look up, check access, and
 * change a room's owner, history limit and notification switches.
 *
 * @module
 */
import { defaultRoomInit } from '../commands/room-defaults.js';
import { ChatServiceError } from '../errors.js';
import { checkName } from '../limit-checks.js';
import { canAccessRoom, isRoomList } from '../permissions.js';
import type { RoomInit, RoomNotifications } from '../ports.js';
import type { ServiceContext } from '../service-context.js';
import { execUserCommand } from './exec.js';
import type { ExecContext } from './exec.js';
import { strings } from './users.js';

/** Initial state of a room for `addRoom`; missing fields take the defaults. */
export interface RoomState {
  owner?: string;
  whitelistOnly?: boolean;
  adminlist?: string[];
  whitelist?: string[];
  blacklist?: string[];
  historyMaxSize?: number;
  enableAccessListsUpdates?: boolean;
  enableUserlistUpdates?: boolean;
}

type RoomsContext = Pick<ServiceContext, 'store'>;

/** `addRoom`. @throws {ChatServiceError} `invalidName`, `roomExists` */
export async function addRoom(
  ctx: Parameters<typeof defaultRoomInit>[0] & RoomsContext,
  roomName: string,
  state?: RoomState | null,
): Promise<void> {
  checkName(ctx.options, roomName);
  const d = defaultRoomInit(ctx);
  const s = state ?? {};
  const init: RoomInit = {
    owner: typeof s.owner === 'string' && s.owner !== '' ? s.owner : null,
    whitelistOnly: Boolean(s.whitelistOnly),
    adminlist: strings(s.adminlist),
    whitelist: strings(s.whitelist),
    blacklist: strings(s.blacklist),
    historyMaxSize: typeof s.historyMaxSize === 'number' && s.historyMaxSize >= 0 ? s.historyMaxSize : d.historyMaxSize,
    enableAccessListsUpdates: typeof s.enableAccessListsUpdates === 'boolean' ? s.enableAccessListsUpdates : d.enableAccessListsUpdates,
    enableUserlistUpdates: typeof s.enableUserlistUpdates === 'boolean' ? s.enableUserlistUpdates : d.enableUserlistUpdates,
  };
  if (!(await ctx.store.addRoom(roomName, init))) throw new ChatServiceError('roomExists', roomName);
}

/** `deleteRoom`: a bypass `roomDelete`; a room left half-deleted by a dead instance is purged (and still reports `noRoom`). */
export async function deleteRoom(ctx: ExecContext, roomName: string): Promise<void> {
  try {
    await execUserCommand(ctx, true, 'roomDelete', [roomName]);
  } catch (error) {
    if (ChatServiceError.is(error) && error.code === 'noRoom') await ctx.store.deleteRoom(roomName);
    throw error;
  }
}

/** @throws {ChatServiceError} `noRoom` */
export async function requireRoom(ctx: RoomsContext, roomName: string): Promise<void> {
  if (!(await ctx.store.hasRoom(roomName))) throw new ChatServiceError('noRoom', roomName);
}

/** `roomHasInList`. @throws {ChatServiceError} `noRoom`, `noList` */
export async function roomHasInList(ctx: RoomsContext, roomName: string, listName: string, item: string): Promise<boolean> {
  await requireRoom(ctx, roomName);
  if (!isRoomList(listName)) throw new ChatServiceError('noList', listName);
  return ctx.store.roomListHas(roomName, listName, item);
}

/** `hasRoomAccess`: any error gives false. */
export async function hasRoomAccess(ctx: RoomsContext, roomName: string, userName: string): Promise<boolean> {
  try {
    const access = await ctx.store.roomAccess(roomName, userName);
    return access !== null && canAccessRoom(access, userName);
  } catch {
    return false;
  }
}

/** `changeRoomOwner`. @throws {ChatServiceError} `noRoom` */
export async function changeRoomOwner(ctx: RoomsContext, roomName: string, owner: string): Promise<void> {
  await requireRoom(ctx, roomName);
  await ctx.store.roomOwnerSet(roomName, owner);
}

/** `changeRoomHistoryMaxSize`: a non-number or negative size keeps the limit. @throws {ChatServiceError} `noRoom` */
export async function changeRoomHistoryMaxSize(ctx: RoomsContext, roomName: string, size: number): Promise<void> {
  await requireRoom(ctx, roomName);
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) await ctx.store.roomHistoryMaxSizeSet(roomName, Math.floor(size));
}

/** `changeAccessListsUpdates` / `changeUserlistUpdates`. @throws {ChatServiceError} `noRoom` */
export async function changeRoomNotifications(ctx: RoomsContext, roomName: string, patch: Partial<RoomNotifications>): Promise<void> {
  await requireRoom(ctx, roomName);
  await ctx.store.roomNotificationsSet(roomName, patch);
}
