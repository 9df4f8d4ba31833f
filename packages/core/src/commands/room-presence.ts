/**
 * Joining and leaving rooms with one socket, under the (user, room) lock.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import type { ExecInfo } from '../exec-info.js';
import { canAccessRoom } from '../permissions.js';
import type { RoomNotifications, RoomSocketChange } from '../ports.js';
import { defineCommand } from './define.js';
import { requireSocket, requireUser } from './room-access.js';
import type { Runtime } from './runtime.js';

/** Runs `fn` so that a synchronous throw becomes a rejection. */
function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Undoes a failed join: the socket's room record, then the userlist entry if no socket stays joined. */
async function rollbackJoin(rt: Runtime, user: string, id: string, room: string): Promise<void> {
  let njoined = 1;
  try {
    njoined = (await rt.store.removeSocketFromRoom(user, id, room)).njoined;
  } catch (error) {
    rt.storeFailure(error, { userName: user, roomName: room, opType: 'userRooms' });
  }
  if (njoined === 0) {
    await rt.store.roomUserlistRemove(room, user, Date.now()).catch((error: unknown) => {
      rt.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
    });
  }
  await attempt(() => rt.leaveChannel(id, room)).catch(() => undefined);
}

/** Who joins or leaves what. */
interface Presence {
  user: string;
  id: string;
  room: string;
}

async function join(rt: Runtime, info: ExecInfo, { user, id, room }: Presence): Promise<number> {
  const access = await rt.store.roomAccess(room, user);
  if (!access) throw new ChatServiceError('noRoom', room);
  if (!canAccessRoom(access, user)) throw new ChatServiceError('notAllowed');
  // The socket is in the room's channel, and the instance on the room's bus topic, before the
  // join is recorded: no message sent once the join can be seen is missed.
  try {
    await attempt(() => rt.joinChannel(id, room));
    if (!access.inUserlist) await rt.store.roomUserlistAdd(room, user, Date.now());
  } catch (error) {
    await attempt(() => rt.leaveChannel(id, room)).catch(() => undefined);
    throw error;
  }
  try {
    const [notifications, change] = await Promise.all([
      attempt(() => rt.store.roomNotificationsGet(room)),
      attempt(() => rt.store.addSocketToRoom(user, id, room)),
      // again, beside the record: fails (and rolls back) when the socket went away meanwhile
      attempt(() => rt.joinChannel(id, room)),
    ]);
    if (change.changed) {
      await rt.runJoinHook(id, room, change.njoined);
      if (change.njoined === 1 && notifications.enableUserlistUpdates) rt.emitToRoom(room, 'roomUserJoined', [room, user]);
      rt.emitToUser(user, 'roomJoinedEcho', [room, id, change.njoined], info.isLocalCall ? null : id);
    }
    return change.njoined;
  } catch (error) {
    await rollbackJoin(rt, user, id, room);
    throw error;
  }
}

/** The body of `roomJoin`: checks `maxRoomsPerSocket`, then joins under the (user, room) lock. */
export const roomJoin = defineCommand('roomJoin', async (rt, info, [roomName]) => {
  const user = requireUser(info);
  const id = requireSocket(info, 'roomJoin');
  rt.checkRoomSlot(id, roomName);
  return rt.withLock(user, roomName, () => join(rt, info, { user, id, room: roomName }));
});

async function leave(rt: Runtime, info: ExecInfo, { user, id, room }: Presence): Promise<number> {
  const failed: Partial<RoomNotifications> = {};
  const [notifications, change] = await Promise.all([
    attempt(() => rt.store.roomNotificationsGet(room)).catch(() => failed),
    attempt((): Promise<RoomSocketChange> => rt.store.removeSocketFromRoom(user, id, room)),
    attempt(() => rt.leaveChannel(id, room)).catch((error: unknown) => {
      rt.transportFailure(error, { userName: user, roomName: room, id, opType: 'transportChannel' });
    }),
  ]);
  if (change.njoined === 0) {
    await rt.store.roomUserlistRemove(room, user, Date.now()).catch((error: unknown) => {
      rt.storeFailure(error, { userName: user, roomName: room, opType: 'roomUserlist' });
    });
  }
  if (change.changed) {
    rt.emitToUser(user, 'roomLeftEcho', [room, id, change.njoined], info.isLocalCall ? null : id);
    if (notifications.enableUserlistUpdates) rt.emitToRoom(room, 'roomUserLeft', [room, user]);
    await rt.runLeaveHook(id, room, change.njoined);
  }
  return change.njoined;
}

/** The body of `roomLeave`: leaves under the (user, room) lock; store and channel failures are reported, not thrown. */
export const roomLeave = defineCommand('roomLeave', async (rt, info, [roomName]) => {
  const user = requireUser(info);
  const id = requireSocket(info, 'roomLeave');
  if (!(await rt.store.hasRoom(roomName))) throw new ChatServiceError('noRoom', roomName);
  return rt.withLock(user, roomName, () => leave(rt, info, { user, id, room: roomName }));
});
