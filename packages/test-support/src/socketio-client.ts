/**
 * A real socket.io-client 4 test client implementing the shared `TestClient`,
 * used by the socket.io transport tests and the server's behaviour suite.
 *
 * @module
 */
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { EventQueue } from '@chat-service/core/testing';
import type { ConnectQuery, Connected, TestClient } from '@chat-service/core/testing';
import { withTimeout } from './timeout.js';

/** The namespace used when the URL has no path. */
export const DEFAULT_TEST_NAMESPACE = '/chat-service';

/** Options of {@link connectSocketIO}. */
export interface ConnectSocketIOOptions {
  /** Namespace appended to a URL without a path. Default `/chat-service`. */
  namespace?: string;
  /** How long to wait for the login outcome. Default 5000 ms. */
  loginTimeoutMs?: number;
  /** How long `call()` waits for an ack before rejecting. Default 10000 ms. */
  callTimeoutMs?: number;
  /** Extra HTTP headers of the handshake. */
  extraHeaders?: Record<string, string>;
}

const openClients = new Set<SocketIOTestClient>();

function targetUrl(url: string, namespace: string): string {
  const target = new URL(url);
  if (target.pathname === '' || target.pathname === '/') target.pathname = namespace;
  return target.toString();
}

function toQuery(query: ConnectQuery): Record<string, string> | undefined {
  if (query === undefined) return undefined;
  return typeof query === 'string' ? { user: query } : query;
}

/** A socket.io-client socket as a {@link TestClient}. */
export class SocketIOTestClient implements TestClient {
  /** The underlying socket.io-client socket, for protocol-level tests. */
  readonly socket: Socket;
  readonly #queue = new EventQueue();
  readonly #disconnected: Promise<void>;
  readonly #callTimeoutMs: number;
  #id: string | undefined;
  #loginWaiter: ((outcome: Connected['login']) => void) | undefined;

  constructor(socket: Socket, callTimeoutMs: number) {
    this.socket = socket;
    this.#callTimeoutMs = callTimeoutMs;
    this.#disconnected = new Promise((resolve) =>
      socket.once('disconnect', () => {
        resolve();
      }),
    );
    socket.onAny((event: string, ...args: unknown[]) => {
      this.#onEvent(event, args);
    });
    openClients.add(this);
  }

  #onEvent(event: string, args: unknown[]): void {
    const waiter = this.#loginWaiter;
    if (waiter && (event === 'loginConfirmed' || event === 'loginRejected')) {
      // The first login outcome is the connection's result, not a buffered event.
      this.#loginWaiter = undefined;
      waiter(event === 'loginConfirmed' ? [event, String(args[0]), (args[1] ?? {}) as Record<string, unknown>] : [event, args[0]]);
      return;
    }
    this.#queue.push(event, args);
  }

  get id(): string | undefined {
    return this.#id;
  }

  /** Records the socket id from the login outcome (authData.id, else the socket.io id). */
  setId(id: string | undefined): void {
    this.#id = id;
  }

  /** Rejects when no ack arrives within `callTimeoutMs`, or as soon as the client is disconnected. */
  call(command: string, ...args: unknown[]): Promise<unknown[]> {
    const acked = new Promise<unknown[]>((resolve, reject) => {
      this.socket.emit(command, ...args, (...ackArgs: unknown[]) => {
        resolve(ackArgs);
      });
      void this.#disconnected.then(() => {
        reject(new Error(`disconnected before the ack of "${command}"`));
      });
    });
    return withTimeout(acked, this.#callTimeoutMs, `no ack for "${command}"`);
  }

  emit(command: string, ...args: unknown[]): void {
    this.socket.emit(command, ...args);
  }

  next(event: string, timeoutMs?: number): Promise<unknown[]> {
    return this.#queue.next(event, timeoutMs);
  }

  expectNone(event: string, ms?: number): Promise<void> {
    return ms === undefined ? this.#queue.expectNoneBy(event, this.call('listOwnSockets')) : this.#queue.expectNone(event, ms);
  }

  disconnected(timeoutMs = 3000): Promise<void> {
    if (this.socket.disconnected && !this.socket.active) return Promise.resolve();
    return withTimeout(this.#disconnected, timeoutMs, 'waiting for disconnect');
  }

  async close(): Promise<void> {
    openClients.delete(this);
    this.socket.disconnect();
    await this.disconnected().catch(() => undefined);
  }

  /** Takes the first login outcome out of the event stream; rejects on `connect_error`. */
  login(timeoutMs: number): Promise<Connected['login']> {
    const outcome = new Promise<Connected['login']>((resolve, reject) => {
      const onError = (error: Error): void => {
        this.#loginWaiter = undefined;
        reject(error);
      };
      this.socket.once('connect_error', onError);
      this.#loginWaiter = (login) => {
        this.socket.off('connect_error', onError);
        resolve(login);
      };
    });
    return withTimeout(outcome, timeoutMs, 'waiting for loginConfirmed / loginRejected');
  }
}

/**
 * Connects with socket.io-client 4 as the reference tests do (websocket only,
 * no multiplexing, no reconnection) and waits for `loginConfirmed` or
 * `loginRejected`. Rejects with the `connect_error` Error (e.g. a middleware
 * error) or on timeout, closing the socket. Every client is registered for
 * {@link closeAllClients}.
 *
 * @param url - the server URL, e.g. `http://localhost:1234`; a URL without a path gets the namespace
 * @param query - a user name for the `user` query parameter, or a full query
 */
export async function connectSocketIO(
  url: string,
  query?: ConnectQuery,
  options: ConnectSocketIOOptions = {},
): Promise<Connected & { client: SocketIOTestClient }> {
  const queryObject = toQuery(query);
  const socket = io(targetUrl(url, options.namespace ?? DEFAULT_TEST_NAMESPACE), {
    ...(queryObject ? { query: queryObject } : {}),
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    multiplex: false,
    reconnection: false,
    transports: ['websocket'],
    forceNew: true,
    autoConnect: false,
  });
  const client = new SocketIOTestClient(socket, options.callTimeoutMs ?? 10_000);
  const login = client.login(options.loginTimeoutMs ?? 5000);
  socket.connect();
  try {
    const outcome = await login;
    const authId = outcome[0] === 'loginConfirmed' ? outcome[2]['id'] : undefined;
    client.setId(typeof authId === 'string' ? authId : socket.id);
    return { client, login: outcome };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** Closes every client opened by {@link connectSocketIO} and not closed yet (call it in `afterEach`). */
export async function closeAllClients(): Promise<void> {
  const clients = [...openClients];
  openClients.clear();
  await Promise.all(clients.map((client) => client.close()));
}
