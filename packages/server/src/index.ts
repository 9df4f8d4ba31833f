/**
 * @module @chat-service/server
 * The chat-service server: the drop-in `ChatService` class, `createChatService()`
 * for custom adapters, and the built-in adapters re-exported.
 */

// the service
export { ChatService } from './chat-service.js';
export type { ChatServiceOptions } from './chat-service.js';
export { createChatService } from './create-chat-service.js';
export type { CreateChatServiceOptions } from './create-chat-service.js';

// class-style adapters (reference options)
export { MemoryState, RedisState, SocketIOTransport, WsTransport } from './classes.js';

// adapters as factories
export { createMemoryStore, createMemoryBacking } from '@chat-service/store-memory';
export { createRedisStore } from '@chat-service/store-redis';
export { createSocketIOTransport } from '@chat-service/transport-socketio';
export { createWsTransport } from '@chat-service/transport-ws';

// core
export { ChatServiceCore, ChatServiceError, defineHooks, ERROR_CODES, COMMAND_NAMES, OptionError } from '@chat-service/core';
export type { CommandContext, ExecInfo, Hooks, RoomState, UserState, Store, Bus, Transport, Logger, ServiceEvents } from '@chat-service/core';

// option checking
export { CHAT_SERVICE_OPTION_SCHEMAS } from './option-schema.js';

// observability
export { createPrometheusMetrics } from './metrics.js';
export type { MetricsSource, PrometheusMetrics, PrometheusMetricsOptions } from './metrics.js';
export { createReadiness } from './observability/readiness.js';
export type { Readiness, ReadinessReport, ReadinessSource } from './observability/readiness.js';
