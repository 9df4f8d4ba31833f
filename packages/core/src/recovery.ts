/**
 * The recovery API: repairs of a user's or a room's state after store or
 * transport failures, and the cleanup of a dead instance's sockets.
 *
 * @module
 */
import { cleanupSocket } from './connections.js';
import { ChatServiceError } from './errors.js';
import { canAccessRoom } from './permissions.js';
import type { ServiceContext } from './service-context.js';
import { requireRoom } from './server-api/rooms.js';

/**
 * `userStateSync`: forgets this instance's sockets the transport no longer
 * has, and removes the user from rooms whose userlist lacks them.
 *
 * @throws {ChatServiceError} `noUser`
 */
export async function userStateSync(ctx: ServiceContext, userName: string): Promise<void> {
  if (!(await ctx.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
  const sockets = await ctx.store.getUserSockets(userName);
  const rooms = new Set<string>();
  for (const socket of sockets) {
    if (socket.instanceUID === ctx.instanceUID && !ctx.transport.getSocket(socket.id)) {
      await ctx.store.removeUserSocket(userName, socket.id);
      await ctx.store.removeInstanceSocket(ctx.instanceUID, socket.id);
    } else {
      for (const room of socket.rooms) rooms.add(room);
    }
  }
  await Promise.all(
    [...rooms].map(async (room) => {
      try {
        if (!(await ctx.store.roomListHas(room, 'userlist', userName))) await ctx.removeFromRoom(userName, room);
      } catch {
        // per-room errors are ignored
      }
    }),
  );
}

/**
 * `roomStateSync`: removes users with no socket joined and users who lost access.
 *
 * @throws {ChatServiceError} `noRoom`
 */
export async function roomStateSync(ctx: ServiceContext, roomName: string): Promise<void> {
  await requireRoom(ctx, roomName);
  const userlist = await ctx.store.roomListGet(roomName, 'userlist');
  await Promise.all(
    userlist.map(async (user) => {
      try {
        const sockets = await ctx.store.getUserSockets(user);
        const joined = sockets.some((s) => s.rooms.includes(roomName));
        const access = joined ? await ctx.store.roomAccess(roomName, user) : null;
        if (!joined || (access !== null && !canAccessRoom(access, user))) await ctx.removeFromRoom(user, roomName);
      } catch {
        // per-user errors are ignored
      }
    }),
  );
}

/**
 * `instanceRecovery`: cleans up every socket of a (dead) instance, with the
 * notifications of a disconnect, then has the bus forget the instance.
 */
export async function instanceRecovery(ctx: ServiceContext, instanceUID: string): Promise<void> {
  const sockets = await ctx.store.getInstanceSockets(instanceUID);
  await Promise.all(
    Object.entries(sockets).map(async ([id, userName]) => {
      await cleanupSocket(ctx, id, userName, instanceUID).catch(() => undefined);
      await ctx.store.removeInstanceSocket(instanceUID, id).catch(() => undefined);
    }),
  );
  await ctx.bus.forget?.(instanceUID);
}
