/**
 * What a service is built from (`ChatServiceConfig`), and its resolution
 * into the service's parts: ports made from factories, the bus defaulting to
 * the store, options resolved, a random instance id, a silent logger.
 *
 * @module
 */
import type { Hooks } from './hooks.js';
import type { Logger } from './logger.js';
import { SILENT_LOGGER } from './logger.js';
import type { CoreOptions } from './options.js';
import { resolveOptions } from './options.js';
import type { Bus, Store, Transport } from './ports.js';
import type { ChatServiceCore } from './service.js';
import type { ContextParts } from './service-context.js';

/** A port given as an object, or as a factory receiving the service. */
export type PortInput<TPort> = TPort | ((service: ChatServiceCore) => TPort);

/** Construction input of the service. */
export interface ChatServiceConfig {
  /** The state. */
  store: PortInput<Store>;
  /** The instance-to-instance bus; defaults to the store when it is also a Bus. */
  bus?: PortInput<Bus>;
  /** One or more transports. */
  transports: PortInput<Transport>[];
  /** The hooks. */
  hooks?: Hooks;
  /** Service options. */
  options?: CoreOptions;
  /** This instance's id; random by default. */
  instanceUID?: string;
  /** A logger; silent by default. */
  logger?: Logger;
}

function randomUID(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}

function isBus(value: unknown): value is Bus {
  if (typeof value !== 'object' || value === null) return false;
  const bus = value as Partial<Bus>;
  return typeof bus.publish === 'function' && typeof bus.subscribe === 'function' && typeof bus.onMessage === 'function';
}

function resolvePort<TPort>(input: PortInput<TPort>, service: ChatServiceCore): TPort {
  return typeof input === 'function' ? (input as (s: ChatServiceCore) => TPort)(service) : input;
}

/** The parts of a service that do not depend on it; factory ports may read them from the service. */
export type BaseParts = Pick<ContextParts, 'hooks' | 'options' | 'instanceUID' | 'logger'>;

/** Options resolved, a random instance id, no hooks, a silent logger by default. */
export function resolveBase(config: ChatServiceConfig): BaseParts {
  return {
    hooks: config.hooks ?? {},
    options: resolveOptions({ ...config.options }),
    instanceUID: config.instanceUID ?? randomUID(),
    logger: config.logger ?? SILENT_LOGGER,
  };
}

/**
 * The ports of `service`, factories called with it.
 *
 * @throws {Error} `Invalid bus` when no bus is given and the store is not one
 */
export function resolvePorts(config: ChatServiceConfig, service: ChatServiceCore): Pick<ContextParts, 'store' | 'bus' | 'transports'> {
  const store = resolvePort(config.store, service);
  const bus = config.bus ? resolvePort(config.bus, service) : store;
  if (!isBus(bus)) throw new Error('Invalid bus: give a Bus, or a store that is also one');
  return { store, bus, transports: config.transports.map((t) => resolvePort(t, service)) };
}
