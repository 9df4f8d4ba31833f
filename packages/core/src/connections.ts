/**
 * Connection lifecycle: authentication, registration,
 * loginConfirmed / loginRejected, and the disconnect cleanup.
 *
 * @module
 */
import { ChatServiceError } from './errors.js';
import { callHook, outcomeList, runHook } from './hook-runner.js';
import type { DisconnectEvent } from './hooks.js';
import { checkName, withHandshakeTimeout } from './limit-checks.js';
import { userChannel } from './name-rules.js';
import type { IncomingConnection, SocketRemoval, Transport } from './ports.js';
import type { LocalSocket } from './local-sockets.js';
import type { ServiceContext } from './service-context.js';
import { holdUserTopic, releaseTopics } from './socket-channels.js';

async function authenticate(rt: ServiceContext, socket: LocalSocket, id: string): Promise<[string, Record<string, unknown>]> {
  const hook = rt.hooks.onConnect;
  // A hook that answers at once (a dev hook reading the query) needs no promise and no timer.
  const outcome = hook ? callHook(hook, [rt.server, id]) : undefined;
  const values = outcome === undefined ? [] : outcomeList(outcome instanceof Promise ? await withHandshakeTimeout(outcome, rt.options.handshakeTimeout) : outcome);
  const [userName, authData] = values;
  if (!userName) throw new ChatServiceError('noLogin');
  checkName(rt.options, userName);
  rt.limiter.claim(socket, userName);
  const data = typeof authData === 'object' && authData !== null ? (authData as Record<string, unknown>) : {};
  return [userName, data];
}

/** What `socket.login` holds once the login settled: its own promise would stay on every idle socket. */
const SETTLED: Promise<void> = Promise.resolve();

async function login(rt: ServiceContext, socket: LocalSocket, id: string): Promise<void> {
  let registered = false;
  try {
    const [userName, authData] = await authenticate(rt, socket, id);
    // The user's record, and the user's bus topic before the socket is recorded (nothing sent to the user
    // afterwards is missed), side by side; then the socket's two records, side by side too: on Redis one
    // round trip each instead of two (on one node the instance's registry is still written first: both
    // commands go down one connection, in order).
    await Promise.all([rt.store.ensureUser(userName), holdUserTopic(rt, id, userName)]);
    socket.userName = userName;
    registered = true;
    const [, nconnected] = await Promise.all([
      rt.store.addInstanceSocket(rt.instanceUID, id, userName),
      rt.store.addUserSocket(userName, id, rt.instanceUID),
    ]);
    if (socket.gone || !rt.transport.getSocket(id)) throw new ChatServiceError('noSocket', 'connection');
    socket.ready = true;
    await rt.joinChannel(id, userChannel(userName));
    // To the user's other sockets: with none (the store counted this one alone), there is nobody to tell.
    if (nconnected > 1) rt.emitToUser(userName, 'socketConnectEcho', [id, nconnected], id);
    authData['id'] = id;
    socket.loggedIn = true;
    socket.transport.send(id, 'loginConfirmed', [userName, authData]);
    rt.events.emit('socketConnected', { id, userName, transport: socket.transport.name });
  } catch (error) {
    socket.ready = false;
    // The state is cleaned before the client can see the rejection.
    if (registered && socket.userName !== undefined) await cleanupSocket(rt, id, socket.userName);
    if (ChatServiceError.is(error)) rt.logger.debug('login rejected', { id, error });
    else rt.logger.warn('login failed', { id, error });
    rt.events.emit('loginRejected', { id, transport: socket.transport.name, error });
    rt.transport.rejectLogin(id, error);
  } finally {
    socket.login = SETTLED;
  }
}

/** A transport reported a new socket: authenticate and register it. */
export function handleConnection(rt: ServiceContext, transport: Transport, connection: IncomingConnection): void {
  const { id } = connection;
  const socket: LocalSocket = {
    transport,
    connection,
    userName: undefined,
    ready: false,
    loggedIn: false,
    gone: false,
    login: SETTLED,
    cleanup: undefined,
    // Set by the login; declared here so that the object keeps all its fields in place.
    claimedUser: undefined,
  };
  rt.sockets.set(id, socket);
  socket.login = rt.tracker.track(login(rt, socket, id));
}

/** A transport reported a disconnect: wait for the login, then clean up and run `onDisconnect`. */
export function handleDisconnect(rt: ServiceContext, id: string): Promise<void> {
  const socket = rt.sockets.get(id);
  if (!socket) return Promise.resolve();
  // A transport reporting the same disconnect twice gets the first cleanup.
  if (socket.cleanup) return socket.cleanup;
  socket.gone = true;
  socket.ready = false;
  return (socket.cleanup = rt.tracker.track(
    (async () => {
      await socket.login;
      const userName = socket.userName;
      if (socket.loggedIn && userName !== undefined) {
        const result = await cleanupSocket(rt, id, userName);
        const data: DisconnectEvent = { id, ...result };
        if (rt.hooks.onDisconnect) {
          await runHook(rt.hooks.onDisconnect, [rt.server, data]).catch((error: unknown) => {
            rt.logger.warn('onDisconnect failed', { error });
          });
        }
        rt.events.emit('socketDisconnected', { id, userName });
      }
      await releaseTopics(rt, id);
      rt.sockets.delete(id);
      rt.limiter.release(socket);
    })(),
  ));
}

async function leaveRoomOnDisconnect(
  rt: ServiceContext,
  input: { id: string; userName: string; room: string; njoined: number },
): Promise<void> {
  const { id, userName, room, njoined } = input;
  await rt.runLeaveHook(id, room, njoined);
  rt.emitToUser(userName, 'roomLeftEcho', [room, id, njoined], id);
  if (njoined !== 0) return;
  // Under the (user, room) lock, and only if no socket of the user joined meanwhile: a roomJoin of
  // another socket that saw the user still listed has not re-added them, so dropping them now
  // would leave a joined socket outside the userlist.
  const removed = await rt
    .withLock(userName, room, async () => {
      const sockets = await rt.store.getUserSockets(userName);
      if (sockets.some((s) => s.rooms.includes(room))) return false;
      await rt.store.roomUserlistRemove(room, userName, Date.now());
      return true;
    })
    .catch((error: unknown) => {
      rt.storeFailure(error, { userName, roomName: room, opType: 'roomUserlist' });
      return true;
    });
  if (!removed) return;
  const notifications = await rt.store.roomNotificationsGet(room).catch(() => null);
  if (notifications?.enableUserlistUpdates) rt.emitToRoom(room, 'roomUserLeft', [room, userName]);
}

/**
 * The full socket cleanup (rooms left, echoes, userlists, the user's channel), serialised per user. Store
 * failures emit `storeConsistencyFailure` and give `undefined`.
 */
export function cleanupSocket(
  rt: ServiceContext,
  id: string,
  userName: string,
  instanceUID: string = rt.instanceUID,
): Promise<SocketRemoval | undefined> {
  return rt.userQueue.run(userName, async () => {
    try {
      const removal = await rt.store.removeUserSocket(userName, id);
      const rooms = removal.roomsRemoved;
      await Promise.all(
        rooms.map((room) =>
          rt.leaveChannel(id, room).catch((error: unknown) => {
            rt.transportFailure(error, { userName, roomName: room, id, opType: 'transportChannel' });
          }),
        ),
      );
      await Promise.all(rooms.map((room, i) => leaveRoomOnDisconnect(rt, { id, userName, room, njoined: removal.joinedSockets[i] ?? 0 })));
      // To the user's remaining sockets, if any.
      if (removal.nconnected > 0) rt.emitToUser(userName, 'socketDisconnectEcho', [id, removal.nconnected], id);
      await rt.store.removeInstanceSocket(instanceUID, id);
      if (instanceUID === rt.instanceUID) await releaseTopics(rt, id);
      return removal;
    } catch (error) {
      rt.storeFailure(error, { userName, id, opType: 'userSockets' });
      return undefined;
    }
  });
}
