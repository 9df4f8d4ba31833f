/**
 * The server-side API and the recovery API.
 *
 * @module
 */
import { COMMANDS, isCommandName } from './protocol/commands.js';
import { defaultRoomInit } from './commands/room-defaults.js';
import { cleanupSocket } from './connections.js';
import { ChatServiceError } from './errors.js';
import type { ExecInfo } from './exec-info.js';
import type { CommandName } from './hooks.js';
import { checkName } from './limit-checks.js';
import { canAccessRoom, canSendDirect, isDirectList, isRoomList } from './permissions.js';
import { executeCommand, validateArguments } from './pipeline.js';
import type { RoomInit } from './ports.js';
import { ServiceLifecycle } from './service.js';

/** The context of `execUserCommand`: a user name, a bypass flag, or an object. */
export type CommandContext =
  | string
  | boolean
  | null
  | undefined
  | { userName?: string | undefined; id?: string | null | undefined; bypassHooks?: boolean | undefined; bypassPermissions?: boolean | undefined; [extra: string]: unknown };

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

/** Initial state of a user for `addUser`. */
export interface UserState {
  whitelist?: string[];
  blacklist?: string[];
  whitelistOnly?: boolean;
}

type NodeCallback = (error: unknown, ...results: unknown[]) => void;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function popCallback(args: unknown[]): NodeCallback | undefined {
  return typeof args[args.length - 1] === 'function' ? (args.pop() as NodeCallback) : undefined;
}

function withCallback<T>(promise: Promise<T>, cb: NodeCallback | undefined): Promise<T> {
  if (cb) {
    promise.then(
      (value) => (Array.isArray(value) ? cb(null, ...(value as unknown[])) : cb(null, value)),
      (error: unknown) => cb(error),
    );
  }
  return promise;
}

function normalizeContext(context: CommandContext): Exclude<CommandContext, string | boolean | null | undefined> {
  if (typeof context === 'string') return { userName: context };
  if (typeof context === 'boolean') return { bypassPermissions: context };
  if (context === null || context === undefined) return {};
  return { ...context };
}

/** The full service: lifecycle plus the server-side and recovery APIs. */
export class ChatServiceCore extends ServiceLifecycle {
  /** The reference's `service.validator`. */
  readonly validator = {
    checkArguments: (command: string, ...args: unknown[]): Promise<void> => this.checkArguments(command, ...args),
  };

  /** The reference's `service.state`: the instance socket registry. */
  readonly state = {
    getInstanceSockets: (instanceUID?: string): Promise<Record<string, string>> =>
      this.store.getInstanceSockets(instanceUID ?? this.instanceUID),
  };

  /**
   * Runs a client command on the server, as a user (string), anonymously with
   * or without bypass (boolean), or with a full context object.
   *
   * @returns the results array, or a hook's override value
   * @throws {ChatServiceError} `noUser`, `noCommand`, `noSocket`, and the command's own errors (unconverted)
   */
  execUserCommand(context: CommandContext, command: CommandName | string, ...args: unknown[]): Promise<unknown> {
    const cb = popCallback(args);
    return withCallback(this.#exec(context, command, args), cb);
  }

  async #exec(context: CommandContext, command: string, args: unknown[]): Promise<unknown> {
    const ctx = normalizeContext(context);
    const { userName, id, bypassHooks, bypassPermissions, ...extras } = ctx;
    if (userName && !(await this.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
    if (!isCommandName(command)) throw new ChatServiceError('noCommand', command);
    if (COMMANDS[command].needsSocket && !id) throw new ChatServiceError('noSocket', command);
    const info: ExecInfo = {
      ...extras,
      server: this,
      userName: userName || undefined,
      id: id ?? null,
      isLocalCall: true,
      bypassPermissions: Boolean(bypassPermissions),
      bypassHooks: Boolean(bypassHooks),
      args,
      restArgs: [],
      results: null,
      error: null,
      data: {},
    };
    const outcome = await this.rt.tracker.track(executeCommand(this.rt, command, info));
    return outcome.override ? outcome.value : outcome.results;
  }

  /**
   * Validates a command's arguments without running it (extra arguments are an error here).
   *
   * @throws {ChatServiceError} `noCommand`, `wrongArgumentsCount`, `badArgument`
   */
  checkArguments(command: string, ...args: unknown[]): Promise<void> {
    const cb = popCallback(args);
    return withCallback(validateArguments(this, command, args), cb);
  }

  // --- users ---

  /** Creates a user. @throws {ChatServiceError} `invalidName`, `userExists` */
  async addUser(userName: string, state?: UserState | null): Promise<void> {
    checkName(this.options, userName);
    const init = { whitelistOnly: Boolean(state?.whitelistOnly), whitelist: strings(state?.whitelist), blacklist: strings(state?.blacklist) };
    if (!(await this.store.addUser(userName, init))) throw new ChatServiceError('userExists', userName);
  }

  /** Deletes a user without sockets. @throws {ChatServiceError} `noUser`, `userOnline` */
  async deleteUser(userName: string): Promise<void> {
    if (!(await this.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
    if ((await this.store.countUserSockets(userName)) > 0) throw new ChatServiceError('userOnline', userName);
    await this.store.deleteUser(userName);
  }

  /** Whether the user exists. */
  hasUser(userName: string): Promise<boolean> {
    return this.store.hasUser(userName);
  }

  /** Whether a user's direct list holds a name. @throws {ChatServiceError} `noUser`, `noList` */
  async userHasInList(userName: string, listName: string, item: string): Promise<boolean> {
    if (!(await this.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
    if (!isDirectList(listName)) throw new ChatServiceError('noList', listName);
    return this.store.directListHas(userName, listName, item);
  }

  /** Whether `sender` may send direct messages to `recipient`; any error gives false. */
  async hasDirectAccess(recipient: string, sender: string): Promise<boolean> {
    if (recipient === sender) return false;
    try {
      const access = await this.store.directAccess(recipient, sender);
      return access !== null && canSendDirect(access);
    } catch {
      return false;
    }
  }

  /** Disconnects every socket of the user, on every instance. */
  async disconnectUserSockets(userName: string): Promise<void> {
    this.rt.disconnectUser(userName);
  }

  // --- rooms ---

  /** Creates a room. @throws {ChatServiceError} `invalidName`, `roomExists` */
  async addRoom(roomName: string, state?: RoomState | null): Promise<void> {
    checkName(this.options, roomName);
    const d = defaultRoomInit(this.rt);
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
    if (!(await this.store.addRoom(roomName, init))) throw new ChatServiceError('roomExists', roomName);
  }

  /**
   * Deletes a room like a bypass `roomDelete` (its hooks run). A room left
   * marked as being deleted by an instance that died mid-delete reads as
   * missing: this call then purges its leftovers (and still reports `noRoom`),
   * so the name can be used again.
   *
   * @throws {ChatServiceError} `noRoom`
   */
  async deleteRoom(roomName: string): Promise<void> {
    try {
      await this.execUserCommand(true, 'roomDelete', roomName);
    } catch (error) {
      if (ChatServiceError.is(error) && error.code === 'noRoom') await this.store.deleteRoom(roomName);
      throw error;
    }
  }

  /** Whether the room exists. */
  hasRoom(roomName: string): Promise<boolean> {
    return this.store.hasRoom(roomName);
  }

  async #requireRoom(roomName: string): Promise<void> {
    if (!(await this.store.hasRoom(roomName))) throw new ChatServiceError('noRoom', roomName);
  }

  /** Whether a room list holds a name. @throws {ChatServiceError} `noRoom`, `noList` */
  async roomHasInList(roomName: string, listName: string, item: string): Promise<boolean> {
    await this.#requireRoom(roomName);
    if (!isRoomList(listName)) throw new ChatServiceError('noList', listName);
    return this.store.roomListHas(roomName, listName, item);
  }

  /** Whether the user may join the room; any error gives false. */
  async hasRoomAccess(roomName: string, userName: string): Promise<boolean> {
    try {
      const access = await this.store.roomAccess(roomName, userName);
      return access !== null && canAccessRoom(access, userName);
    } catch {
      return false;
    }
  }

  /** Sets the room's owner. @throws {ChatServiceError} `noRoom` */
  async changeRoomOwner(roomName: string, owner: string): Promise<void> {
    await this.#requireRoom(roomName);
    await this.store.roomOwnerSet(roomName, owner);
  }

  /** Sets the room's history limit and trims at once; a non-number or negative size keeps the limit. @throws {ChatServiceError} `noRoom` */
  async changeRoomHistoryMaxSize(roomName: string, size: number): Promise<void> {
    await this.#requireRoom(roomName);
    if (typeof size === 'number' && Number.isFinite(size) && size >= 0) await this.store.roomHistoryMaxSizeSet(roomName, Math.floor(size));
  }

  /** Switches access-list notifications of a room. @throws {ChatServiceError} `noRoom` */
  async changeAccessListsUpdates(roomName: string, enable: boolean): Promise<void> {
    await this.#requireRoom(roomName);
    await this.store.roomNotificationsSet(roomName, { enableAccessListsUpdates: Boolean(enable) });
  }

  /** Switches userlist notifications of a room. @throws {ChatServiceError} `noRoom` */
  async changeUserlistUpdates(roomName: string, enable: boolean): Promise<void> {
    await this.#requireRoom(roomName);
    await this.store.roomNotificationsSet(roomName, { enableUserlistUpdates: Boolean(enable) });
  }

  // --- recovery ---

  /**
   * Repairs a user's state: forgets this instance's sockets the transport no
   * longer has, and removes the user from rooms whose userlist lacks them.
   *
   * @throws {ChatServiceError} `noUser`
   */
  async userStateSync(userName: string): Promise<void> {
    if (!(await this.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
    const sockets = await this.store.getUserSockets(userName);
    const rooms = new Set<string>();
    for (const socket of sockets) {
      if (socket.instanceUID === this.instanceUID && !this.transport.getSocket(socket.id)) {
        await this.store.removeUserSocket(userName, socket.id);
        await this.store.removeInstanceSocket(this.instanceUID, socket.id);
      } else {
        for (const room of socket.rooms) rooms.add(room);
      }
    }
    await Promise.all(
      [...rooms].map(async (room) => {
        try {
          if (!(await this.store.roomListHas(room, 'userlist', userName))) await this.rt.removeFromRoom(userName, room);
        } catch {
          // per-room errors are ignored
        }
      }),
    );
  }

  /**
   * Repairs a room's userlist: removes users with no socket joined and users who lost access.
   *
   * @throws {ChatServiceError} `noRoom`
   */
  async roomStateSync(roomName: string): Promise<void> {
    await this.#requireRoom(roomName);
    const userlist = await this.store.roomListGet(roomName, 'userlist');
    await Promise.all(
      userlist.map(async (user) => {
        try {
          const sockets = await this.store.getUserSockets(user);
          const joined = sockets.some((s) => s.rooms.includes(roomName));
          const access = joined ? await this.store.roomAccess(roomName, user) : null;
          if (!joined || (access !== null && !canAccessRoom(access, user))) await this.rt.removeFromRoom(user, roomName);
        } catch {
          // per-user errors are ignored
        }
      }),
    );
  }

  /** Cleans up every socket of a (dead) instance, with the notifications of a disconnect. */
  async instanceRecovery(instanceUID: string): Promise<void> {
    const sockets = await this.store.getInstanceSockets(instanceUID);
    await Promise.all(
      Object.entries(sockets).map(async ([id, userName]) => {
        await cleanupSocket(this.rt, id, userName, instanceUID).catch(() => undefined);
        await this.store.removeInstanceSocket(instanceUID, id).catch(() => undefined);
      }),
    );
  }

  /** The last heartbeat (ms) of an instance, this one by default; null if unknown. */
  getInstanceHeartbeat(instanceUID?: string): Promise<number | null> {
    return this.store.getHeartbeat(instanceUID ?? this.instanceUID);
  }
}
