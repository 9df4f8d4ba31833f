/**
 * A real socket.io-client 4 test client implementing the shared `TestClient`,
 * used by the socket.io transport tests and the server's behaviour suite.
 * The client itself is `socketio-test-client.ts`; this module adds what
 * version 4 does its own way (`onAny`, the query as an object, `active`).
 *
 * @module
 */
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { queryParams } from '@chat-service/core/testing';
import type { ConnectQuery, Connected } from '@chat-service/core/testing';
import { OpenClients } from './raw-client.js';
import { SocketIOClientCore } from './socketio-test-client.js';

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

const openClients = new OpenClients();

function targetUrl(url: string, namespace: string): string {
  const target = new URL(url);
  if (target.pathname === '' || target.pathname === '/') target.pathname = namespace;
  return target.toString();
}

/** A socket.io-client 4 socket as a `TestClient`. */
export class SocketIOTestClient extends SocketIOClientCore<Socket> {
  constructor(socket: Socket, callTimeoutMs: number) {
    super(socket, {
      tapEvents: (onEvent) => {
        socket.onAny((event: string, ...args: unknown[]) => {
          onEvent(event, args);
        });
      },
      refusals: ['connect_error'],
      registry: openClients,
      callTimeoutMs,
    });
  }

  /** Resolves at once for a socket that is down and will not reconnect. */
  override disconnected(timeoutMs = 3000): Promise<void> {
    if (this.socket.disconnected && !this.socket.active) return Promise.resolve();
    return super.disconnected(timeoutMs);
  }

  protected async closeSocket(): Promise<void> {
    this.socket.disconnect();
    await this.disconnected().catch(() => undefined);
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
  const socket = io(targetUrl(url, options.namespace ?? DEFAULT_TEST_NAMESPACE), {
    ...(query === undefined ? {} : { query: queryParams(query) }),
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    multiplex: false,
    reconnection: false,
    transports: ['websocket'],
    forceNew: true,
    autoConnect: false,
  });
  const client = new SocketIOTestClient(socket, options.callTimeoutMs ?? 10_000);
  const login = await client.start(() => {
    socket.connect();
  }, options.loginTimeoutMs ?? 5000);
  return { client, login };
}

/** Closes every client opened by {@link connectSocketIO} and not closed yet (call it in `afterEach`). */
export function closeAllClients(): Promise<void> {
  return openClients.closeAll();
}
