/**
 * Turns the reference options (`state`, `transport`, `adapter`, ...) into
 * ports, exactly as `new ChatService(options, hooks)` accepted them.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { Bus, Logger, PortInput, ServiceLifecycle, Store, Transport } from '@chat-service/core';
import { createMemoryStore } from '@chat-service/store-memory';
import { createRedisStore } from '@chat-service/store-redis';
import type { RedisStoreOptions } from '@chat-service/store-redis';
import { createSocketIOTransport } from '@chat-service/transport-socketio';
import type { SocketIOTransportOptions } from '@chat-service/transport-socketio';
import { WS_DEFAULTS, applyHttpTimeouts, createWsTransport, plainHttpAnswer } from '@chat-service/transport-ws';
import type { WsTransportOptions } from '@chat-service/transport-ws';

type Constructor<T> = new (service: ServiceLifecycle, options: Record<string, unknown>) => T;

const STORE_METHODS = ['addUser', 'addRoom', 'roomAccess', 'lockAcquire', 'close'] as const;
const TRANSPORT_METHODS = ['attach', 'send', 'emitToChannel', 'joinChannel', 'leaveChannel', 'disconnect', 'close'] as const;

function hasMethods(value: unknown, methods: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name}`;
  try {
    // undefined for undefined, a symbol, or a toJSON that gives undefined, whatever the lib type says.
    const json = JSON.stringify(value) as string | undefined;
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : {};
}

/** The resolved store and bus, plus the store-specific lock TTL default. */
export interface ResolvedState {
  store: PortInput<Store>;
  bus?: PortInput<Bus>;
  lockTTL: number;
}

/**
 * `state`: 'memory' (default), 'redis', a class constructed as `new X(service, stateOptions)`, or a ready Store.
 *
 * @throws {Error} `Invalid state: ...`
 */
export function resolveState(state: unknown, stateOptions: Record<string, unknown>, logger?: Logger): ResolvedState {
  const lockTTL = typeof stateOptions['lockTTL'] === 'number' && stateOptions['lockTTL'] > 0 ? stateOptions['lockTTL'] : undefined;
  if (state === undefined || state === 'memory') return { store: createMemoryStore(), lockTTL: lockTTL ?? 5000 };
  if (state === 'redis') {
    const redis = { ...stateOptions } as RedisStoreOptions;
    // The service's logger hears Redis connection errors unless the caller gave its own logger or onError.
    if (logger && redis.logger === undefined) redis.logger = logger;
    return { store: createRedisStore(redis), lockTTL: lockTTL ?? 10000 };
  }
  if (typeof state === 'function') {
    const Ctor = state as Constructor<Store>;
    return { store: (service) => new Ctor(service, stateOptions), lockTTL: lockTTL ?? 5000 };
  }
  if (hasMethods(state, STORE_METHODS)) return { store: state as Store, lockTTL: lockTTL ?? 5000 };
  throw new Error(`Invalid state: ${describe(state)}`);
}

/** What the built-in transports need to share one port. */
export interface TransportSetup {
  port: number;
  transport: unknown;
  transportOptions: Record<string, unknown>;
  adapter: unknown;
  adapterOptions: unknown;
  /** The service's logger, handed to built-in transports that were given none. */
  logger?: Logger | undefined;
  /** `allowedOrigins`, for both built-in transports. */
  allowedOrigins?: readonly string[] | undefined;
}

function adapterSettings(setup: TransportSetup): Pick<SocketIOTransportOptions, 'adapterConstructor' | 'adapterOptions'> {
  const adapter = setup.transportOptions['adapter'] ?? setup.adapter;
  const rawOptions = setup.transportOptions['adapterOptions'] ?? setup.adapterOptions;
  const adapterOptions = rawOptions === undefined ? [] : Array.isArray(rawOptions) ? rawOptions : [rawOptions];
  if (adapter === undefined || adapter === 'memory' || adapter === 'redis') {
    // 'redis': fan-out already goes through the store's Bus; no socket.io adapter is needed.
    return {};
  }
  if (typeof adapter === 'function') return { adapterConstructor: adapter as SocketIOTransportOptions['adapterConstructor'], adapterOptions };
  throw new Error(`Invalid adapter: ${describe(adapter)}`);
}

/** The transports and, when several built-in ones share a port, the HTTP server they share. */
export interface ResolvedTransports {
  transports: PortInput<Transport>[];
  /** A server the service created and must start listening. */
  sharedHttp?: HttpServer;
}

/**
 * `transport`: 'socket.io' (default), 'ws', a class constructed as `new X(service, transportOptions)`,
 * a ready Transport, or an array of those (built-in ones then share one HTTP server).
 *
 * @throws {Error} `Invalid transport: ...`, `Invalid adapter: ...`
 */
export function resolveTransports(setup: TransportSetup): ResolvedTransports {
  const list = Array.isArray(setup.transport) ? (setup.transport as unknown[]) : [setup.transport ?? 'socket.io'];
  if (list.length === 0) throw new Error('Invalid transport: an empty list');
  const adapter = adapterSettings(setup);
  const builtIns = list.filter((t) => t === 'socket.io' || t === 'ws').length;
  const given = setup.transportOptions['http'] as HttpServer | undefined;
  const io = setup.transportOptions['io'];
  const wsPath = wsPathOf(setup);
  const sharedHttp = builtIns > 1 && !given && !io ? applyHttpTimeouts(createServer(plainHttpAnswer(wsPath))) : undefined;
  // A bare supplied server gets the same answers before socket.io wraps its request listeners.
  if (given && builtIns > 1 && given.listenerCount('request') === 0) given.on('request', plainHttpAnswer(wsPath));
  const http = given ?? sharedHttp;
  const result: ResolvedTransports = { transports: list.map((entry) => transportFor(entry, setup, { http, adapter })) };
  if (sharedHttp) result.sharedHttp = sharedHttp;
  return result;
}

function wsPathOf(setup: TransportSetup): string {
  const base = setup.transport === 'ws' ? setup.transportOptions : {};
  const path = record(setup.transportOptions['ws'])['path'] ?? base['path'];
  return typeof path === 'string' ? path : WS_DEFAULTS.path;
}

function transportFor(
  entry: unknown,
  setup: TransportSetup,
  shared: { http: HttpServer | undefined; adapter: Pick<SocketIOTransportOptions, 'adapterConstructor' | 'adapterOptions'> },
): PortInput<Transport> {
  const options = setup.transportOptions;
  if (entry === 'socket.io') {
    const { ws: _ws, adapter: _a, adapterOptions: _ao, ...rest } = options;
    const sio: SocketIOTransportOptions = { ...(rest as SocketIOTransportOptions), ...shared.adapter, port: setup.port };
    if (setup.logger && !sio.logger) sio.logger = setup.logger;
    if (setup.allowedOrigins && sio.allowedOrigins === undefined) sio.allowedOrigins = setup.allowedOrigins;
    if (shared.http && !sio.io) {
      sio.http = shared.http;
      // The ws transport answers upgrades nobody served with an HTTP 404; engine.io would only close them.
      sio.ioOptions = { destroyUpgrade: false, ...sio.ioOptions };
    }
    return createSocketIOTransport(sio);
  }
  if (entry === 'ws') {
    const base = setup.transport === 'ws' ? options : {};
    const ws: WsTransportOptions = { ...record(base), ...record(options['ws']), port: setup.port };
    if (setup.allowedOrigins && ws.allowedOrigins === undefined) ws.allowedOrigins = setup.allowedOrigins;
    if (shared.http) ws.server = shared.http;
    if (setup.logger && !ws.logger) ws.logger = setup.logger;
    return createWsTransport(ws);
  }
  if (typeof entry === 'function') {
    const Ctor = entry as Constructor<Transport>;
    return (service) => new Ctor(service, { ...options, ...shared.adapter });
  }
  if (hasMethods(entry, TRANSPORT_METHODS)) return entry as Transport;
  throw new Error(`Invalid transport: ${describe(entry)}`);
}
