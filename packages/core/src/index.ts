/**
 * @module @chat-service/core
 * The protocol-agnostic core of chat-service: commands, permissions, hooks,
 * errors, and the Store / Transport / Bus ports.
 */

// the service
export { ChatServiceCore } from './service.js';
/** The former name of the service's base class, now the service itself. @deprecated use {@link ChatServiceCore} */
export { ChatServiceCore as ServiceLifecycle } from './service.js';
export type { CommandContext } from './server-api/exec.js';
export type { RoomState } from './server-api/rooms.js';
export type { UserState } from './server-api/users.js';
export type { ChatServiceConfig, PortInput } from './service-config.js';
export type { TransportFacade } from './transport-facade.js';
export type { CustomHandler } from './local-sockets.js';
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
export type { Hooks, CommandHook, CommandHooks, CommandName, DisconnectEvent, RoomSocketEvent } from './hooks.js';
export type { HookCallback } from './hook-runner.js';
export type { ExecInfo } from './exec-info.js';
export { COMMAND_HOOK_NAMES, COMMAND_NAMES, COMMAND_TABLE, NOTIFICATION_NAMES, NOTIFICATION_TABLE } from './protocol/index.js';
export type { CommandHookName } from './protocol/index.js';
export type { FailureInfo } from './commands/runtime.js';
export { isValidName, userChannel } from './name-rules.js';
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
export { replyAckArgs, resultAckArgs } from './command-replies.js';
export { historyWindow } from './history-window.js';
export { parseMessageJson } from './message-json.js';
export { hasName, namesOf, withName, withoutName } from './name-set.js';
export type { NameSet } from './name-set.js';
export { TopicMap } from './topic-map.js';
export { isRecord } from './protocol/guards.js';
export { listen, listenOnPortOption } from './listen.js';
export type { ListeningServer } from './listen.js';
export { GLOBAL_TOPIC, instanceTopic, roomTopic, topicKey, userTopic } from './bus-topics.js';
export { BusBodySchema, toBusMessage } from './bus-message.js';
