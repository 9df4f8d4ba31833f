/**
 * The typed client over the chat-service WebSocket protocol (JSON-RPC 2.0,
 * JSON text frames; PROTOCOL-WS.md).
 *
 * @module
 */
import type { AuthData } from '@chat-service/core';
import { createChatClient } from './client.js';
import type { ChatClient, ClientLink, ClientOptions } from './client.js';
import { ChatServiceClientError, fromRpcError, toClientError } from './errors.js';
import { parseFrames, requestFrame } from './json-rpc.js';
import type { IncomingFrame } from './json-rpc.js';
import { Listeners } from './listeners.js';
import { LoginTracker } from './login.js';
import { CLOSED, OPEN, resolveWebSocket } from './web-socket.js';
import type { WebSocketConstructor, WebSocketLike } from './web-socket.js';

/** A client over the WebSocket (JSON-RPC) protocol. */
export interface WsChatClient extends ChatClient {
  /** The WebSocket it uses (use at your own risk). */
  readonly ws: WebSocketLike;
}

/** Options of {@link createWsClient}. */
export interface WsClientOptions extends ClientOptions {
  /** The WebSocket constructor; default: the global `WebSocket` (browsers, Node.js ≥ 22). On Node.js 20 pass the `ws` package's. */
  WebSocket?: WebSocketConstructor | undefined;
  /** The subprotocols to offer when the client opens the socket. @default 'chat-service.json' */
  protocols?: string | string[] | undefined;
}

interface Pending {
  resolve: (results: unknown[]) => void;
  reject: (error: ChatServiceClientError) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One connection's state: requests waiting for replies, listeners, login. */
class WsConnection {
  readonly listeners = new Listeners();
  readonly tracker = new LoginTracker();
  readonly #pending = new Map<number, Pending>();
  readonly #ws: WebSocketLike;
  readonly closed: Promise<void>;
  #nextId = 1;

  constructor(ws: WebSocketLike) {
    this.#ws = ws;
    ws.addEventListener('message', (event) => {
      // JSON only: binary (MessagePack) frames are not for this client.
      if (typeof event.data === 'string') for (const frame of parseFrames(event.data)) this.#onFrame(frame);
    });
    // A `close` always follows; the listener keeps `ws` (an EventEmitter) from throwing an unhandled 'error'.
    ws.addEventListener('error', () => undefined);
    this.closed = new Promise((resolve) => {
      if (ws.readyState === CLOSED) this.#onClose(1006, resolve);
      else
        ws.addEventListener('close', (event) => {
          this.#onClose(event.code, resolve);
        });
    });
  }

  request(name: string, args: readonly unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      if (this.#ws.readyState !== OPEN) {
        reject(new ChatServiceClientError(`${name}: the connection is not open`));
        return;
      }
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      this.#ws.send(requestFrame(id, name, args));
    });
  }

  #onFrame(frame: IncomingFrame): void {
    switch (frame.kind) {
      case 'notification':
        this.#onNotification(frame.method, frame.params);
        return;
      case 'response':
        this.#settle(frame.id)?.resolve(frame.results);
        return;
      case 'error':
        if (frame.id !== null) this.#settle(frame.id)?.reject(fromRpcError(frame.error));
        return;
      case 'ignored':
        return;
      default:
        frame satisfies never;
    }
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    return pending;
  }

  #onNotification(method: string, params: unknown[]): void {
    if (method === 'loginConfirmed') {
      const [userName, authData] = params;
      this.tracker.confirm({ userName: String(userName), authData: (isRecord(authData) ? authData : { id: '' }) as AuthData });
    } else if (method === 'loginRejected') {
      this.tracker.fail(toClientError(params[0]));
    }
    this.listeners.emit(method, params);
  }

  #onClose(code: number, resolve: () => void): void {
    const error = new ChatServiceClientError(`connection closed (${String(code)})`);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    if (!this.tracker.isFailed) this.tracker.fail(error);
    resolve();
  }
}

function createLink(ws: WebSocketLike, connection: WsConnection): ClientLink {
  return {
    request: (name, args) => connection.request(name, args),
    on: (event, listener) => {
      connection.listeners.on(event, listener);
    },
    off: (event, listener) => {
      connection.listeners.off(event, listener);
    },
    connect: () => undefined,
    close: async () => {
      if (ws.readyState !== CLOSED) ws.close(1000);
      await connection.closed;
    },
  };
}

/**
 * Connects to a chat-service over plain WebSocket (JSON-RPC 2.0, JSON
 * frames) and wraps the connection in the typed client. Commands wait for
 * `loginConfirmed`; service errors reject with their `code` and `args` (from
 * the JSON-RPC error's `data`). There is no reconnection: after a close,
 * create a new client.
 *
 * @param target - the URL (`ws://host:8000/chat-service?user=alice`), or a WebSocket you opened in this same tick
 * @param options - the WebSocket constructor on Node.js 20, subprotocols, timeout
 * @returns the client
 * @throws {TypeError} when given a URL but no WebSocket constructor is available
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // Node.js 20 only; browsers and Node.js ≥ 22 have a global WebSocket
 * import { createWsClient } from '@chat-service/client';
 *
 * const client = createWsClient('ws://localhost:8000/chat-service?user=thermo-1', { WebSocket });
 * await client.login();
 * await client.roomJoin('sensors');
 * await client.roomMessage('sensors', { textMessage: 't=21.5' });
 * await client.close();
 * ```
 */
export function createWsClient(target: string | URL | WebSocketLike, options: WsClientOptions = {}): WsChatClient {
  const ws =
    typeof target === 'string' || target instanceof URL
      ? new (resolveWebSocket(options.WebSocket))(String(target), options.protocols ?? 'chat-service.json')
      : target;
  const connection = new WsConnection(ws);
  const client = createChatClient(createLink(ws, connection), connection.tracker, options);
  return Object.defineProperty(client, 'ws', { value: ws, enumerable: true }) as WsChatClient;
}
