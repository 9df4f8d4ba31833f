/**
 * @module @chat-service/core
 * The protocol-agnostic core of chat-service: commands, permissions, hooks,
 * errors, and the Store / Transport / Bus ports.
 */

// the service
export { ChatServiceCore } from './api.js';
export type { CommandContext, RoomState, UserState } from './api.js';
export { ServiceLifecycle } from './service.js';
export type { ChatServiceConfig, PortInput } from './service.js';
export type { TransportFacade } from './transport-facade.js';
export type { ClusterBus } from './cluster-bus.js';
export type { BusTraffic } from './routing.js';
export { ServiceEmitter } from './events.js';
export type { ServiceEvents, ServiceEventName } from './events.js';

// options
export { DEFAULT_OPTIONS, resolveOptions } from './options.js';
export type { CoreOptions, RateLimit, ResolvedOptions, ResolvedRateLimit } from './options.js';
export { isAllowedName } from './limit-checks.js';
export { CORE_OPTION_SCHEMAS, checkOptions, OptionError } from './option-schema.js';
export type { OptionSchema, OptionSchemas } from './option-schema.js';

// hooks and commands
export { defineHooks } from './hooks.js';
export type { Hooks, CommandHook, CommandHooks, CommandName, DisconnectEvent, MaybePromise, RoomSocketEvent } from './hooks.js';
export type { HookCallback } from './hook-runner.js';
export type { ExecInfo } from './exec-info.js';
export { COMMAND_HOOK_NAMES, COMMAND_NAMES, COMMAND_TABLE, NOTIFICATION_NAMES, NOTIFICATION_TABLE } from './protocol/index.js';
export type { CommandHookName } from './protocol/index.js';
export type { FailureInfo } from './commands/runtime.js';
export { isValidName, userChannel } from './names.js';
export { ARG_SCHEMAS, argumentsSchema, isPlainObject } from './schemas.js';

// the client-facing protocol, as types (also in @chat-service/core/protocol)
export type {
  AuthData,
  CommandArgs,
  CommandMap,
  CommandResult,
  CommandSpec,
  Message,
  NotificationMap,
  NotificationName,
  ProcessedMessage,
  RoomHistoryInfo,
  RoomMessage,
  TextMessage,
  WireError,
} from './protocol/index.js';

// errors
export { ChatServiceError, ERROR_CODES, JSONRPC_CODES, toWireError, toErrorObject, formatTemplate } from './errors.js';
export type { ErrorCode, ErrorObject } from './errors.js';

// logging
export { SILENT_LOGGER } from './logger.js';
export type { Logger } from './logger.js';

// ports
export type * from './ports.js';

// helpers for adapters
export { historyWindow } from './history-window.js';
export { GLOBAL_TOPIC, instanceTopic, roomTopic, topicKey, userTopic } from './bus-topics.js';
export { BusBodySchema, toBusMessage } from './bus-message.js';
