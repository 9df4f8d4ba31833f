/**
 * Forced removal of a user from a room (a kick by an access-list change, a
 * room deletion, a repair by the recovery API): every socket of the user
 * leaves the room's channel wherever it lives, the userlist drops the user,
 * then the user and the room are told.
 *
 * @module
 */
import type { RemovalOptions } from './commands/runtime.js';
import type { ServiceContext } from './service-context.js';

type RemovalContext = Pick<
  ServiceContext,
  'store' | 'logger' | 'remote' | 'withLock' | 'storeFailure' | 'runLeaveHook' | 'emitToUser' | 'emitToRoom'
>;

/** Removes a user from a room under the (user, room) lock; never rejects (a failure is logged). */
export async function removeFromRoom(ctx: RemovalContext, user: string, room: string, options: RemovalOptions = {}): Promise<void> {
  try {
    await ctx.withLock(user, room, () => remove(ctx, user, room, options));
  } catch (error) {
    ctx.logger.warn('forced removal failed', { user, room, error });
  }
}

async function remove(ctx: RemovalContext, user: string, room: string, options: RemovalOptions): Promise<void> {
  if (!(await ctx.store.hasUser(user))) return;
  let ids: string[] = [];
  try {
    ids = await ctx.store.removeUserSocketsFromRoom(user, room);
  } catch (error) {
    ctx.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
  }
  await Promise.all(ids.map((id) => ctx.remote.leaveSocket(user, id, room)));
  // The userlist changes before anyone is told, so a client reacting at once sees the new state.
  await ctx.store.roomUserlistRemove(room, user, Date.now()).catch((error: unknown) => {
    ctx.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
  });
  if (ids.length === 0) return;
  await Promise.all(ids.map((id) => ctx.runLeaveHook(id, room, 0)));
  ctx.emitToUser(user, 'roomAccessRemoved', [room]);
  if (options.silent) return;
  const notifications = await ctx.store.roomNotificationsGet(room).catch(() => null);
  if (notifications?.enableUserlistUpdates) ctx.emitToRoom(room, 'roomUserLeft', [room, user]);
}
