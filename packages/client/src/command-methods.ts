/**
 * One method per command (`client.roomJoin(room)`, ...), each typed by the
 * command table and delegating to `command(name, ...args)`.
 *
 * @module
 */
import { COMMAND_NAMES, type CommandArgs, type CommandName, type CommandResult } from '@chat-service/core/protocol';

/** A method per command: `client.roomJoin('lobby')` is `client.command('roomJoin', 'lobby')`. */
export type CommandMethods = {
  [K in CommandName]: (...args: CommandArgs<K>) => Promise<CommandResult<K>>;
};

/** The typed `command(name, ...args)` function the methods delegate to. */
export type CommandFunction = <K extends CommandName>(name: K, ...args: CommandArgs<K>) => Promise<CommandResult<K>>;

function methodFor<K extends CommandName>(command: CommandFunction, name: K): (...args: CommandArgs<K>) => Promise<CommandResult<K>> {
  return (...args) => command(name, ...args);
}

function hasEveryCommand(methods: Record<string, unknown>): methods is CommandMethods {
  return COMMAND_NAMES.every((name) => typeof methods[name] === 'function');
}

/**
 * Builds a method for every command of the protocol's table over `command`.
 *
 * @param command - sends one command
 * @returns the methods
 */
export function createCommandMethods(command: CommandFunction): CommandMethods {
  const methods: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) methods[name] = methodFor(command, name);
  if (!hasEveryCommand(methods)) throw new Error('a command method is missing');
  return methods;
}
