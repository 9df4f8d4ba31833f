/**
 * The harness a transport/store combination supplies to run the behaviour
 * suite: how to start a service and how to connect a client to it.
 *
 * @module
 */
import { afterEach, expect } from 'vitest';
import { ChatServiceError } from '../../../errors.js';
import { ChatServiceCore } from '../../../service.js';
import type { Hooks } from '../../../hooks.js';
import type { Bus, Store, Transport } from '../../../ports.js';
import type { ConnectQuery, Connected, TestClient } from '../../test-client.js';

/** What a test asks for when it starts a service. */
export interface StartRequest {
  /** Service options. */
  options?: Record<string, unknown>;
  /** Hooks; the suite adds an `onConnect` reading `query.user` unless the key is present. */
  hooks?: Hooks;
  /** Wraps the store before the service gets it (fault injection). */
  wrapStore?: (store: Store) => Store;
}

/** A started service and how to reach it. */
export interface StartedService {
  service: ChatServiceCore;
  /** Connects a client with a handshake query (a string: the user name) and resolves with its login outcome. */
  connect(query?: ConnectQuery): Promise<Connected>;
}

/** Supplied by each transport × store combination. */
export interface BehaviourHarness {
  /** Starts a service and waits until it is ready. */
  start(request: StartRequest): Promise<StartedService>;
  /** A label for reports. */
  readonly name?: string;
  /**
   * Whether the wire carries binary data natively (socket.io, msgpack). JSON
   * framing carries a Buffer as `{type: 'Buffer', data: [...]}`. @default true
   */
  readonly binary?: boolean;
}

/** Per-test helpers over a harness, with automatic cleanup. */
export interface Suite {
  /** Starts a service (closed after the test), with the query-reading `onConnect` unless `hooks` has one. */
  start(options?: Record<string, unknown>, hooks?: Hooks, wrapStore?: (store: Store) => Store): Promise<StartedService>;
  /** Connects and expects loginConfirmed. */
  login(started: StartedService, user: string): Promise<TestClient>;
}

/** The onConnect every test uses: the user name from the handshake query. */
export const queryAuth = (server: ChatServiceCore, id: string): unknown => server.transport.getHandshakeData(id).query['user'];

/** Sets up cleanup and returns the per-test helpers. */
export function useHarness(harness: BehaviourHarness): Suite {
  const services: StartedService[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    await Promise.allSettled(services.splice(0).map((s) => s.service.close()));
  });
  return {
    async start(options = {}, hooks = {}, wrapStore) {
      const withAuth: Hooks = 'onConnect' in hooks ? hooks : { ...hooks, onConnect: queryAuth as Hooks['onConnect'] };
      const request: StartRequest = { options, hooks: withAuth };
      if (wrapStore) request.wrapStore = wrapStore;
      const started = await harness.start(request);
      services.push(started);
      const connect = started.connect.bind(started);
      return {
        service: started.service,
        connect: async (query) => {
          const connected = await connect(query);
          clients.push(connected.client);
          return connected;
        },
      };
    },
    async login(started, user) {
      const { client, login } = await started.connect(user);
      expect(login[0], `login of ${user}: ${String(login[1])}`).toBe('loginConfirmed');
      return client;
    },
  };
}

/** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The `ChatServiceError` a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ChatServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(ChatServiceError.is(error)).toBe(true);
    return error as ChatServiceError;
  }
  throw new Error('expected a rejection');
}

/**
 * Starts a service for one behaviour-suite request: one transport and a store
 * that is its own bus (the memory store), with the request's options, hooks
 * and store wrapper. Resolves once started, or once the start failed (the
 * start-failure tests look at the service's own error).
 */
export async function startForRequest(request: StartRequest, transport: Transport, store: Store & Bus): Promise<ChatServiceCore> {
  const { options, hooks, wrapStore } = request;
  const service = new ChatServiceCore({
    store: wrapStore ? wrapStore(store) : store,
    bus: store,
    transports: [transport],
    hooks: hooks ?? {},
    options: options ?? {},
  });
  await service.whenReady().catch(() => undefined);
  return service;
}
