import type { TransportHost } from '@chat-service/core';
import type { Socket } from 'socket.io';
import type { Report } from './report.js';
import { guarded } from './report.js';
import { routePacket } from './router.js';
import type { CustomHandler, RouterContext } from './router.js';

/**
 * The local sockets of a transport, their custom handlers, and the host's
 * pending disconnect cleanups.
 */
export class Connections {
  readonly #sockets = new Map<string, Socket>();
  readonly #handlers = new Map<string, Map<string, CustomHandler>>();
  readonly #cleanups = new Map<string, Promise<void>>();
  readonly #report: Report;

  constructor(report: Report) {
    this.#report = report;
  }

  /**
   * Takes a new socket: every event (with its ack) goes through a socket
   * middleware to a custom handler or `host.command`. The middleware never
   * calls `next()`, so socket.io's own listeners never see client events.
   * A disconnect goes to `host.disconnect`. Then `host.connection` is told.
   */
  add(host: TransportHost, socket: Socket): void {
    const socketId = socket.id;
    this.#sockets.set(socketId, socket);
    const router: RouterContext = {
      host,
      handlerFor: (id, event) => this.#handlers.get(id)?.get(event),
      report: this.#report,
    };
    socket.use((packet) => {
      routePacket(router, socketId, packet).catch((error: unknown) =>
        this.#report(error, { socketId }, 'routing failed'),
      );
    });
    socket.on('error', (error) => this.#report(error, { socketId }, 'socket error'));
    socket.on('disconnect', () => this.#onDisconnect(host, socketId));
    guarded(this.#report, { socketId }, () => host.connection(socketId), 'host.connection failed');
  }

  /** The socket, if it is connected here. */
  connected(socketId: string): Socket | undefined {
    const socket = this.#sockets.get(socketId);
    return socket?.connected ? socket : undefined;
  }

  /** Every tracked socket. */
  all(): Socket[] {
    return [...this.#sockets.values()];
  }

  /** Binds a custom event handler on a connected socket; ignored for any other. */
  bind(socketId: string, event: string, handler: CustomHandler): void {
    if (!this.connected(socketId)) return;
    let handlers = this.#handlers.get(socketId);
    if (!handlers) this.#handlers.set(socketId, (handlers = new Map<string, CustomHandler>()));
    handlers.set(event, handler);
  }

  /** The host's pending disconnect cleanup of a socket, if any. */
  cleanupOf(socketId: string): Promise<void> | undefined {
    return this.#cleanups.get(socketId);
  }

  /** Resolves when every pending disconnect cleanup has settled. */
  async settled(): Promise<void> {
    await Promise.all(this.#cleanups.values());
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
}
