/**
 * `ChatServiceCore`, the service: built from its ports, it starts at once (see `ready`), serves its transports'
 * sockets, and offers the server-side and recovery APIs, each method an entry to the module that implements it.
 *
 * @module
 */
import type { ClusterBus } from './cluster-bus.js';
import { ChatServiceError } from './errors.js';
import { ServiceEmitter } from './events.js';
import type { Hooks } from './hooks.js';
import { attachTransports, closeService, startService, type LifecycleState } from './lifecycle.js';
import type { ResolvedOptions } from './options.js';
import type { Store } from './ports.js';
import { instanceRecovery, roomStateSync, userStateSync } from './recovery.js';
import type { BusTraffic } from './routing.js';
import { checkArguments, execUserCommand, type CommandContext } from './server-api/exec.js';
import * as rooms from './server-api/rooms.js';
import * as users from './server-api/users.js';
import { resolveBase, resolvePorts, type BaseParts, type ChatServiceConfig } from './service-config.js';
import { createServiceContext, type ServiceContext } from './service-context.js';
import type { TransportFacade } from './transport-facade.js';

/** The chat service; see the module doc. */
export class ChatServiceCore extends ServiceEmitter {
  /** The error class, also reachable from an instance. */
  readonly ChatServiceError = ChatServiceError;
  static readonly ChatServiceError = ChatServiceError;

  /** The reference's `service.validator`. */
  readonly validator = { checkArguments: (command: string, ...args: unknown[]): Promise<void> => checkArguments(this.#ctx, command, args) };

  /** The reference's `service.state`: the instance socket registry. */
  readonly state = {
    getInstanceSockets: (uid?: string): Promise<Record<string, string>> => this.store.getInstanceSockets(uid ?? this.instanceUID),
  };

  readonly #base: BaseParts;
  readonly #ctx: ServiceContext;
  readonly #life: LifecycleState = { closed: false, closing: undefined, heartbeat: undefined };
  readonly #started: Promise<void>;
  /** Someone holds the start promise (or listens), so a failed start is theirs to report. */
  #startWatched = false;

  /** Builds the service from its ports and options and starts it at once (see `ready`). */
  constructor(config: ChatServiceConfig) {
    super();
    this.#base = resolveBase(config);
    this.#ctx = createServiceContext({ ...this.#base, ...resolvePorts(config, this), server: this, events: this });
    // Without onStart, connections are served from the constructor on.
    const attached = this.hooks.onStart ? undefined : attachTransports(this.#ctx);
    this.#started = startService(this.#ctx, this.#life, { attached, beforeReady: () => this.beforeReady() });
    this.#started.catch((error: unknown) => {
      // Like an EventEmitter `error` nobody listens to: a failed start nobody
      // watches (no `ready` / `whenReady()`, no `error` or `closed` listener)
      // is an unhandled rejection, so the process fails loudly instead of exiting 0.
      if (this.#startWatched || this.listenerCount('error') > 0 || this.listenerCount('closed') > 0) return;
      throw error;
    });
  }

  /** This instance's id. */
  get instanceUID(): string {
    return this.#base.instanceUID;
  }

  /** The resolved options. */
  get options(): ResolvedOptions {
    return this.#base.options;
  }

  /** The hooks. */
  get hooks(): Hooks {
    return this.#base.hooks;
  }

  /** The store (use at your own risk). */
  get store(): Store {
    return this.#ctx.store;
  }

  /** The heartbeat timer (the reference exposes it; tests clear it). */
  get hbtimer(): ReturnType<typeof setInterval> | undefined {
    return this.#life.heartbeat;
  }

  /** The transports' facade (`getHandshakeData`, `emitToChannel`, ...). */
  get transport(): TransportFacade {
    return this.#ctx.transport;
  }

  /** The instance-to-instance event bus. */
  get clusterBus(): ClusterBus {
    return this.#ctx.clusterBus;
  }

  /** Bus messages this instance published and received so far, per topic kind (live counters, for a metrics layer). */
  get busTraffic(): BusTraffic {
    return this.#ctx.routing.traffic;
  }

  /** The room and user topics this instance is subscribed to for its local sockets, as `room:<name>` / `user:<name>`. */
  busSubscriptions(): string[] {
    return this.#ctx.routing.subscriptions.held();
  }

  /**
   * Resolves once the service accepts connections (just before `ready`); rejects with the cause when it cannot
   * start (port in use, store unreachable, `onStart` failed, ...): the service is then closed, and `error` and
   * `closed` have been emitted. A failed start nobody watches (this promise, an `error` or `closed` listener)
   * becomes an unhandled rejection, which ends Node.
   */
  get ready(): Promise<void> {
    this.#startWatched = true;
    return this.#started;
  }

  /** The same promise as {@link ChatServiceCore.ready}. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Runs after the transports are attached and before `ready` (e.g. to start a shared HTTP server listening). */
  protected async beforeReady(): Promise<void> {
    // nothing by default
  }

  /**
   * Closes the service: transports (disconnecting every client and waiting for their cleanup, bounded by `closeTimeout`),
   * then `onClose`, then the state.
   *
   * @returns resolves when closed; rejects if the transports failed to close (and no `onClose` resolved) or `onClose` failed
   */
  close(): Promise<void> {
    return closeService(this.#ctx, this.#life);
  }

  /**
   * Runs a client command on the server, as a user (string), anonymously with or without bypass (boolean), or with a
   * full context object.
   *
   * @returns the results array, or a hook's override value
   * @throws {ChatServiceError} `noUser`, `noCommand`, `noSocket`, and the command's own errors (unconverted)
   */
  execUserCommand(context: CommandContext, command: string, ...args: unknown[]): Promise<unknown> {
    return execUserCommand(this.#ctx, context, command, args);
  }

  /** Validates a command's arguments without running it (extra arguments are an error here). @throws {ChatServiceError} `noCommand`, `wrongArgumentsCount`, `badArgument` */
  checkArguments(command: string, ...args: unknown[]): Promise<void> {
    return checkArguments(this.#ctx, command, args);
  }

  /** Creates a user. @throws {ChatServiceError} `invalidName`, `userExists` */
  addUser(userName: string, state?: users.UserState | null): Promise<void> {
    return users.addUser(this.#ctx, userName, state);
  }

  /** Deletes a user without sockets. @throws {ChatServiceError} `noUser`, `userOnline` */
  deleteUser(userName: string): Promise<void> {
    return users.deleteUser(this.#ctx, userName);
  }

  /** Whether the user exists. */
  hasUser(userName: string): Promise<boolean> {
    return this.store.hasUser(userName);
  }

  /** Whether a user's direct list holds a name. @throws {ChatServiceError} `noUser`, `noList` */
  userHasInList(userName: string, listName: string, item: string): Promise<boolean> {
    return users.userHasInList(this.#ctx, userName, listName, item);
  }

  /** Whether `sender` may send direct messages to `recipient`; any error gives false. */
  hasDirectAccess(recipient: string, sender: string): Promise<boolean> {
    return users.hasDirectAccess(this.#ctx, recipient, sender);
  }

  /** Disconnects every socket of the user, on every instance. */
  disconnectUserSockets(userName: string): Promise<void> {
    this.#ctx.remote.disconnectUser(userName);
    return Promise.resolve();
  }

  /** Creates a room. @throws {ChatServiceError} `invalidName`, `roomExists` */
  addRoom(roomName: string, state?: rooms.RoomState | null): Promise<void> {
    return rooms.addRoom(this.#ctx, roomName, state);
  }

  /** Deletes a room like a bypass `roomDelete` (its hooks run); purges what a dead instance left half-deleted. @throws {ChatServiceError} `noRoom` */
  deleteRoom(roomName: string): Promise<void> {
    return rooms.deleteRoom(this.#ctx, roomName);
  }

  /** Whether the room exists. */
  hasRoom(roomName: string): Promise<boolean> {
    return this.store.hasRoom(roomName);
  }

  /** Whether a room list holds a name. @throws {ChatServiceError} `noRoom`, `noList` */
  roomHasInList(roomName: string, listName: string, item: string): Promise<boolean> {
    return rooms.roomHasInList(this.#ctx, roomName, listName, item);
  }

  /** Whether the user may join the room; any error gives false. */
  hasRoomAccess(roomName: string, userName: string): Promise<boolean> {
    return rooms.hasRoomAccess(this.#ctx, roomName, userName);
  }

  /** Sets the room's owner. @throws {ChatServiceError} `noRoom` */
  changeRoomOwner(roomName: string, owner: string): Promise<void> {
    return rooms.changeRoomOwner(this.#ctx, roomName, owner);
  }

  /** Sets the room's history limit and trims at once; a non-number or negative size keeps the limit. @throws {ChatServiceError} `noRoom` */
  changeRoomHistoryMaxSize(roomName: string, size: number): Promise<void> {
    return rooms.changeRoomHistoryMaxSize(this.#ctx, roomName, size);
  }

  /** Switches access-list notifications of a room. @throws {ChatServiceError} `noRoom` */
  changeAccessListsUpdates(roomName: string, enable: boolean): Promise<void> {
    return rooms.changeRoomNotifications(this.#ctx, roomName, { enableAccessListsUpdates: Boolean(enable) }); // eslint-disable-line @typescript-eslint/no-unnecessary-type-conversion -- JS callers may pass any value; the store keeps a boolean
  }

  /** Switches userlist notifications of a room. @throws {ChatServiceError} `noRoom` */
  changeUserlistUpdates(roomName: string, enable: boolean): Promise<void> {
    return rooms.changeRoomNotifications(this.#ctx, roomName, { enableUserlistUpdates: Boolean(enable) }); // eslint-disable-line @typescript-eslint/no-unnecessary-type-conversion -- JS callers may pass any value; the store keeps a boolean
  }

  /** Repairs a user's state: forgets this instance's lost sockets, leaves rooms whose userlist lacks the user. @throws {ChatServiceError} `noUser` */
  userStateSync(userName: string): Promise<void> {
    return userStateSync(this.#ctx, userName);
  }

  /** Repairs a room's userlist: removes users with no socket joined and users who lost access. @throws {ChatServiceError} `noRoom` */
  roomStateSync(roomName: string): Promise<void> {
    return roomStateSync(this.#ctx, roomName);
  }

  /** Cleans up every socket of a (dead) instance, with the notifications of a disconnect. */
  instanceRecovery(instanceUID: string): Promise<void> {
    return instanceRecovery(this.#ctx, instanceUID);
  }

  /** The last heartbeat (ms) of an instance, this one by default; null if unknown. */
  getInstanceHeartbeat(instanceUID?: string): Promise<number | null> {
    return this.store.getHeartbeat(instanceUID ?? this.instanceUID);
  }
}
