/**
 * One method per command (`client.roomJoin(room)`, ...), each typed by the
 * command map and delegating to `command(name, ...args)`.
 *
 * @module
 */
import type { CommandArgs, CommandMap, CommandName, CommandResult } from '@chat-service/core';

/** A method per command: `client.roomJoin('lobby')` is `client.command('roomJoin', 'lobby')`. */
export type CommandMethods = {
  [K in keyof CommandMap]: (...args: CommandMap[K]['args']) => Promise<CommandMap[K]['result']>;
};

/** The typed `command(name, ...args)` function the methods delegate to. */
export type CommandFunction = <K extends CommandName>(name: K, ...args: CommandArgs<K>) => Promise<CommandResult<K>>;

/**
 * Builds the 24 command methods over `command`; the `CommandMethods` type
 * makes a missing or misspelt command a compile error.
 *
 * @param command - sends one command
 * @returns the methods
 */
export function createCommandMethods(command: CommandFunction): CommandMethods {
  return {
    directAddToList: (...args) => command('directAddToList', ...args),
    directGetAccessList: (...args) => command('directGetAccessList', ...args),
    directGetWhitelistMode: (...args) => command('directGetWhitelistMode', ...args),
    directMessage: (...args) => command('directMessage', ...args),
    directRemoveFromList: (...args) => command('directRemoveFromList', ...args),
    directSetWhitelistMode: (...args) => command('directSetWhitelistMode', ...args),
    listOwnSockets: (...args) => command('listOwnSockets', ...args),
    roomAddToList: (...args) => command('roomAddToList', ...args),
    roomCreate: (...args) => command('roomCreate', ...args),
    roomDelete: (...args) => command('roomDelete', ...args),
    roomGetAccessList: (...args) => command('roomGetAccessList', ...args),
    roomGetOwner: (...args) => command('roomGetOwner', ...args),
    roomGetWhitelistMode: (...args) => command('roomGetWhitelistMode', ...args),
    roomHistoryGet: (...args) => command('roomHistoryGet', ...args),
    roomHistoryInfo: (...args) => command('roomHistoryInfo', ...args),
    roomJoin: (...args) => command('roomJoin', ...args),
    roomLeave: (...args) => command('roomLeave', ...args),
    roomMessage: (...args) => command('roomMessage', ...args),
    roomNotificationsInfo: (...args) => command('roomNotificationsInfo', ...args),
    roomRecentHistory: (...args) => command('roomRecentHistory', ...args),
    roomRemoveFromList: (...args) => command('roomRemoveFromList', ...args),
    roomSetWhitelistMode: (...args) => command('roomSetWhitelistMode', ...args),
    roomUserSeen: (...args) => command('roomUserSeen', ...args),
    systemMessage: (...args) => command('systemMessage', ...args),
  };
}
