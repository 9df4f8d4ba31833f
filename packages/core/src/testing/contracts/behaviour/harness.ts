/**
 * The harness a transport/store combination supplies to run the behaviour
 * suite: how to start a service and how to connect a client to it.
 *
 * @module
 */
import { afterEach, expect } from 'vitest';
import type { ChatServiceCore } from '../../../service.js';
import type { Hooks } from '../../../hooks.js';
import type { Store } from '../../../ports.js';
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
