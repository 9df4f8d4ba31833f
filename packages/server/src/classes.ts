/**
 * Class-style adapters for the reference options `state: MemoryState` and
 * `transport: SocketIOTransport` (constructed as `new X(service, options)`).
 *
 * @module
 */
import type { ServiceLifecycle, Store, Transport } from '@chat-service/core';
import { createMemoryStore } from '@chat-service/store-memory';
import type { MemoryStore } from '@chat-service/store-memory';
import { createRedisStore } from '@chat-service/store-redis';
import type { RedisStore, RedisStoreOptions } from '@chat-service/store-redis';
import { createSocketIOTransport } from '@chat-service/transport-socketio';
import type { SocketIOTransport as SocketIOTransportPort, SocketIOTransportOptions } from '@chat-service/transport-socketio';
import { createWsTransport } from '@chat-service/transport-ws';
import type { WsTransport as WsTransportPort, WsTransportOptions } from '@chat-service/transport-ws';

/** The memory store as a class: `new MemoryState(service, stateOptions)`. */
export const MemoryState = function MemoryState(this: unknown, _service?: ServiceLifecycle, _options?: Record<string, unknown>): Store {
  return createMemoryStore();
} as unknown as new (service?: ServiceLifecycle, options?: Record<string, unknown>) => MemoryStore;

/** The Redis store as a class: `new RedisState(service, stateOptions)`. */
export const RedisState = function RedisState(this: unknown, _service?: ServiceLifecycle, options?: Record<string, unknown>): Store {
  return createRedisStore((options ?? {}) as RedisStoreOptions);
} as unknown as new (service?: ServiceLifecycle, options?: Record<string, unknown>) => RedisStore;

/** The socket.io transport as a class: `new SocketIOTransport(service, transportOptions)`. */
export const SocketIOTransport = function SocketIOTransport(this: unknown, _service?: ServiceLifecycle, options?: Record<string, unknown>): Transport {
  return createSocketIOTransport((options ?? {}) as SocketIOTransportOptions);
} as unknown as new (service?: ServiceLifecycle, options?: Record<string, unknown>) => SocketIOTransportPort;

/** The ws transport as a class: `new WsTransport(service, transportOptions)`. */
export const WsTransport = function WsTransport(this: unknown, _service?: ServiceLifecycle, options?: Record<string, unknown>): Transport {
  return createWsTransport((options ?? {}) as WsTransportOptions);
} as unknown as new (service?: ServiceLifecycle, options?: Record<string, unknown>) => WsTransportPort;
