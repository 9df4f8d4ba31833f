/**
 * A real socket.io-client 2.x test client (the client chat-service 1.0 apps
 * ship), implementing the shared `TestClient` so the behaviour suite runs over
 * it, by websocket or by HTTP long-polling.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { EventQueue } from '@chat-service/core/testing';
import type { ConnectQuery, Connected, TestClient } from '@chat-service/core/testing';
import { withTimeout } from './timeout.js';

/** The part of a socket.io-client 2 socket these tests use (the package ships no types). */
export interface V2Socket {
  readonly id: string;
  readonly connected: boolean;
  readonly disconnected: boolean;
  readonly io: { engine: { transport: { name: string } } };

  emit(event: string, ...args: unknown[]): this;
  on(event: string, listener: (...args: unknown[]) => void): this;
  once(event: string, listener: (...args: unknown[]) => void): this;
  off(event: string, listener?: (...args: unknown[]) => void): this;
  open(): this;
  close(): this;
  /** The packet handler socket.io-client 2 calls for every incoming event. */
  onevent(packet: { data?: unknown[] }): void;
}

/** socket.io-client 2's `io(url, options)`. */
export type V2Connect = (url: string, options: Record<string, unknown>) => V2Socket;

/** socket.io-client 2.x, installed under the alias `socket.io-client-v2`. */
export const ioV2 = createRequire(import.meta.url)('socket.io-client-v2') as V2Connect;

/** The engine.io transport a v2 client uses. */
export type V2Transport = 'websocket' | 'polling';

/** Options of {@link connectSocketIOV2}. */
export interface ConnectSocketIOV2Options {
  /** Default `websocket`. */
  transport?: V2Transport;
  /** Default `/chat-service`. */
  namespace?: string;
  /** How long to wait for the login outcome. Default 5000 ms. */
  loginTimeoutMs?: number;
  /** How long `call()` waits for an ack. Default 10000 ms. */
  callTimeoutMs?: number;
}

const openClients = new Set<SocketIOV2TestClient>();

/** A socket.io-client 2 socket as a {@link TestClient}. */
export class SocketIOV2TestClient implements TestClient {
  readonly socket: V2Socket;
  readonly #queue = new EventQueue();
  readonly #disconnected: Promise<void>;
  readonly #callTimeoutMs: number;
  #id: string | undefined;
  #loginWaiter: ((outcome: Connected['login']) => void) | undefined;

  constructor(socket: V2Socket, callTimeoutMs: number) {
    this.socket = socket;
    this.#callTimeoutMs = callTimeoutMs;
    this.#disconnected = new Promise((resolve) =>
      socket.once('disconnect', () => {
        resolve();
      }),
    );
    // socket.io-client 2 has no onAny: see every event where the client dispatches it.
    const dispatch = socket.onevent.bind(socket);
    socket.onevent = (packet) => {
      const [event, ...args] = packet.data ?? [];
      if (typeof event === 'string') this.#onEvent(event, args);
      dispatch(packet);
    };
    openClients.add(this);
  }

  #onEvent(event: string, args: unknown[]): void {
    const waiter = this.#loginWaiter;
    if (waiter && (event === 'loginConfirmed' || event === 'loginRejected')) {
      this.#loginWaiter = undefined;
      waiter(event === 'loginConfirmed' ? [event, String(args[0]), (args[1] ?? {}) as Record<string, unknown>] : [event, args[0]]);
      return;
    }
    this.#queue.push(event, args);
  }

  get id(): string | undefined {
    return this.#id;
  }

  /** Records the socket id from the login outcome. */
  setId(id: string | undefined): void {
    this.#id = id;
  }

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
    return withTimeout(this.#disconnected, timeoutMs, 'waiting for disconnect');
  }

  /**
   * Closes from the client side and, over websocket, waits for the closing
   * handshake: socket.io-client 2 reports `disconnect` before its packets
   * have left, so without the handshake a test could act before the server
   * saw the socket go.
   */
  async close(): Promise<void> {
    openClients.delete(this);
    const ws = (this.socket.io.engine.transport as { ws?: { readyState: number; once(event: 'close', listener: () => void): void } }).ws;
    const closed =
      ws && ws.readyState !== 3
        ? new Promise<void>((resolve) => {
            ws.once('close', resolve);
          })
        : Promise.resolve();
    const wasConnected = this.socket.connected;
    this.socket.close();
    if (wasConnected) await this.disconnected().catch(() => undefined);
    await withTimeout(closed, 3000, 'waiting for the WebSocket close').catch(() => undefined);
  }

  /**
   * Takes the first login outcome out of the event stream; rejects on a
   * transport failure (`connect_error`) or a refused connection, which
   * socket.io 2 reports as an `error` event carrying the middleware's message.
   */
  login(timeoutMs: number): Promise<Connected['login']> {
    const outcome = new Promise<Connected['login']>((resolve, reject) => {
      const onError = (error: unknown): void => {
        this.#loginWaiter = undefined;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      this.socket.once('connect_error', onError);
      this.socket.once('error', onError);
      this.#loginWaiter = (login) => {
        this.socket.off('connect_error', onError);
        this.socket.off('error', onError);
        resolve(login);
      };
    });
    return withTimeout(outcome, timeoutMs, 'waiting for loginConfirmed / loginRejected');
  }
}

/**
 * Connects with socket.io-client 2 as the chat-service 1.0 tests did (no
 * multiplexing, no reconnection; `query` as a string) over the given
 * transport, and waits for `loginConfirmed` or `loginRejected`.
 *
 * @param url - the server origin, e.g. `http://127.0.0.1:1234`
 * @param query - a user name for the `user` query parameter, or a full query
 */
export async function connectSocketIOV2(
  url: string,
  query?: ConnectQuery,
  options: ConnectSocketIOV2Options = {},
): Promise<Connected & { client: SocketIOV2TestClient }> {
  const queryObject = query === undefined ? undefined : typeof query === 'string' ? { user: query } : query;
  const socket = ioV2(`${url}${options.namespace ?? '/chat-service'}`, {
    ...(queryObject ? { query: new URLSearchParams(queryObject).toString() } : {}),
    multiplex: false,
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    transports: [options.transport ?? 'websocket'],
  });
  const client = new SocketIOV2TestClient(socket, options.callTimeoutMs ?? 10_000);
  const login = client.login(options.loginTimeoutMs ?? 5000);
  socket.open();
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

/** Closes every client opened by {@link connectSocketIOV2} and not closed yet. */
export async function closeAllV2Clients(): Promise<void> {
  const clients = [...openClients];
  openClients.clear();
  await Promise.all(clients.map((client) => client.close()));
}
