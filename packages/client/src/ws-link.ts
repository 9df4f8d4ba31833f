/**
 * The WebSocket client's link: one JSON-RPC connection at a time, and a new
 * one after a loss (backoff with full jitter) until the client closes.
 *
 * @module
 */
import type { AuthData } from '@chat-service/core/protocol';
import { backoffDelay } from './backoff.js';
import type { ReconnectOptions } from './backoff.js';
import type { ClientLink, LinkEvents } from './client.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { ChatServiceClientError, fromRpcError, toClientError } from './errors.js';
import { parseFrames, requestFrame } from './json-rpc.js';
import type { IncomingFrame } from './json-rpc.js';
import type { LoginInfo } from './login.js';
import { CLOSED, OPEN } from './web-socket.js';
import type { WebSocketLike } from './web-socket.js';
import { isRecord } from '@chat-service/core/protocol';

interface Pending {
  resolve: (results: unknown[]) => void;
  reject: (error: ChatServiceClientError) => void;
}

/** What one connection reports to the link. */
interface ConnectionEvents {
  notification(method: string, params: unknown[]): void;
  loggedIn(info: LoginInfo): void;
  rejected(error: ChatServiceClientError): void;
  closed(error: ChatServiceClientError): void;
}

/** One WebSocket: requests waiting for replies, and what arrives. */
class WsConnection {
  readonly #pending = new Map<number, Pending>();
  readonly #events: ConnectionEvents;
  readonly ws: WebSocketLike;
  readonly closed: Promise<void>;
  #nextId = 1;

  constructor(ws: WebSocketLike, events: ConnectionEvents) {
    this.ws = ws;
    this.#events = events;
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
      if (this.ws.readyState !== OPEN) {
        reject(new ChatServiceClientError(`${name}: the connection is not open`));
        return;
      }
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      this.ws.send(requestFrame(id, name, args));
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
    this.#events.notification(method, params);
    if (method === 'loginConfirmed') {
      const [userName, authData] = params;
      this.#events.loggedIn({ userName: String(userName), authData: (isRecord(authData) ? authData : { id: '' }) as AuthData });
    } else if (method === 'loginRejected') {
      this.#events.rejected(toClientError(params[0]));
    }
  }

  #onClose(code: number, resolve: () => void): void {
    const error = new ChatServiceClientError(`connection closed (${String(code)})`);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#events.closed(error);
    resolve();
  }
}

/** What {@link createWsLink} needs. */
export interface WsLinkSetup {
  /** The first WebSocket. */
  first: WebSocketLike;
  /** Opens a new WebSocket on the same URL. */
  open: () => WebSocketLike;
  /** Reconnection delays, or false for none. */
  reconnect: false | ReconnectOptions;
  /** Timers. @default the global ones */
  clock?: Clock | undefined;
  /** Where to report. */
  events: LinkEvents;
}

/** The link plus the WebSocket in use. */
export interface WsLink extends ClientLink {
  /** The WebSocket in use now (a new one after each reconnection). */
  readonly socket: () => WebSocketLike;
}

/**
 * Makes the link: reports notifications, logins and losses, and after a loss
 * (once a login succeeded, unless a login was rejected or the client closed)
 * opens a new WebSocket after `backoffDelay`.
 *
 * @param setup - sockets, reconnection, clock, events
 * @returns the link
 */
export function createWsLink(setup: WsLinkSetup): WsLink {
  const { events, reconnect } = setup;
  const clock = setup.clock ?? systemClock;
  let closing = false;
  let everLoggedIn = false;
  let attempt = 0;
  let timer: unknown;
  let connection: WsConnection;

  const attach = (ws: WebSocketLike): void => {
    let over = false;
    const lose = (error: ChatServiceClientError, final: boolean): void => {
      if (over) return;
      over = true;
      const retrying = !final && !closing && reconnect !== false && everLoggedIn;
      events.down(error, retrying);
      if (retrying) schedule();
    };
    connection = new WsConnection(ws, {
      notification: (method, params) => {
        events.notification(method, params);
      },
      loggedIn: (info) => {
        everLoggedIn = true;
        attempt = 0;
        events.loggedIn(info);
      },
      rejected: (error) => {
        lose(error, true);
      },
      closed: (error) => {
        lose(error, false);
      },
    });
  };
  const schedule = (): void => {
    const delay = backoffDelay(attempt++, reconnect === false ? {} : reconnect);
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (closing) return;
      let ws: WebSocketLike;
      try {
        ws = setup.open();
      } catch (error) {
        events.down(new ChatServiceClientError(`cannot open a WebSocket: ${String(error)}`, { cause: error }), true);
        schedule();
        return;
      }
      attach(ws);
    }, delay);
  };
  attach(setup.first);

  return {
    request: (name, args) => connection.request(name, args),
    connect: () => undefined,
    socket: () => connection.ws,
    close: async () => {
      closing = true;
      if (timer !== undefined) {
        clock.clearTimeout(timer);
        timer = undefined;
        events.down(new ChatServiceClientError('connection closed (1000)'), false);
        return;
      }
      if (connection.ws.readyState !== CLOSED) connection.ws.close(1000);
      await connection.closed;
    },
  };
}
