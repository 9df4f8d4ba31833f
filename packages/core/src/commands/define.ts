/**
 * `defineCommand`: a command's body, typed by its entry in the command table
 * (`protocol/command-table.ts`): the arguments as the server checked them,
 * and the result the protocol promises.
 *
 * @module
 */
import type { ExecInfo } from '../exec-info.js';
import type { StoredMessage } from '../ports.js';
import type { CheckedArgs, CommandName, CommandResult } from '../protocol/commands.js';
import type { Runtime } from './runtime.js';

/**
 * What the body of command `K` resolves with: the table's result type, except
 * for the history reads, whose messages the Store port types without the `id`
 * every stored room message has.
 */
export type BodyResult<K extends CommandName> = K extends 'roomHistoryGet' | 'roomRecentHistory' ? StoredMessage[] : CommandResult<K>;

/** The body of command `K`. */
export type CommandBody<K extends CommandName> = (rt: Runtime, info: ExecInfo, args: CheckedArgs<K>) => Promise<BodyResult<K>>;

/** A body for every command of the table. */
export type CommandBodies = { readonly [K in CommandName]: CommandBody<K> };

/**
 * Defines the body of the table's command `name`; its argument and result types come from the table.
 *
 * @param _name - the command (it only selects the types)
 * @param run - the body
 * @returns `run`
 */
export function defineCommand<K extends CommandName>(_name: K, run: CommandBody<K>): CommandBody<K> {
  return run;
}

/** Copies a client message for sending: drops `id` and `timestamp`, sets the author (anonymous calls keep theirs). */
export function processMessage(message: Readonly<Record<string, unknown>>, author: string | undefined): StoredMessage {
  // A loop rather than rest destructuring, which V8 runs far slower on this path (one copy per room message),
  // and `for...in` rather than Object.keys, which allocates the array of keys.
  const out: Record<string, unknown> = {};
  for (const key in message) {
    if (!Object.hasOwn(message, key) || key === 'id' || key === 'timestamp') continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: message[key], enumerable: true, writable: true, configurable: true });
    else out[key] = message[key];
  }
  const stored = out as StoredMessage;
  stored.timestamp = Date.now();
  if (author !== undefined) stored.author = author;
  return stored;
}
