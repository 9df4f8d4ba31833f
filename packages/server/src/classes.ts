/**
 * Class-style adapters for the reference options `state: MemoryState` and
 * `transport: SocketIOTransport` (constructed as `new X(service, options)`).
 *
 * @module
 */
import type { ChatServiceCore } from '@chat-service/core';
import { createMemoryStore } from '@chat-service/store-memory';
import type { MemoryStore } from '@chat-service/store-memory';
import { createRedisStore } from '@chat-service/store-redis';
import type { RedisStore, RedisStoreOptions } from '@chat-service/store-redis';
import { createSocketIOTransport } from '@chat-service/transport-socketio';
import type { SocketIOTransport as SocketIOTransportPort, SocketIOTransportOptions } from '@chat-service/transport-socketio';
import { createWsTransport } from '@chat-service/transport-ws';
import type { WsTransport as WsTransportPort, WsTransportOptions } from '@chat-service/transport-ws';

/** A reference-style class: `new X(service, options)` builds the port. */
export type PortClass<T> = new (service?: ChatServiceCore, options?: Record<string, unknown>) => T;

// A class whose constructor returns the port built by `make`, named as the reference named it.
function portClass<T extends object>(name: string, make: (options: Record<string, unknown>) => T): PortClass<T> {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- the reference API news the port up: the class exists only to be constructed.
  const Port = class {
    constructor(_service?: ChatServiceCore, options: Record<string, unknown> = {}) {
      return make(options);
    }
  };
  Object.defineProperty(Port, 'name', { value: name });
  return Port as PortClass<T>;
}

/** The memory store as a class: `new MemoryState(service, stateOptions)`. */
export const MemoryState: PortClass<MemoryStore> = portClass('MemoryState', () => createMemoryStore());

/** The Redis store as a class: `new RedisState(service, stateOptions)`. */
export const RedisState: PortClass<RedisStore> = portClass('RedisState', (options) => createRedisStore(options as RedisStoreOptions));

/** The socket.io transport as a class: `new SocketIOTransport(service, transportOptions)`. */
export const SocketIOTransport: PortClass<SocketIOTransportPort> = portClass('SocketIOTransport', (options) =>
  createSocketIOTransport(options as SocketIOTransportOptions),
);

/** The ws transport as a class: `new WsTransport(service, transportOptions)`. */
export const WsTransport: PortClass<WsTransportPort> = portClass('WsTransport', (options) => createWsTransport(options as WsTransportOptions));
