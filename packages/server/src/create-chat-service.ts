/**
 * `createChatService`: the composition root for integrators with their own adapters.
 *
 * @module
 */
import { ChatServiceCore } from '@chat-service/core';
import type { Bus, CoreOptions, Hooks, Logger, PortInput, Store, Transport } from '@chat-service/core';
import { debugLogger } from './debug-logger.js';
import { checkCoreOptions, defaultWarn } from './option-schema.js';

/** Ports, hooks and options of {@link createChatService}. */
export interface CreateChatServiceOptions extends CoreOptions {
  /** The state (e.g. `createMemoryStore()` or `createRedisStore(...)`). */
  store: PortInput<Store>;
  /** The bus; defaults to the store when it is also a Bus (both built-in stores are). */
  bus?: PortInput<Bus>;
  /** One or more transports (e.g. `createSocketIOTransport(...)`, `createWsTransport(...)`). */
  transports: PortInput<Transport>[];
  /** The hooks. */
  hooks?: Hooks<ChatServiceCore>;
  /** This instance's id; random by default. */
  instanceUID?: string;
  /** A logger; by default `NODE_DEBUG=ChatService` prints to stderr, else silent. */
  logger?: Logger;
}

/**
 * Builds a service from ports.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * const service = createChatService({
 *   store,
 *   transports: [createSocketIOTransport({ port: 8000 })],
 *   hooks: { onConnect: (server, id) => server.transport.getHandshakeData(id).query.user },
 * });
 * ```
 *
 * @throws {OptionError} for a service option of the wrong type (unknown keys are only warned about)
 */
export function createChatService(options: CreateChatServiceOptions): ChatServiceCore {
  const { store, bus, transports, hooks, instanceUID, logger, ...core } = options;
  checkCoreOptions(core, defaultWarn(logger));
  const config: ConstructorParameters<typeof ChatServiceCore>[0] = { store, transports, options: core };
  if (bus) config.bus = bus;
  if (hooks) config.hooks = hooks as Hooks;
  if (instanceUID) config.instanceUID = instanceUID;
  config.logger = logger ?? debugLogger();
  return new ChatServiceCore(config);
}
