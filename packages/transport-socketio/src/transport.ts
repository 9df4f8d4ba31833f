/**
 * The socket.io 4 transport: the reference protocol (commands as events with
 * acks, notifications as events) on one namespace.
 *
 * @module
 */
import { ChatServiceError } from '@chat-service/core';
import type { Transport, TransportHost } from '@chat-service/core';
import type { Namespace, Server, Socket } from 'socket.io';
import { closeIo } from './internal/close.js';
import { acceptSocket, holdConnect } from './internal/connections.js';
import { guardMiddleware, middlewareList } from './internal/middleware.js';
import { createReport } from './internal/report.js';
import type { Report } from './internal/report.js';
import { dropSlowConsumer, queuedBytes } from './internal/backpressure.js';
import { DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_NAMESPACE, isOriginAllowed } from './options.js';
import type { SocketIOTransportOptions } from './options.js';
import { setUpServer } from './server.js';

/** The socket.io transport: a {@link Transport} with socket.io types and a few extras. */
export interface SocketIOTransport extends Transport {
  readonly name: 'socket.io';
  /** The namespace name, e.g. `/chat-service`. */
  readonly namespace: string;
  /** The port the HTTP server listens on, once it listens (handy with `port: 0`). */
  readonly port: number | undefined;
  /** The socket.io server (the given one when `io` was passed), at your own risk. */
  getServer(): Server;
  /** The socket.io socket of a local connection, at your own risk. */
  getSocket(socketId: string): Socket | undefined;
}

/** socket.io-parser's `PacketType.EVENT`, the packet type of an event (part of the socket.io protocol). */
const EVENT_PACKET = 2;

/** The event names socket.io refuses to emit, as its own `emit` does (they mean something to its clients). */
const RESERVED_EVENTS: ReadonlySet<string> = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

class SocketIOTransportImpl implements SocketIOTransport {
  readonly name = 'socket.io';
  readonly namespace: string;
  readonly #options: SocketIOTransportOptions;
  readonly #io: Server;
  readonly #listen: (() => Promise<void>) | undefined;
  readonly #report: Report;
  readonly #maxBuffered: number;
  #nsp: Namespace | undefined;
  #attached = false;
  #closing: Promise<void> | undefined;

  constructor(options: SocketIOTransportOptions) {
    this.#options = options;
    const namespace = options.namespace ?? DEFAULT_NAMESPACE;
    this.namespace = namespace.startsWith('/') ? namespace : `/${namespace}`;
    const setup = setUpServer(options);
    this.#io = setup.io;
    this.#listen = setup.listen;
    this.#report = createReport(options.logger);
    const max = options.maxBufferedBytes;
    this.#maxBuffered = max === undefined ? DEFAULT_MAX_BUFFERED_BYTES : max === false || !Number.isFinite(max) || max < 0 ? 0 : max;
  }

  get port(): number | undefined {
    // Undefined until the server is attached to an HTTP server, whatever its type says.
    const http = this.#io.httpServer as { address(): unknown } | undefined;
    const address = http?.address();
    return typeof address === 'object' && address !== null ? (address as { port: number }).port : undefined;
  }

  async attach(host: TransportHost): Promise<void> {
    if (this.#attached) throw new Error('[transport-socketio] attach() was already called');
    if (this.#closing) throw new Error('[transport-socketio] the transport is closed');
    this.#attached = true;
    const nsp = this.#io.of(this.namespace);
    this.#nsp = nsp;
    nsp.use((_socket, next) => { next(this.#closing ? new Error('server is closing') : undefined); });
    const allowed = this.#options.allowedOrigins;
    // A server the transport created checks origins at the engine.io handshake already; a given `io` is checked here.
    if (allowed && this.#options.io) {
      nsp.use((socket, next) => { next(isOriginAllowed(socket.handshake.headers.origin, allowed) ? undefined : new Error('origin not allowed')); });
    }
    for (const middleware of middlewareList(this.#options.middleware)) nsp.use(guardMiddleware(middleware));
    nsp.use((socket, next) => { holdConnect(socket); next(); });
    nsp.on('connection', (socket) => {
      if (this.#closing) socket.disconnect();
      else acceptSocket(host, socket, this.#report);
    });
    await this.#listen?.();
  }

  getSocket(socketId: string): Socket | undefined {
    return this.#nsp?.sockets.get(socketId);
  }

  async joinChannel(socketId: string, channel: string): Promise<void> {
    const socket = this.getSocket(socketId);
    if (!socket) throw new ChatServiceError('invalidSocket', socketId);
    await socket.join(channel);
  }

  /** Leaves a channel; a socket that is not connected here has left every channel already, so that is a no-op. */
  async leaveChannel(socketId: string, channel: string): Promise<void> {
    await this.getSocket(socketId)?.leave(channel);
  }

  send(socketId: string, event: string, args: readonly unknown[]): void {
    const socket = this.getSocket(socketId);
    if (!socket) return;
    try {
      socket.emit(event, ...args);
    } catch (error) {
      this.#report(error, { socketId, event }, 'send failed');
    }
    this.#checkQueue(socket);
  }

  /** Disconnects a slow consumer: more than `maxBufferedBytes` queued for it. */
  #checkQueue(socket: Socket): void {
    if (this.#maxBuffered === 0 || queuedBytes(socket) <= this.#maxBuffered) return;
    this.#report(new Error('slow consumer: send buffer limit exceeded'), { socketId: socket.id }, 'slow consumer disconnected');
    dropSlowConsumer(socket);
  }

  // The adapter's broadcast encodes the packet once for every recipient.
  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void {
    const nsp = this.#nsp;
    if (!nsp) return;
    try {
      if (RESERVED_EVENTS.has(event)) throw new Error(`"${event}" is a reserved event name`);
      // What `nsp.local.to(channel).except(exceptId).emit(event, ...args)` hands the adapter, without the three
      // broadcast operators it builds on the way. Local sockets only: the core fans out to other instances through its bus.
      nsp.adapter.broadcast(
        { type: EVENT_PACKET, data: [event, ...args] },
        { rooms: new Set([channel]), except: exceptId === undefined ? new Set() : new Set([exceptId]), flags: { local: true } },
      );
    } catch (error) {
      this.#report(error, { channel, event }, 'emitToChannel failed');
    }
    if (this.#maxBuffered === 0) return;
    for (const socketId of nsp.adapter.rooms.get(channel) ?? []) {
      const socket = nsp.sockets.get(socketId);
      if (socket) this.#checkQueue(socket);
    }
  }

  /** Disconnects a socket; its DISCONNECT packet is queued behind what was sent to it (loginRejected). */
  disconnect(socketId: string): void {
    this.getSocket(socketId)?.disconnect();
  }

  getServer(): Server {
    return this.#io;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const socket of [...(this.#nsp?.sockets.values() ?? [])]) socket.disconnect();
    await closeIo(this.#io);
  }
}

/**
 * Creates the socket.io 4 transport. Without `io` or `http` it owns an HTTP
 * server that starts listening in `attach()`.
 *
 * @example
 * ```ts
 * const transport = createSocketIOTransport({ port: 0 });
 * await transport.attach(host);
 * const url = `ws://localhost:${transport.port}/chat-service`;
 * ```
 */
export function createSocketIOTransport(options: SocketIOTransportOptions = {}): SocketIOTransport {
  return new SocketIOTransportImpl(options);
}
