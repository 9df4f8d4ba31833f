/**
 * What derives from the command table: the command names and hook names (as
 * values and types) and each command's argument and result types.
 *
 * @module
 */
import type { ArgKind, ArgTypes, CheckedArgTypes } from './arg-kinds.js';
import { type ArgSpec, COMMAND_TABLE, type CommandEntry } from './command-table.js';
import type { TypeOf } from './type-ref.js';

type Table = typeof COMMAND_TABLE;

/** A command name. */
export type CommandName = keyof Table;

/** The table seen entry by entry, for code that handles any command. */
export const COMMANDS: Readonly<Record<CommandName, CommandEntry>> = COMMAND_TABLE;

/** The 24 client commands, as clients name them. */
export const COMMAND_NAMES: readonly CommandName[] = /* @__PURE__ */ Object.freeze(
  Object.keys(COMMAND_TABLE).filter((name): name is CommandName => Object.prototype.hasOwnProperty.call(COMMAND_TABLE, name)),
);

/** True for the command names (own properties only: `__proto__` is not a command). */
export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMAND_TABLE, name);
}

/** The name of a `<command>Before` / `<command>After` hook. */
export type CommandHookName = `${CommandName}Before` | `${CommandName}After`;

/** Every command hook name: `directAddToListBefore`, `directAddToListAfter`, ... */
export const COMMAND_HOOK_NAMES: readonly CommandHookName[] = /* @__PURE__ */ Object.freeze(
  COMMAND_NAMES.flatMap((name): CommandHookName[] => [`${name}Before`, `${name}After`]),
);

// Mapped over a type parameter, so that a tuple maps to a tuple.
type ArgTuple<TArgs extends readonly ArgSpec[], TTypes extends Record<ArgKind, unknown>> = {
  -readonly [I in keyof TArgs]: TArgs[I] extends { kind: infer A extends ArgKind } ? TTypes[A] : never;
};

type ArgsIn<K extends CommandName, TTypes extends Record<ArgKind, unknown>> = ArgTuple<Table[K]['args'], TTypes>;

/** The positional arguments a client sends to command `K`. */
export type CommandArgs<K extends CommandName> = ArgsIn<K, ArgTypes>;

/** The positional arguments of command `K` once the server checked them (what its body receives). */
export type CheckedArgs<K extends CommandName> = ArgsIn<K, CheckedArgTypes>;

/** The result of command `K`. */
export type CommandResult<K extends CommandName> = TypeOf<Table[K]['result']>;

/** One command's positional arguments and result. */
export interface CommandSpec {
  readonly args: readonly unknown[];
  readonly result: unknown;
}

/** Every client command: its positional arguments and its result. */
export type CommandMap = { [K in CommandName]: { args: CommandArgs<K>; result: CommandResult<K> } };
