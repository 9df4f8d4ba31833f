/**
 * Shared checks of the room commands: `noRoom`, then `notJoined`.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import type { ExecInfo } from '../exec-info.js';
import { canReadRoom } from '../permissions.js';
import type { RoomAccess } from '../ports.js';
import type { Runtime } from './runtime.js';

/** The caller's standing in the room; `noRoom` when it is missing. */
export async function requireRoom(rt: Runtime, info: ExecInfo, room: string): Promise<RoomAccess> {
  const access = await rt.store.roomAccess(room, info.userName ?? '');
  if (!access) throw new ChatServiceError('noRoom', room);
  return access;
}

/** `noRoom` for a missing room, without reading any user's standing. */
export async function requireExisting(rt: Runtime, room: string): Promise<null> {
  if (!(await rt.store.hasRoom(room))) throw new ChatServiceError('noRoom', room);
  return null;
}

/** `noRoom`, then the read permission (joined or admin) unless bypassed. */
export async function requireReadable(rt: Runtime, info: ExecInfo, room: string): Promise<RoomAccess> {
  return checkReadable(info, room, await rt.store.roomAccess(room, info.userName ?? ''));
}

/** {@link requireReadable} on a standing already read (`null`: the room is missing). */
export function checkReadable(info: ExecInfo, room: string, access: RoomAccess | null): RoomAccess {
  if (!access) throw new ChatServiceError('noRoom', room);
  if (!info.bypassPermissions && !canReadRoom(access, info.userName)) throw new ChatServiceError('notJoined', room);
  return access;
}

/** The caller's user name; anonymous server calls cannot run user-bound commands. */
export function requireUser(info: ExecInfo): string {
  if (info.userName === undefined) throw new ChatServiceError('noLogin');
  return info.userName;
}

/** The caller's socket id (roomJoin, roomLeave). */
export function requireSocket(info: ExecInfo, command: string): string {
  if (info.id === null) throw new ChatServiceError('noSocket', command);
  return info.id;
}
