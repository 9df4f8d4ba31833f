/**
 * The typed client over the chat-service WebSocket protocol (JSON-RPC 2.0,
 * JSON text frames; PROTOCOL-WS.md).
 *
 * @module
 */
import type { ReconnectOptions } from './backoff.js';
import type { ChatClient, ClientOptions } from './client.js';
import { createChatClient } from './create-client.js';
import { resolveWebSocket } from './web-socket.js';
import type { WebSocketConstructor, WebSocketLike } from './web-socket.js';
import { createWsLink } from './ws-link.js';

/** A client over the WebSocket (JSON-RPC) protocol. */
export interface WsChatClient extends ChatClient {
  /** The WebSocket it uses now; a new one after each reconnection (use at your own risk). */
  readonly ws: WebSocketLike;
}

/** Options of {@link createWsClient}. */
export interface WsClientOptions extends ClientOptions {
  /** The WebSocket constructor; default: the global `WebSocket` (browsers, Node.js ≥ 22). On Node.js 20 pass the `ws` package's. */
  WebSocket?: WebSocketConstructor | undefined;
  /** The subprotocols to offer when the client opens the socket. @default 'chat-service.json' */
  protocols?: string | string[] | undefined;
  /**
   * Reconnection after a close the client did not ask for, once logged in:
   * a new WebSocket on the same URL after a random delay (exponential
   * backoff with full jitter), a new login, then the rooms joined through
   * the client are joined again and caught up. `false` turns it off; so does
   * passing a WebSocket instead of a URL. A rejected login is never retried.
   * @default { initialDelayMs: 500, maxDelayMs: 10000 }
   */
  reconnect?: false | ReconnectOptions | undefined;
}

/**
 * Connects to a chat-service over plain WebSocket (JSON-RPC 2.0, JSON
 * frames) and wraps the connection in the typed client. Commands wait for
 * `loginConfirmed`; service errors reject with their `code` and `args` (from
 * the JSON-RPC error's `data`). After a lost connection it reconnects by
 * itself (see {@link WsClientOptions.reconnect}); a command whose connection
 * dropped before its reply rejects with a connection error (no `code`) and
 * is not sent again.
 *
 * @param target - the URL (`ws://host:8000/chat-service?user=alice`), or a WebSocket you opened in this same tick
 * @param options - the WebSocket constructor on Node.js 20, subprotocols, reconnection, timeout
 * @returns the client
 * @throws {TypeError} when given a URL but no WebSocket constructor is available
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // Node.js 20 only; browsers and Node.js ≥ 22 have a global WebSocket
 * import { createWsClient } from '@chat-service/client';
 *
 * const client = createWsClient('ws://localhost:8000/chat-service?user=thermo-1', { WebSocket });
 * client.on('connectionState', (state) => console.log(state));
 * await client.roomJoin('sensors');
 * await client.roomMessage('sensors', { textMessage: 't=21.5' });
 * await client.close();
 * ```
 */
export function createWsClient(target: string | URL | WebSocketLike, options: WsClientOptions = {}): WsChatClient {
  const isUrl = typeof target === 'string' || target instanceof URL;
  const given = isUrl ? undefined : target;
  const url = isUrl ? String(target) : undefined;
  const Ctor = url === undefined ? undefined : resolveWebSocket(options.WebSocket);
  const openSocket = (): WebSocketLike => {
    if (Ctor === undefined || url === undefined) throw new TypeError('no URL to open a WebSocket on');
    return new Ctor(url, options.protocols ?? 'chat-service.json');
  };
  let current: () => WebSocketLike = () => {
    throw new TypeError('not connected yet');
  };
  const client = createChatClient((events) => {
    const link = createWsLink({
      first: given ?? openSocket(),
      open: openSocket,
      reconnect: given === undefined ? (options.reconnect ?? {}) : false,
      events,
    });
    current = link.socket;
    return link;
  }, options);
  return Object.defineProperty(client, 'ws', { get: () => current(), enumerable: true }) as WsChatClient;
}
