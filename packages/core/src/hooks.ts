/**
 * The hooks an integrator plugs in.
 *
 * @module
 */
import type { ExecInfo } from './exec-info.js';
import type { HookCallback } from './hook-runner.js';
import type { CommandHookName } from './protocol/commands.js';

export type { CommandName } from './protocol/commands.js';

/** Data of `onJoin` / `onLeave`. */
export interface RoomSocketEvent {
  id: string;
  roomName: string;
  njoined: number;
}

/** Data of `onDisconnect`: the socket id and, when the cleanup succeeded, its result. */
export interface DisconnectEvent {
  id: string;
  nconnected?: number;
  roomsRemoved?: string[];
  joinedSockets?: number[];
}

/** A before/after hook: resolve nothing to continue, or a non-empty value/array to override the result. */
export type CommandHook = (execInfo: ExecInfo, cb: HookCallback) => unknown;

/** `<command>Before` / `<command>After` hooks for every command. */
export type CommandHooks = Partial<Record<CommandHookName, CommandHook | undefined>>;

/**
 * Every hook. Each may be an async function, or take the reference's trailing
 * Node-style callback. `TServer` is the service type the hooks receive.
 */
export interface Hooks<TServer = unknown> extends CommandHooks {
  /** Authenticates a new socket: resolve `userName` or `[userName, authData]`; a rejection is a `loginRejected`. */
  onConnect?: ((server: TServer, socketId: string, cb: HookCallback) => unknown) | undefined;
  /** After a socket's disconnect cleanup; errors are ignored. */
  onDisconnect?: ((server: TServer, data: DisconnectEvent, cb: HookCallback) => unknown) | undefined;
  /** Before connections are accepted; a failure closes the service. */
  onStart?: ((server: TServer, cb: HookCallback) => unknown) | undefined;
  /** After the transports closed, while the store is open; decides `close()`'s outcome. */
  onClose?: ((server: TServer, error: unknown, cb: HookCallback) => unknown) | undefined;
  /** When a socket really joined a room, inside the join lock; a rejection rolls the join back. */
  onJoin?: ((server: TServer, data: RoomSocketEvent, cb: HookCallback) => unknown) | undefined;
  /** When a socket left a room (leave, disconnect, forced removal); errors are ignored. */
  onLeave?: ((server: TServer, data: RoomSocketEvent, cb: HookCallback) => unknown) | undefined;
  /** Validates room messages: any plain object is then allowed if this resolves. */
  roomMessagesChecker?: ((message: Record<string, unknown>, cb: HookCallback) => unknown) | undefined;
  /** Validates direct messages: any plain object is then allowed if this resolves. */
  directMessagesChecker?: ((message: Record<string, unknown>, cb: HookCallback) => unknown) | undefined;
}

/** Identity helper that types a hooks object. */
export function defineHooks<TServer = unknown>(hooks: Hooks<TServer>): Hooks<TServer> {
  return hooks;
}
