import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { ChatServiceError, listen } from '@chat-service/core';
import type { DisconnectReason, TransportHost } from '@chat-service/core';
import { WebSocketServer } from 'ws';
import type { Server as WsServer, WebSocket } from 'ws';
import { Channels } from './channels.js';
import { selectSubprotocol } from './codec.js';
import { ConnectionSocket, WsConnection, readHandshake } from './connection.js';
import type { ConnectionHub } from './connection.js';
import { Heartbeat } from './heartbeat.js';
import { OutboundNotification } from './outbound.js';
import { closeServer, createOwnServer, isOriginAllowed, plainHttpAnswer, refuseUpgrade, routeUpgrades } from './http.js';
import { CLOSE_OF, WS_CLOSE_CODES, resolveOptions } from './options.js';
import type { ResolvedWsOptions, WsTransportOptions } from './options.js';
import { freshId } from './ids.js';
import { listenTo } from './socket-listeners.js';
import type { WsTransport } from './types.js';

class WsTransportImpl implements WsTransport {
  readonly name = 'ws' as const;
  #options: ResolvedWsOptions;
  #wss: WsServer<typeof ConnectionSocket>;
  #connections = new Map<string, WsConnection>();
  #channels = new Channels();
  #host: TransportHost | undefined;
  #httpServer: HttpServer | undefined;
  #ownServer = false;
  #port: number | undefined;
  #detach: (() => void) | undefined;
  #closing: Promise<void> | undefined;
  /** What every connection shares; set by `attach`. */
  #hub: ConnectionHub | undefined;
  readonly #heartbeat: Heartbeat<WsConnection>;

  constructor(options: ResolvedWsOptions) {
    this.#options = options;
    this.#httpServer = options.server;
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: options.maxPayload,
      handleProtocols: (offered) => selectSubprotocol(offered),
      WebSocket: ConnectionSocket,
    });
    this.#heartbeat = new Heartbeat({
      interval: options.pingInterval,
      timeout: options.pingTimeout,
      connections: () => this.#connections.values(),
      onTimeout: (connection) => void this.#drop(connection, 'terminate'),
    });
  }

  get port(): number | undefined {
    if (this.#port !== undefined) return this.#port;
    const address = this.#httpServer?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  get httpServer(): HttpServer | undefined {
    return this.#httpServer;
  }

  // --- lifecycle ---

  async attach(host: TransportHost): Promise<void> {
    if (this.#closing) throw new Error('[transport-ws] attach() after close()');
    if (this.#host) throw new Error('[transport-ws] attach() was already called');
    this.#host = host;
    const { path, server, logger, maxBufferedBytes } = this.#options;
    this.#hub = {
      host,
      logger,
      maxBufferedBytes,
      onOverflow: (connection) => void this.#drop(connection, WS_CLOSE_CODES.slowConsumer, 'slow consumer: send buffer limit exceeded'),
      onClose: (connection) => {
        this.#forget(connection);
      },
    };
    this.#heartbeat.start();
    const handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
      this.#upgrade(req, socket, head);
    };
    if (server) {
      // Installed synchronously, so a service that attaches in its constructor serves clients at once.
      const detach = routeUpgrades(server, { path, own: false, handle });
      // A bare supplied server would leave plain HTTP requests unanswered.
      const answer = server.listenerCount('request') === 0 ? plainHttpAnswer(path) : undefined;
      if (answer) server.on('request', answer);
      this.#detach = () => {
        detach();
        if (answer) server.off('request', answer);
      };
      return;
    }
    const own = createOwnServer(path);
    this.#httpServer = own;
    this.#ownServer = true;
    this.#detach = routeUpgrades(own, { path, own: true, handle });
    this.#port = await listen(own, this.#options.port, this.#options.host);
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#detach?.();
    this.#heartbeat.stop();
    const closes = [...this.#connections.values()].map((c) => this.#drop(c, WS_CLOSE_CODES.goingAway, 'server shutting down'));
    await Promise.all(closes);
    await new Promise<void>((resolve) => {
      this.#wss.close(() => {
        resolve();
      });
    });
    if (this.#ownServer && this.#httpServer) await closeServer(this.#httpServer);
  }

  // --- connections ---

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const origin = req.headers.origin;
    if (!isOriginAllowed(origin, this.#options.allowedOrigins)) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    // The 101 answer waits in the corked stream for what the login sends in this turn: one write for
    // both (released by the connection, see `upgradeCorked`; ws's refusals end the stream, which uncorks).
    socket.cork();
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#accept(ws, req, socket);
    });
  }

  #accept(ws: ConnectionSocket, req: IncomingMessage, stream: Duplex): void {
    const hub = this.#hub;
    if (!hub || this.#closing) {
      stream.uncork();
      ws.close(WS_CLOSE_CODES.goingAway, 'server shutting down');
      return;
    }
    const connection = new WsConnection({
      id: freshId(this.#connections),
      ws,
      stream,
      upgradeCorked: true,
      handshake: readHandshake(req),
      hub,
    });
    this.#connections.set(connection.id, connection);
    listenTo(connection);
    hub.host.connection(connection);
  }

  /** Removes a connection from every table and reports its disconnect to the host, once. */
  #forget(connection: WsConnection): void {
    if (connection.gone) return;
    connection.gone = true;
    this.#connections.delete(connection.id);
    this.#channels.leaveAll(connection);
    void this.#host?.disconnect(connection.id);
  }

  /** Forgets a connection and closes its socket; resolves when the socket is closed. */
  #drop(connection: WsConnection, code: number | 'terminate', reason?: string): Promise<void> {
    this.#forget(connection);
    return connection.close(code, reason);
  }

  // --- Transport ---

  getSocket(socketId: string): WebSocket | undefined {
    return this.#connections.get(socketId)?.ws;
  }

  getServer(): WebSocketServer {
    return this.#wss;
  }

  joinChannel(socketId: string, channel: string): Promise<void> {
    const connection = this.#connections.get(socketId);
    if (!connection) return Promise.reject(new ChatServiceError('invalidSocket', socketId));
    this.#channels.join(connection, channel);
    return Promise.resolve();
  }

  leaveChannel(socketId: string, channel: string): Promise<void> {
    // A connection no longer listed has left every channel already.
    const connection = this.#connections.get(socketId);
    if (connection) this.#channels.leave(connection, channel);
    return Promise.resolve();
  }

  send(socketId: string, event: string, args: readonly unknown[]): void {
    const connection = this.#connections.get(socketId);
    if (!connection) return;
    new OutboundNotification(event, args, this.#options.logger).sendTo(connection);
  }

  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void {
    const members = this.#channels.members(channel);
    if (members === undefined) return;
    const single = typeof members === 'string';
    const outbound = new OutboundNotification(event, args, this.#options.logger);
    if (single) this.#notify(members, outbound, exceptId);
    else for (const socketId of members) this.#notify(socketId, outbound, exceptId);
  }

  #notify(socketId: string, outbound: OutboundNotification, exceptId: string | undefined): void {
    if (socketId !== exceptId) outbound.sendTo(this.#connections.get(socketId));
  }

  /** Closes the socket: 4000 (`server`) or 4001 (`loginRejected`), after the frames queued for it. */
  disconnect(socketId: string, reason: DisconnectReason): void {
    const connection = this.#connections.get(socketId);
    const [code, text] = CLOSE_OF[reason];
    if (connection) void this.#drop(connection, code, text);
  }
}

/**
 * Creates the plain WebSocket transport: JSON-RPC 2.0 over `ws`, with the
 * `chat-service.json` (default) and `chat-service.msgpack` subprotocols. See
 * PROTOCOL-WS.md for the wire protocol.
 *
 * @param options - see {@link WsTransportOptions}
 * @returns a transport to hand to the service; it listens once attached
 * @throws {RangeError} for a negative number or a path not starting with `/`
 *
 * @example
 * ```ts
 * const http = createServer();
 * const service = createChatService({
 *   transports: [createSocketIoTransport({ http }), createWsTransport({ server: http })],
 * });
 * http.listen(8000);
 * ```
 */
export function createWsTransport(options?: WsTransportOptions): WsTransport {
  return new WsTransportImpl(resolveOptions(options));
}
