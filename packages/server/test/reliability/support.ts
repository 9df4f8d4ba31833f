/**
 * Shared pieces of the reliability tests: a seeded PRNG, services on port 0
 * serving socket.io and ws on one port (memory, or Redis under a random
 * prefix), real clients, server-side state readers, and a guard that records
 * unhandled rejections and consistency-failure events.
 */
import type { AddressInfo } from 'node:net';
import type { Store } from '@chat-service/core';
import type { Server } from 'socket.io';
import { afterEach, beforeEach, inject } from 'vitest';
import { closeAllClients, connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOTestClient } from '@chat-service/test-support/socketio-client';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import type { WsTestClient } from '@chat-service/test-support/ws-client';
import type {} from '@chat-service/test-support/global-setup';
import { ChatService } from '../../src/index.js';
import type { ChatServiceOptions, Hooks } from '../../src/index.js';
import { makeStore } from '../helpers/harness.js';
import type { StoreKind } from '../helpers/harness.js';

// --- seeded randomness ---

/** mulberry32: a tiny, fast, seedable 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: `FUZZ_SEED` (decimal or 0x-hex) when set, else a fresh random one. */
export function resolveSeed(): number {
  const fromEnv = process.env['FUZZ_SEED'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const value = Number(fromEnv.trim());
    if (!Number.isInteger(value)) throw new Error(`FUZZ_SEED must be an integer, got "${fromEnv}"`);
    return value >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

/** Helpers over a seeded PRNG. */
export class Rng {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.#next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined && items.length === 0) throw new Error('pick() from an empty array');
    return item as T;
  }

  /** A random subset of `count` distinct elements (or all of them). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, count);
  }
}

// --- services and clients ---

/** Which client library connects. */
export type Via = 'socket.io' | 'ws';

/** The tests' `onConnect`: the user name is the `user` query parameter. */
export const QUERY_AUTH: Hooks<ChatService> = { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] };

/** A client of either transport, with the raw access the fuzzer needs. */
export type AnyClient = { via: 'socket.io'; client: SocketIOTestClient } | { via: 'ws'; client: WsTestClient };

/** A running service with socket.io and ws on one port-0 HTTP server. */
export interface RunningService {
  readonly service: ChatService;
  readonly port: number;
  /** Connects a user and waits for loginConfirmed; throws on loginRejected. */
  readonly connect: (user: string, via: Via) => Promise<AnyClient>;
}

const services: ChatService[] = [];

/** The port of a service whose first transport is socket.io. */
function portOf(service: ChatService): number {
  const io = service.transport.getServer() as Server;
  return (io.httpServer.address() as AddressInfo).port;
}

/** Connects a real client to `127.0.0.1:port` as `user`. */
export async function connectTo(port: number, user: string, via: Via): Promise<AnyClient> {
  if (via === 'ws') {
    const { client, login } = await connectWs(`ws://127.0.0.1:${String(port)}/chat-service`, user, { timeoutMs: 5000 });
    if (login[0] !== 'loginConfirmed') {
      await client.close();
      throw new Error(`ws login of ${user} rejected: ${JSON.stringify(login[1])}`);
    }
    return { via, client };
  }
  const { client, login } = await connectSocketIO(`http://127.0.0.1:${String(port)}`, user, { callTimeoutMs: 5000 });
  if (login[0] !== 'loginConfirmed') {
    await client.close();
    throw new Error(`socket.io login of ${user} rejected: ${JSON.stringify(login[1])}`);
  }
  return { via, client };
}

/** Where a service keeps its state: memory or Redis under a random prefix (optionally wrapped), or Redis under a given prefix. */
export type StateChoice =
  | { kind: StoreKind; wrap?: (store: Store) => Store }
  | { redisPrefix: string; redisUrl?: string; redisOptions?: Record<string, unknown> };

/** A fresh Redis key prefix, shared by the instances of one test. */
export function randomPrefix(): string {
  return `rel${Math.random().toString(36).slice(2, 10)}`;
}

/** Starts a service on port 0 serving socket.io and ws; it is closed by {@link closeEverything}. */
export async function startService(
  state: StateChoice,
  options: ChatServiceOptions = {},
  hooks: Hooks<ChatService> = QUERY_AUTH,
): Promise<RunningService> {
  const stateOptions: ChatServiceOptions =
    'kind' in state ? { state: (state.wrap ?? ((store: Store) => store))(makeStore(state.kind)) } : { state: 'redis', stateOptions: { url: state.redisUrl ?? inject('redisUrl'), prefix: state.redisPrefix, ...(state.redisOptions ? { redisOptions: state.redisOptions } : {}) } };
  const service = new ChatService({ transport: ['socket.io', 'ws'], ...options, ...stateOptions, port: 0 }, hooks);
  services.push(service);
  await service.whenReady();
  const port = portOf(service);
  return { service, port, connect: (user, via) => connectTo(port, user, via) };
}

/** Closes every client and every service started here (call it in `afterEach`). */
export async function closeEverything(): Promise<void> {
  await closeAllClients();
  await closeAllWsClients();
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
}

// --- state readers (server-side, bypassing permissions) ---

/** A user's `listOwnSockets`: socket id -> rooms (sorted). */
export async function ownSocketsOf(service: ChatService, user: string): Promise<Record<string, string[]>> {
  const [sockets] = (await service.execUserCommand(user, 'listOwnSockets')) as [Record<string, string[]>];
  return Object.fromEntries(Object.entries(sockets).map(([id, rooms]) => [id, [...rooms].sort()]));
}

/** A room's userlist, sorted. */
export async function userlistOf(service: ChatService, room: string): Promise<string[]> {
  const [list] = (await service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')) as [string[]];
  return [...list].sort();
}

/** A room's `lastMessageId`. */
export async function lastMessageIdOf(service: ChatService, room: string): Promise<number> {
  const [info] = (await service.execUserCommand(true, 'roomHistoryInfo', room)) as [{ lastMessageId: number }];
  return info.lastMessageId;
}

// --- guards ---

/** What went wrong outside of the acks: unhandled rejections, uncaught exceptions, consistency-failure events. */
export class FailureRecorder {
  readonly problems: string[] = [];
  readonly #onRejection = (reason: unknown): void => {
    this.problems.push(`unhandledRejection: ${describe(reason)}`);
  };
  readonly #onException = (error: unknown): void => {
    this.problems.push(`uncaughtException: ${describe(error)}`);
  };

  /** Starts listening on the process. */
  start(): void {
    process.on('unhandledRejection', this.#onRejection);
    process.on('uncaughtExceptionMonitor', this.#onException);
  }

  /** Stops listening on the process. */
  stop(): void {
    process.off('unhandledRejection', this.#onRejection);
    process.off('uncaughtExceptionMonitor', this.#onException);
  }

  /** Records the service's store / transport consistency-failure events. */
  watch(service: ChatService, label = 'service'): void {
    service.on('storeConsistencyFailure', (error: unknown, info: unknown) => {
      this.problems.push(`${label} storeConsistencyFailure: ${describe(error)} ${describe(info)}`);
    });
    service.on('transportConsistencyFailure', (error: unknown, info: unknown) => {
      this.problems.push(`${label} transportConsistencyFailure: ${describe(error)} ${describe(info)}`);
    });
  }
}

/** A short printable form of any value. */
export function describe(value: unknown, max = 300): string {
  let text: string;
  if (value instanceof Error) text = value.stack ?? String(value);
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      // undefined for undefined, a symbol, or a toJSON that gives undefined, whatever the lib type says.
      const json = JSON.stringify(value) as string | undefined;
      text = json ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…(${String(text.length)} chars)` : text;
}

/**
 * A recorder that listens on the process during each test of the calling
 * `describe`, with every service and client closed after each test.
 */
export function useFailureRecorder(): FailureRecorder {
  const recorder = new FailureRecorder();
  beforeEach(() => {
    recorder.problems.length = 0;
    recorder.start();
  });
  afterEach(async () => {
    recorder.stop();
    await closeEverything();
  });
  return recorder;
}
