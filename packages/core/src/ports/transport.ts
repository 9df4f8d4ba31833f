/**
 * The Transport port: local connections only.
 *
 * @module
 */

/** What a transport knows of a connection's handshake. */
export interface HandshakeData {
  isConnected: boolean;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /**
   * The client's handshake credentials: socket.io 4's `auth` option
   * (`io(url, { auth: { user } })`); for a socket.io 2 client, which has no
   * such option, socket.io gives its query here. Always `{}` on the ws
   * transport, whose clients send credentials in `query` or `headers`.
   * Absent when the socket is not connected.
   */
  auth?: Record<string, unknown>;
  address?: string;
}

/**
 * The reply to a command: its results, or an error (any thrown value, not yet
 * converted). Tell them apart by `results` (an error value may itself be null).
 */
export type CommandReply = { error: null; results: unknown[] } | { error: unknown; results?: undefined };

/** What the core offers a transport; given once to {@link Transport.attach}. */
export interface TransportHost {
  /** A socket connected; the core authenticates it and answers with loginConfirmed / rejectLogin. */
  connection(socketId: string): void;
  /**
   * A client sent a command or a custom event. Resolves `null` when the socket
   * is not logged in (yet) or the name is unknown to it: the request is dropped.
   */
  command(socketId: string, name: string, args: unknown[]): Promise<CommandReply | null>;
  /** A socket disconnected (either side). Resolves when its cleanup is done. */
  disconnect(socketId: string): Promise<void>;
  /** Converts an error to the client form selected by `useRawErrorObjects`. */
  wireError(error: unknown): unknown;
}

/**
 * Local connections only. A transport knows nothing of rooms, users or other
 * instances; the core routes everything.
 */
export interface Transport {
  /** Short name, e.g. `socket.io` or `ws`. */
  readonly name: string;
  /** Starts accepting connections and reports them to `host`. */
  attach(host: TransportHost): Promise<void>;
  getHandshakeData(socketId: string): HandshakeData;
  /** The native socket object, or `undefined`. */
  getSocket(socketId: string): unknown;
  hasSocket(socketId: string): boolean;
  /** Joins a local channel; rejects with `invalidSocket` if the socket is not connected here. */
  joinChannel(socketId: string, channel: string): Promise<void>;
  /** Leaves a local channel; a socket that is unknown or gone has left every channel already (no error). */
  leaveChannel(socketId: string, channel: string): Promise<void>;
  /** Sends a notification to one local socket (dropped if it is gone). */
  send(socketId: string, event: string, args: readonly unknown[]): void;
  /** Sends a notification to the local sockets of a channel, except `exceptId`. */
  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void;
  /** Sends loginRejected and disconnects. */
  rejectLogin(socketId: string, error: unknown): void;
  /** Disconnects a local socket; resolves once `host.disconnect` for it has finished. */
  disconnectSocket(socketId: string): Promise<void>;
  /**
   * Adds an ack-able custom event handler on a local socket. It takes
   * precedence over a command of the same name; an array result is spread
   * into the ack, any other value is one result.
   */
  bindHandler(socketId: string, event: string, handler: (...args: unknown[]) => unknown): void;
  /** The underlying server object (socket.io `Server`, ws `WebSocketServer`), at your own risk. */
  getServer(): unknown;
  /**
   * Stops accepting, disconnects every client (awaiting host.disconnect for
   * each) and closes its server. Each transport documents whether it also
   * closes a server it was given (socket.io does, as the reference did).
   */
  close(): Promise<void>;
}
