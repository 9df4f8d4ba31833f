/**
 * The Transport port: what a network adapter does, and nothing of the
 * protocol's meaning. The core keeps every socket's handshake, custom event
 * handlers and login state (see `transport-host.ts`); an adapter accepts
 * connections, hands over what it reads from them, frames replies and
 * notifications for its wire, and keeps local channel membership.
 *
 * @module
 */

/** What a client's handshake told the transport, handed over once at connection. */
export interface Handshake {
  /** Query parameters, as strings (of a repeated key, the last value). */
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /**
   * The client's handshake credentials: socket.io 4's `auth` option
   * (`io(url, { auth: { user } })`); for a socket.io 2 client, which has no
   * such option, socket.io gives its query here. Always `{}` on the ws
   * transport, whose clients send credentials in `query` or `headers`.
   */
  auth?: Record<string, unknown>;
  /** The client's IP address, when the transport knows it. */
  address?: string | undefined;
}

/** `service.transport.getHandshakeData(id)`: a socket's {@link Handshake} and whether it is still connected. */
export interface HandshakeData extends Handshake {
  isConnected: boolean;
}

/** A connection a transport accepted, as it hands it to {@link TransportHost.connection}. */
export interface IncomingConnection {
  /** The socket id, unique among the transport's live connections. */
  readonly id: string;
  readonly handshake: Readonly<Handshake>;
  /** The native socket object (socket.io `Socket`, ws `WebSocket`), given out by `service.transport.getSocket`. */
  readonly socket: object;
}

/**
 * The reply to an incoming command or custom event, ready for the wire:
 * - `result`: the results (hooks may add values after the first);
 * - `error`: the thrown value, and `wireError`, its client form under
 *   `useRawErrorObjects` (a string, or `{name, code, args}`);
 * - `dropped`: not answered (the socket is not logged in, or the name is
 *   neither a command nor a bound handler); `loggedIn` tells which.
 */
export type CommandReply =
  | { readonly kind: 'result'; readonly results: readonly unknown[] }
  | { readonly kind: 'error'; readonly error: unknown; readonly wireError: unknown }
  | { readonly kind: 'dropped'; readonly loggedIn: boolean };

/** What the core offers a transport; given once to {@link Transport.attach}. None of its members throws or rejects. */
export interface TransportHost {
  /** A client connected; the core authenticates it and answers with `loginConfirmed`, or `loginRejected` and a disconnect. */
  connection(connection: IncomingConnection): void;
  /** A client sent a command or a custom event; resolves with what to send back. */
  command(socketId: string, name: string, args: unknown[]): Promise<CommandReply>;
  /**
   * A socket is gone (either side closed it); report each socket once it
   * stops, including on `close()`. Resolves when the core's cleanup for it is
   * done (never rejects); an adapter need not wait for that.
   */
  disconnect(socketId: string): Promise<void>;
  /** The client form of an error the transport itself met while answering (an unencodable reply). */
  wireError(error: unknown): unknown;
}

/** Why the core disconnects a socket; a transport may tell its client (the ws close code). */
export type DisconnectReason = 'server' | 'loginRejected';

/**
 * A network adapter. It knows nothing of rooms, users, logins or other
 * instances: the core routes everything and tells it what to send where.
 */
export interface Transport {
  /** Short name, e.g. `socket.io` or `ws`. */
  readonly name: string;
  /** Starts accepting connections and reports them to `host`. */
  attach(host: TransportHost): Promise<void>;
  /** Sends a notification to one local socket (dropped if it is gone). */
  send(socketId: string, event: string, args: readonly unknown[]): void;
  /** Joins a local channel; rejects with `invalidSocket` if the socket is not connected here. */
  joinChannel(socketId: string, channel: string): Promise<void>;
  /** Leaves a local channel; a socket that is unknown or gone has left every channel already (no error). */
  leaveChannel(socketId: string, channel: string): Promise<void>;
  /** Sends a notification to the local sockets of a channel, except `exceptId`, encoding it once. */
  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void;
  /** Closes a local socket (after what was sent to it), then reports `host.disconnect`; unknown ids are ignored. */
  disconnect(socketId: string, reason: DisconnectReason): void;
  /** The underlying server object (socket.io `Server`, ws `WebSocketServer`), at your own risk. */
  getServer?(): unknown;
  /**
   * Stops accepting, closes every connection (reporting `host.disconnect` for
   * each) and closes its server. Each transport documents whether it also
   * closes a server it was given (socket.io does, as the reference did).
   */
  close(): Promise<void>;
}
