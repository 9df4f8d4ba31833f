import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Handshake, IncomingConnection, Logger, NameSet, TransportHost } from '@chat-service/core';
import { WebSocket } from 'ws';
import type { ChannelMember } from './channels.js';
import { encodingOf } from './codec.js';
import type { Encoding, Frame } from './codec.js';
import { shareHeaderValues } from './header-values.js';
import { queryOf } from './request-target.js';
import type { Pingable } from './heartbeat.js';

/** The `auth` of every ws handshake: empty, shared, frozen (the core hands out copies). */
const NO_AUTH: Record<string, unknown> = Object.freeze({});

/**
 * The handshake of a ws connection. `address` is read from the TCP socket
 * when first asked (usually by the `onConnect` hook, through
 * `getHandshakeData`): it costs a system call that most logins never need.
 */
class WsHandshake implements Handshake {
  readonly query: Record<string, string>;
  readonly headers: IncomingMessage['headers'];
  readonly auth = NO_AUTH;
  #socket: Socket | undefined;
  #address: string | undefined = undefined;

  constructor(query: Record<string, string>, headers: IncomingMessage['headers'], socket: Socket) {
    this.query = query;
    this.headers = headers;
    this.#socket = socket;
  }

  get address(): string | undefined {
    if (this.#socket) {
      this.#address = this.#socket.remoteAddress;
      this.#socket = undefined;
    }
    return this.#address;
  }
}

/**
 * Reads the query string, headers and address of an upgrade request. Query
 * values are strings; of a repeated key the last value wins, as on socket.io.
 * `auth` is `{}`: ws clients have no handshake payload, their credentials are
 * in the query or headers.
 */
export function readHandshake(req: IncomingMessage): Handshake {
  // fromEntries defines own properties (a `__proto__` key stays an ordinary key), the last of a
  // repeated key winning. The request's own headers object is kept (not copied): nothing else holds
  // the request once it is upgraded.
  const query = Object.fromEntries(queryOf(req.url ?? '/')) as Record<string, string>;
  const headers = req.headers;
  shareHeaderValues(headers);
  return new WsHandshake(query, headers, req.socket);
}

// Connections holding frames for a command that has not answered yet; all
// written after this turn's I/O at the latest (one immediate for all of them).
// An array reused from turn to turn, not a Set: a Set that fills and empties
// every turn reallocates its table as it grows and shrinks, and V8 put those
// tables in the old generation (most of what the acks benchmark promoted).
// A connection flushed early and held again in the same turn is listed twice;
// flushing is idempotent.
const held: (WsConnection | undefined)[] = [];
let heldCount = 0;

function holdUntilLater(connection: WsConnection): void {
  held[heldCount++] = connection;
  if (heldCount === 1) setImmediate(flushHeld);
}

function flushHeld(): void {
  for (let i = 0; i < heldCount; i++) {
    const connection = held[i];
    held[i] = undefined;
    connection?.flush();
  }
  heldCount = 0;
}

// After a close frame, wait this long for the peer's answer before cutting the TCP connection.
const CLOSE_GRACE_MS = 1000;

/**
 * What every connection of one transport shares (one object per transport, so
 * that a connection holds one reference instead of a copy of each).
 */
export interface ConnectionHub {
  readonly host: TransportHost;
  readonly logger: Logger;
  /** The most bytes queued for one client before it is a slow consumer. */
  readonly maxBufferedBytes: number;
  /** Called (once per send attempt) when the client's queue is over `maxBufferedBytes`. */
  onOverflow(connection: WsConnection): void;
  /** The socket closed. */
  onClose(connection: WsConnection): void;
}

/**
 * The transport's sockets: `ws` WebSockets (the server creates them as this
 * class) that know their connection, so that one set of listener functions
 * serves every connection instead of closures per connection.
 */
export class ConnectionSocket extends WebSocket {
  /** Set when the transport accepted the socket. */
  connection: WsConnection | undefined = undefined;

  /**
   * Notes a pong for the heartbeat, then emits as usual. Noted here rather
   * than by a listener: a fourth listener (besides message, error and close)
   * doubles the size of the socket's table of events, 96 bytes a connection.
   */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'pong' && this.connection) this.connection.pingRound = 0;
    return super.emit(event, ...args);
  }
}

/** How a connection is set up. */
export interface ConnectionInit {
  id: string;
  ws: ConnectionSocket;
  /** The upgraded TCP stream under `ws`, corked while a command's frames are written. */
  stream: Duplex;
  /**
   * The stream was corked before the upgrade wrote its 101 answer: the connection releases it with
   * what the login sends in the same turn (usually `loginConfirmed`), after this turn at the latest.
   */
  upgradeCorked?: boolean;
  handshake: Handshake;
  hub: ConnectionHub;
}

/**
 * One client connection: its socket, its state, and the bounded send path. It
 * is also what the transport hands to the core ({@link IncomingConnection}).
 */
export class WsConnection implements IncomingConnection, ChannelMember, Pingable {
  readonly id: string;
  readonly ws: ConnectionSocket;
  readonly handshake: Handshake;
  readonly hub: ConnectionHub;
  /** Set once the transport forgot this connection; nothing is sent after. */
  gone = false;
  /** Commands of this connection that have not answered yet (see {@link WsConnection.sendFrame}). */
  inFlight = 0;
  /** The channels it is in (see `channels.ts`). */
  channels: NameSet | undefined = undefined;
  /** The heartbeat round whose ping this connection has not answered yet; 0: none (see `heartbeat.ts`). */
  pingRound = 0;
  #stream: Duplex;
  #corked = false;

  /** Wraps an accepted socket (see `socket-listeners.ts` for what it hears). */
  constructor(init: ConnectionInit) {
    this.id = init.id;
    this.ws = init.ws;
    this.#stream = init.stream;
    this.handshake = init.handshake;
    this.hub = init.hub;
    init.ws.connection = this;
    if (init.upgradeCorked) {
      this.#corked = true;
      holdUntilLater(this);
    }
  }

  /** The encoding of its frames, by its subprotocol (read from the socket: one field less per connection). */
  get encoding(): Encoding {
    return encodingOf(this.ws.protocol);
  }

  /** The native socket, as the core gives it out. */
  get socket(): WebSocket {
    return this.ws;
  }

  /**
   * Queues a frame unless the client is gone or already has more than
   * `maxBufferedBytes` waiting; in that case the overflow handler drops it.
   * Checking before the write bounds a socket's queue to the limit plus one frame
   * without killing a healthy client that receives one large frame.
   *
   * While a command of this connection runs, what is sent to it in this turn
   * of the event loop (a room message's notification, then the command's
   * reply) is written together, in one system call: when the reply is sent
   * ({@link WsConnection.flush}), or at the latest after this turn of the
   * event loop (a notification is never held for a slow reply).
   */
  sendFrame(frame: Frame): boolean {
    if (this.gone || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.ws.bufferedAmount > this.hub.maxBufferedBytes) {
      this.hub.onOverflow(this);
      return false;
    }
    if (this.inFlight > 0 && !this.#corked) {
      this.#corked = true;
      this.#stream.cork();
      holdUntilLater(this);
    }
    // Written beside `ws` on its socket: a whole frame per write, between two of its own (pings, the close frame).
    this.#stream.write(frame);
    return true;
  }

  /** Writes what {@link WsConnection.sendFrame} held. */
  flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#stream.uncork();
  }

  /** Pings the client if the socket is open; returns whether it did. */
  ping(): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.ping();
    return true;
  }

  /**
   * Closes the socket with a close frame (`code`), cutting it if the peer does
   * not answer within a second, or at once with `'terminate'`. Resolves when
   * the socket is closed.
   */
  close(code: number | 'terminate', reason = ''): Promise<void> {
    const { ws } = this;
    if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) =>
      ws.once('close', () => {
        resolve();
      }),
    );
    if (code === 'terminate') {
      ws.terminate();
      return closed;
    }
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    const timer = setTimeout(() => {
      ws.terminate();
    }, CLOSE_GRACE_MS).unref();
    return closed.finally(() => {
      clearTimeout(timer);
    });
  }
}
