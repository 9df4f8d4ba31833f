/**
 * The script registry: every Lua script, registered on a client with
 * ioredis `defineCommand` (EVALSHA, falling back to EVAL after a restart).
 *
 * @module
 */
import type { Cluster, Redis } from 'ioredis';
import type { BeforeWrite } from '../write-batch.js';
import { HSET_IF_EXISTS, LIST_ADD, type ScriptSource } from './common.js';
import { HISTORY_APPEND, HISTORY_GET, HISTORY_INFO, HISTORY_MAX_SIZE_SET, HISTORY_READ, HISTORY_RECENT } from './history.js';
import { LOCK_RELEASE } from './locks.js';
import { ROOM_ACCESS, ROOM_ADD, ROOM_LISTENERS_CHANGE, ROOM_USERLIST_CHANGE, ROOM_USER_SEEN } from './rooms.js';
import { SOCKETS_GET, SOCKETS_LEAVE_ROOM, SOCKET_ADD, SOCKET_REMOVE, SOCKET_ROOM_CHANGE } from './sockets.js';
import { DIRECT_ACCESS, USER_ADD, USER_DELETE } from './users.js';

const SCRIPTS = {
  hsetIfExists: HSET_IF_EXISTS,
  listAdd: LIST_ADD,
  roomAdd: ROOM_ADD,
  roomAccess: ROOM_ACCESS,
  roomUserlistChange: ROOM_USERLIST_CHANGE,
  roomUserSeen: ROOM_USER_SEEN,
  roomListenersChange: ROOM_LISTENERS_CHANGE,
  historyAppend: HISTORY_APPEND,
  historyGet: HISTORY_GET,
  historyRead: HISTORY_READ,
  historyRecent: HISTORY_RECENT,
  historyInfo: HISTORY_INFO,
  historyMaxSizeSet: HISTORY_MAX_SIZE_SET,
  userAdd: USER_ADD,
  userDelete: USER_DELETE,
  directAccess: DIRECT_ACCESS,
  socketAdd: SOCKET_ADD,
  socketRemove: SOCKET_REMOVE,
  socketsGet: SOCKETS_GET,
  socketRoomChange: SOCKET_ROOM_CHANGE,
  socketsLeaveRoom: SOCKETS_LEAVE_ROOM,
  lockRelease: LOCK_RELEASE,
} as const satisfies Record<string, ScriptSource>;

/** The name of a script. */
export type ScriptName = keyof typeof SCRIPTS;

/** Runs a script with its keys and arguments; resolves the raw reply. */
export type ScriptRunner = (keys: readonly string[], args?: readonly (string | number)[]) => Promise<unknown>;

/** Every script, ready to run on one client. */
export type Scripts = Readonly<Record<ScriptName, ScriptRunner>>;

/** Command names on the client are namespaced so they never shadow ioredis methods. */
const COMMAND_PREFIX = 'chatService_';

/**
 * Registers every script on the client (idempotent: the same sources under the
 * same names) and returns typed runners; each run calls `beforeWrite` first
 * (the client's write batch, see `createWriteBatch`).
 */
export function defineScripts(client: Redis | Cluster, beforeWrite: BeforeWrite): Scripts {
  const entries = Object.entries(SCRIPTS).map(([name, script]): [string, ScriptRunner] => {
    const command = COMMAND_PREFIX + name;
    const grouped = script.grouped === true;
    client.defineCommand(command, grouped ? { lua: script.lua } : { numberOfKeys: script.keys, lua: script.lua });
    const method: unknown = Reflect.get(client, command);
    if (typeof method !== 'function') throw new Error(`[store-redis] could not define the script "${name}"`);
    const run = method as (...args: (string | number | readonly (string | number)[])[]) => Promise<unknown>;
    return [
      name,
      (keys, args = []) => {
        if (grouped ? keys.length === 0 || keys.length % script.keys !== 0 : keys.length !== script.keys) {
          throw new Error(`[store-redis] script "${name}" takes ${grouped ? 'groups of ' : ''}${String(script.keys)} keys`);
        }
        beforeWrite();
        // ioredis flattens array arguments (one level): no copy of long argument lists here
        return grouped ? run.call(client, keys.length, keys, args) : run.call(client, ...keys, ...args);
      },
    ];
  });
  return Object.fromEntries(entries) as Record<ScriptName, ScriptRunner>;
}
