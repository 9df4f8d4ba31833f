/**
 * A real socket.io-client 2.x test client (the client chat-service 1.0 apps
 * ship), implementing the shared `TestClient` so the behaviour suite runs over
 * it, by websocket or by HTTP long-polling. The client itself is
 * `socketio-test-client.ts`; this module adds what version 2 does its own
 * way: no `onAny`, an `error` event for a refused connection, the query as a
 * string, and a close that must wait for the WebSocket's closing handshake.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { queryParams } from '@chat-service/core/testing';
import type { ConnectQuery, Connected } from '@chat-service/core/testing';
import { OpenClients } from './raw-client.js';
import { SocketIOClientCore } from './socketio-test-client.js';
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

const openClients = new OpenClients();

/** The `ws` WebSocket under an engine.io 3 websocket transport, if that is the transport. */
type EngineWebSocket = { readyState: number; once(event: 'close', listener: () => void): void } | undefined;

/** A socket.io-client 2 socket as a `TestClient`. */
export class SocketIOV2TestClient extends SocketIOClientCore<V2Socket> {
  constructor(socket: V2Socket, callTimeoutMs: number) {
    super(socket, {
      // socket.io-client 2 has no onAny: see every event where the client dispatches it.
      tapEvents: (onEvent) => {
        const dispatch = socket.onevent.bind(socket);
        socket.onevent = (packet) => {
          const [event, ...args] = packet.data ?? [];
          if (typeof event === 'string') onEvent(event, args);
          dispatch(packet);
        };
      },
      // A refused connection comes as an `error` event carrying the middleware's message.
      refusals: ['connect_error', 'error'],
      registry: openClients,
      callTimeoutMs,
    });
  }

  /**
   * Closes from the client side and, over websocket, waits for the closing
   * handshake: socket.io-client 2 reports `disconnect` before its packets
   * have left, so without the handshake a test could act before the server
   * saw the socket go.
   */
  protected async closeSocket(): Promise<void> {
    const ws = (this.socket.io.engine.transport as { ws?: EngineWebSocket }).ws;
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
  const socket = ioV2(`${url}${options.namespace ?? '/chat-service'}`, {
    ...(query === undefined ? {} : { query: new URLSearchParams(queryParams(query)).toString() }),
    multiplex: false,
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    transports: [options.transport ?? 'websocket'],
  });
  const client = new SocketIOV2TestClient(socket, options.callTimeoutMs ?? 10_000);
  const login = await client.start(() => {
    socket.open();
  }, options.loginTimeoutMs ?? 5000);
  return { client, login };
}

/** Closes every client opened by {@link connectSocketIOV2} and not closed yet. */
export function closeAllV2Clients(): Promise<void> {
  return openClients.closeAll();
}
