/**
 * `service.transport`, the reference's public view of the transports: one
 * object over every transport of the instance, routing per socket, with
 * `emitToChannel` fanned out through the bus. As in the reference, the core
 * calls its join, leave, socket and disconnect methods, so wrapping one
 * (fault injection, instrumentation) affects the service; the core's own
 * notifications do not pass here (they go through `Routing`).
 *
 * @module
 */
import { ChatServiceError } from './errors.js';
import type { HandshakeData, Transport } from './ports.js';
import type { Routing } from './routing.js';
import { bindHandler, handshakeDataOf, nativeSocketOf } from './local-sockets.js';
import type { ConnectionState, CustomHandler } from './local-sockets.js';

/** What the facade needs from the service. */
export interface FacadeHost {
  readonly transports: readonly Transport[];
  /** A local socket: its transport and connection state. */
  socketOf(id: string): (ConnectionState & { readonly transport: Transport }) | undefined;
  /** Runs (or joins) the disconnect cleanup of a local socket. */
  cleanup(id: string): Promise<void>;
  /** The client form of an error (`useRawErrorObjects`). */
  wireError(error: unknown): unknown;
  /** The fan-out of `emitToChannel` and `sendToChannel`. */
  readonly routing: Pick<Routing, 'fanout'>;
}

/** The reference's `service.transport` object. */
export class TransportFacade {
  #host: FacadeHost;

  /** A view over `host`'s transports and local sockets. */
  constructor(host: FacadeHost) {
    this.#host = host;
  }

  /** `{isConnected, query, headers}` of a local socket; `isConnected: false` when unknown. */
  getHandshakeData(id: string): HandshakeData {
    return handshakeDataOf(this.#host.socketOf(id));
  }

  /** The first transport's server object (the socket.io `Server` for socket.io). */
  getServer(): unknown {
    return this.#host.transports[0]?.getServer?.();
  }

  /** The native socket of a local connection, or undefined. */
  getSocket(id: string): unknown {
    return nativeSocketOf(this.#host.socketOf(id));
  }

  /** Joins a local socket to a channel; `invalidSocket` when it is not connected here. */
  async joinChannel(id: string, channel: string): Promise<void> {
    const transport = this.#host.socketOf(id)?.transport;
    if (!transport || !this.getSocket(id)) throw new ChatServiceError('invalidSocket', id);
    await transport.joinChannel(id, channel);
  }

  /** Removes a local socket from a channel (a socket that is gone has left already). */
  async leaveChannel(id: string, channel: string): Promise<void> {
    const socket = this.#host.socketOf(id);
    if (socket && !socket.gone) await socket.transport.leaveChannel(id, channel);
  }

  /** Emits `event(...args)` to a channel on every instance (over the bus's global topic; a user's channel over the user's topic). */
  emitToChannel(channel: string, event: string, ...args: unknown[]): void {
    this.#host.routing.fanout(channel, event, args);
  }

  /** Emits `event(...args)` to a channel on every instance, except one socket. */
  sendToChannel(exceptId: string, channel: string, event: string, ...args: unknown[]): void {
    this.#host.routing.fanout(channel, event, args, exceptId);
  }

  /** Sends loginRejected to a local socket and disconnects it (after that notification). */
  rejectLogin(id: string, error: unknown): void {
    const transport = this.#host.socketOf(id)?.transport;
    if (!transport) return;
    transport.send(id, 'loginRejected', [this.#host.wireError(error)]);
    transport.disconnect(id, 'loginRejected');
  }

  /** Disconnects a local socket; resolves once its disconnect cleanup is done. */
  async disconnectSocket(id: string): Promise<void> {
    const socket = this.#host.socketOf(id);
    if (!socket) return;
    socket.transport.disconnect(id, 'server');
    await this.#host.cleanup(id);
  }

  /** Binds a custom ack-able event handler on a local socket. */
  bindHandler(id: string, event: string, handler: CustomHandler): void {
    bindHandler(this.#host.socketOf(id), event, handler);
  }

  /** Closes every transport. */
  async close(): Promise<void> {
    const results = await Promise.allSettled(this.#host.transports.map((t) => t.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
