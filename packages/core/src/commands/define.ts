/**
 * `defineCommand`: a command's declared arguments and its body, with the
 * argument types inferred from the declaration.
 *
 * @module
 */
import type { ExecInfo } from '../exec-info.js';
import type { StoredMessage } from '../ports.js';
import type { ArgKind } from '../schemas.js';
import type { Runtime } from './runtime.js';

/** The TypeScript type of each argument kind. */
export interface ArgTypes {
  string: string;
  boolean: boolean;
  stringList: string[];
  historyId: number;
  historyLimit: number;
  any: unknown;
  roomMessage: Record<string, unknown>;
  directMessage: Record<string, unknown>;
}

type ArgsOf<TKinds extends readonly ArgKind[]> = { [I in keyof TKinds]: ArgTypes[TKinds[I]] };

/** A command definition. */
export interface CommandDefinition<TKinds extends readonly ArgKind[] = readonly ArgKind[]> {
  readonly params: TKinds;
  /** Whether the command needs a socket id (roomJoin, roomLeave). */
  readonly needsSocket: boolean;
  readonly run: (rt: Runtime, info: ExecInfo, args: ArgsOf<TKinds>) => Promise<unknown>;
}

/** Defines a command; its argument types come from `params`. */
export function defineCommand<const TKinds extends readonly ArgKind[]>(
  params: TKinds,
  run: (rt: Runtime, info: ExecInfo, args: ArgsOf<TKinds>) => Promise<unknown>,
  needsSocket = false,
): CommandDefinition<TKinds> {
  return { params, run, needsSocket };
}

/** Copies a client message for sending: drops `id` and `timestamp`, sets the author (anonymous calls keep theirs). */
export function processMessage(message: Readonly<Record<string, unknown>>, author: string | undefined): StoredMessage {
  const { id: _id, timestamp: _ts, ...fields } = message;
  const out: StoredMessage = { ...fields, timestamp: Date.now() };
  if (author !== undefined) out.author = author;
  return out;
}
