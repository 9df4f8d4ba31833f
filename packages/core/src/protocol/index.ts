/**
 * @module @chat-service/core/protocol
 * The protocol as data, free of dependencies and of Node, for browsers too:
 * the command table (names, arguments, results, errors), the notifications,
 * the error codes with their texts, and the types a client needs.
 */
export { ARG_KINDS } from './arg-kinds.js';
export type { ArgKind, ArgKindSpec, ArgTypes, CheckedArgTypes } from './arg-kinds.js';
export { COMMAND_TABLE } from './command-table.js';
export type { ArgSpec, CommandEntry } from './command-table.js';
export { COMMAND_HOOK_NAMES, COMMAND_NAMES, COMMANDS, isCommandName } from './commands.js';
export type { CheckedArgs, CommandArgs, CommandHookName, CommandMap, CommandName, CommandResult, CommandSpec } from './commands.js';
export { NOTIFICATION_NAMES, NOTIFICATION_TABLE } from './notifications.js';
export type { NotificationEntry, NotificationMap, NotificationName, ParamSpec } from './notifications.js';
export { ERROR_CODES, JSONRPC_CODES, formatErrorText, formatJson, formatTemplate, isErrorCode } from './error-codes.js';
export type { ErrorCode, ErrorObject } from './error-codes.js';
export { ERROR_PREFIX, parseErrorText } from './error-text.js';
export type { ParsedErrorText } from './error-text.js';
export { isRecord } from './guards.js';
export { typeRef } from './type-ref.js';
export type { TypeOf, TypeRef } from './type-ref.js';
export type * from './messages.js';
