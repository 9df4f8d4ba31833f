/**
 * The socket.io 4 transport: the reference protocol (commands as events with
 * acks, notifications as events) on one namespace.
 *
 * @module
 */
import { ChatServiceError } from '@chat-service/core';
import type { HandshakeData, Transport, TransportHost } from '@chat-service/core';
import type { Namespace, Server, Socket } from 'socket.io';
import { closeIo } from './internal/close.js';
import { guardMiddleware, middlewareList } from './internal/middleware.js';
import { routePacket } from './internal/router.js';
import type { CustomHandler, RouterContext } from './internal/router.js';
import { DEFAULT_NAMESPACE } from './options.js';
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

const NOT_CONNECTED: HandshakeData = Object.freeze({ isConnected: false, query: {}, headers: {} });

class SocketIOTransportImpl implements SocketIOTransport {
  readonly name = 'socket.io';
  readonly namespace: string;
  readonly #options: SocketIOTransportOptions;
  readonly #io: Server;
  readonly #listen: (() => Promise<void>) | undefined;
  readonly #sockets = new Map<string, Socket>();
  readonly #handlers = new Map<string, Map<string, CustomHandler>>();
  readonly #cleanups = new Map<string, Promise<void>>();
  #nsp: Namespace | undefined;
  #host: TransportHost | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: SocketIOTransportOptions) {
    this.#options = options;
    const namespace = options.namespace ?? DEFAULT_NAMESPACE;
    this.namespace = namespace.startsWith('/') ? namespace : `/${namespace}`;
    const setup = setUpServer(options);
    this.#io = setup.io;
    this.#listen = setup.listen;
  }

  get port(): number | undefined {
    const http: { address(): unknown } | undefined = this.#io.httpServer;
    const address = http?.address();
    return typeof address === 'object' && address !== null ? (address as { port: number }).port : undefined;
  }

  async attach(host: TransportHost): Promise<void> {
    if (this.#host) throw new Error('[transport-socketio] attach() was already called');
    if (this.#closing) throw new Error('[transport-socketio] the transport is closed');
    this.#host = host;
    const nsp = this.#io.of(this.namespace);
    this.#nsp = nsp;
    nsp.use((_socket, next) => next(this.#closing ? new Error('server is closing') : undefined));
    for (const middleware of middlewareList(this.#options.middleware)) nsp.use(guardMiddleware(middleware));
    nsp.on('connection', (socket) => this.#onConnection(host, socket));
    await this.#listen?.();
  }

  getHandshakeData(socketId: string): HandshakeData {
    const socket = this.#connected(socketId);
    if (!socket) return { ...NOT_CONNECTED, query: {}, headers: {} };
    const { query, headers, address } = socket.handshake;
    return { isConnected: true, query: { ...query }, headers: { ...headers }, address };
  }

  getSocket(socketId: string): Socket | undefined {
    return this.#sockets.get(socketId);
  }

  hasSocket(socketId: string): boolean {
    return this.#connected(socketId) !== undefined;
  }

  async joinChannel(socketId: string, channel: string): Promise<void> {
    const socket = this.#connected(socketId);
    if (!socket) throw new ChatServiceError('invalidSocket', socketId);
    await socket.join(channel);
  }

  /** Leaves a channel; a socket that is not connected here has left every channel already, so that is a no-op. */
  async leaveChannel(socketId: string, channel: string): Promise<void> {
    await this.#connected(socketId)?.leave(channel);
  }

  send(socketId: string, event: string, args: readonly unknown[]): void {
    const socket = this.#connected(socketId);
    if (!socket) return;
    this.#guard({ socketId, event }, () => socket.emit(event, ...args));
  }

  emitToChannel(channel: string, event: string, args: readonly unknown[], exceptId?: string): void {
    const nsp = this.#nsp;
    if (!nsp) return;
    // Local sockets only: the core fans out to other instances through its bus.
    const target = nsp.local.to(channel);
    this.#guard({ channel, event }, () => (exceptId === undefined ? target : target.except(exceptId)).emit(event, ...args));
  }

  rejectLogin(socketId: string, error: unknown): void {
    const socket = this.#connected(socketId);
    const host = this.#host;
    if (!socket || !host) return;
    this.#guard({ socketId, event: 'loginRejected' }, () => socket.emit('loginRejected', host.wireError(error)));
    // The DISCONNECT packet is queued behind loginRejected on the same connection.
    socket.disconnect();
  }

  async disconnectSocket(socketId: string): Promise<void> {
    this.#connected(socketId)?.disconnect();
    await this.#cleanups.get(socketId);
  }

  bindHandler(socketId: string, event: string, handler: (...args: unknown[]) => unknown): void {
    if (!this.#connected(socketId)) return;
    let handlers = this.#handlers.get(socketId);
    if (!handlers) this.#handlers.set(socketId, (handlers = new Map()));
    handlers.set(event, handler);
  }

  getServer(): Server {
    return this.#io;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  // --- internals ---

  async #close(): Promise<void> {
    const sockets = new Set([...this.#sockets.values(), ...(this.#nsp?.sockets.values() ?? [])]);
    for (const socket of sockets) socket.disconnect();
    await this.#settleCleanups();
    await closeIo(this.#io);
    await this.#settleCleanups();
  }

  async #settleCleanups(): Promise<void> {
    await Promise.all(this.#cleanups.values());
  }

  #connected(socketId: string): Socket | undefined {
    const socket = this.#sockets.get(socketId);
    return socket?.connected ? socket : undefined;
  }

  #onConnection(host: TransportHost, socket: Socket): void {
    if (this.#closing) {
      socket.disconnect();
      return;
    }
    const socketId = socket.id;
    this.#sockets.set(socketId, socket);
    const router: RouterContext = {
      host,
      handlerFor: (id, event) => this.#handlers.get(id)?.get(event),
      report: (error, context, message) => this.#report(error, context, message),
    };
    // Every event with its ack goes through this middleware. It never calls next(), so nothing
    // reaches socket.io's own dispatch (a client-sent 'error' event would throw there).
    socket.use((packet) => {
      routePacket(router, socketId, packet).catch((error: unknown) => this.#report(error, { socketId }, 'routing failed'));
    });
    socket.on('error', (error) => this.#report(error, { socketId }, 'socket error'));
    socket.on('disconnect', () => this.#onDisconnect(host, socketId));
    this.#guard({ socketId }, () => host.connection(socketId), 'host.connection failed');
  }

  #onDisconnect(host: TransportHost, socketId: string): void {
    this.#sockets.delete(socketId);
    this.#handlers.delete(socketId);
    let cleanup: Promise<void>;
    try {
      cleanup = Promise.resolve(host.disconnect(socketId));
    } catch (error) {
      cleanup = Promise.reject(error);
    }
    const settled: Promise<void> = cleanup
      .catch((error: unknown) => this.#report(error, { socketId }, 'host.disconnect failed'))
      .finally(() => {
        if (this.#cleanups.get(socketId) === settled) this.#cleanups.delete(socketId);
      });
    this.#cleanups.set(socketId, settled);
  }

  #guard(context: Record<string, unknown>, action: () => unknown, message = 'emit failed'): void {
    try {
      action();
    } catch (error) {
      this.#report(error, context, message);
    }
  }

  #report(error: unknown, context: Record<string, unknown>, message: string): void {
    try {
      this.#options.logger?.error({ err: error, transport: this.name, ...context }, `[transport-socketio] ${message}`);
    } catch {
      // A failing logger must not take the transport down.
    }
  }
}

/**
 * Creates the socket.io 4 transport.
 *
 * @example
 * ```ts
 * const transport = createSocketIOTransport({ port: 0 });
 * await transport.attach(host);
 * console.log(`ws://localhost:${transport.port}/chat-service`);
 * ```
 */
export function createSocketIOTransport(options: SocketIOTransportOptions = {}): SocketIOTransport {
  return new SocketIOTransportImpl(options);
}
