/**
 * A fake TransportHost and server/client bookkeeping for the transport tests.
 */
import { ChatServiceError, toWireError } from '@chat-service/core';
import type { CommandReply, Handshake, IncomingConnection, Logger, TransportHost } from '@chat-service/core';
import { io as ioClient } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { vi } from 'vitest';
import { closeAllClients } from '@chat-service/test-support/socketio-client';
import { createSocketIOTransport } from '../src/index.js';
import type { SocketIOTransport, SocketIOTransportOptions } from '../src/index.js';

/** One command the host received. */
export interface ReceivedCommand {
  socketId: string;
  name: string;
  args: unknown[];
}

/** A promise with its resolver, to hold the host's cleanup. */
export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Logs in every connection (`loginConfirmed(user, {id})`) except user `lazy`
 * (never confirmed) and `reject` (loginRejected noLogin, then a disconnect).
 * Commands of confirmed sockets: `echo` (args as results), `none`, `undef`,
 * `fail` (noRoom), `boom` (a plain Error), `cyclic` (an unencodable result),
 * `notify` (sends `note` with its args to the socket, then echoes them),
 * `notifyRoom` (the same through channel `room`), `notifyLater` (`notify`
 * after two turns of the event loop, as a command that waits for Redis),
 * `notifyThenWait` (sends `note`, then waits for {@link FakeHost.gate});
 * anything else is dropped.
 */
export class FakeHost implements TransportHost {
  raw = false;
  readonly connections: string[] = [];
  readonly handshakes = new Map<string, Handshake>();
  readonly disconnects: string[] = [];
  readonly cleaned: string[] = [];
  readonly commands: ReceivedCommand[] = [];
  readonly confirmed = new Set<string>();
  /** When set, host.disconnect waits for it. */
  hold: Deferred | undefined;
  /** When set, command `notifyThenWait` waits for it before it answers. */
  gate: Deferred | undefined;
  readonly #transport: SocketIOTransport;

  constructor(transport: SocketIOTransport) {
    this.#transport = transport;
  }

  connection({ id, handshake }: IncomingConnection): void {
    this.connections.push(id);
    this.handshakes.set(id, handshake);
    const user = handshake.query['user'];
    if (user === 'lazy') return;
    if (user === 'reject') {
      this.#transport.send(id, 'loginRejected', [this.wireError(new ChatServiceError('noLogin'))]);
      this.#transport.disconnect(id, 'loginRejected');
      return;
    }
    this.confirmed.add(id);
    this.#transport.send(id, 'loginConfirmed', [user ?? 'anonymous', { id }]);
  }

  /** The id of the confirmed socket of `user`. */
  idOf(user: string): string {
    return [...this.confirmed].find((id) => this.handshakes.get(id)?.query['user'] === user) ?? '';
  }

  async command(socketId: string, name: string, args: unknown[]): Promise<CommandReply> {
    this.commands.push({ socketId, name, args });
    const loggedIn = this.confirmed.has(socketId);
    if (!loggedIn) return { kind: 'dropped', loggedIn };
    await Promise.resolve();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    switch (name) {
      case 'echo':
        return { kind: 'result', results: args };
      case 'none':
        return { kind: 'result', results: [] };
      case 'undef':
        return { kind: 'result', results: [undefined, 'x'] };
      case 'fail':
        return this.#error(new ChatServiceError('noRoom', args[0]));
      case 'boom':
        return this.#error(new Error('boom'));
      case 'cyclic':
        return { kind: 'result', results: [cyclic] };
      case 'notify':
        this.#transport.send(socketId, 'note', args);
        return { kind: 'result', results: args };
      case 'notifyLater':
        for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
        this.#transport.send(socketId, 'note', args);
        return { kind: 'result', results: args };
      case 'notifyRoom':
        this.#transport.emitToChannel('room', 'note', args);
        return { kind: 'result', results: args };
      case 'notifyThenWait':
        this.#transport.send(socketId, 'note', args);
        await this.gate?.promise;
        return { kind: 'result', results: args };
      default:
        return { kind: 'dropped', loggedIn };
    }
  }

  #error(error: unknown): CommandReply {
    return { kind: 'error', error, wireError: this.wireError(error) };
  }

  async disconnect(socketId: string): Promise<void> {
    this.disconnects.push(socketId);
    this.confirmed.delete(socketId);
    await this.hold?.promise;
    this.cleaned.push(socketId);
  }

  wireError(error: unknown): unknown {
    return toWireError(error, this.raw);
  }
}

const servers: SocketIOTransport[] = [];
const rawSockets: ClientSocket[] = [];
const extraCleanups: (() => Promise<void>)[] = [];

/** A started transport with its fake host and URL. */
export interface Started {
  transport: SocketIOTransport;
  host: FakeHost;
  url: string;
  logger: Record<keyof Logger, ReturnType<typeof vi.fn>>;
}

/** Creates a transport (own server on port 0 unless `io`/`http` is given), attaches a FakeHost. */
export async function startTransport(options: SocketIOTransportOptions = {}): Promise<Started> {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const transport = createSocketIOTransport({ port: 0, logger, ...options });
  servers.push(transport);
  const host = new FakeHost(transport);
  await transport.attach(host);
  return {
    transport,
    host,
    url: `http://localhost:${transport.port ?? 0}`,
    logger,
  };
}

/** Registers a cleanup to run after the test. */
export function onCleanup(cleanup: () => Promise<void>): void {
  extraCleanups.push(cleanup);
}

/** A bare socket.io-client socket (no login wait), closed after the test. */
export function rawSocket(url: string, query?: Record<string, string>): ClientSocket {
  const socket = ioClient(url, {
    ...(query ? { query } : {}),
    multiplex: false,
    reconnection: false,
    transports: ['websocket'],
    forceNew: true,
  });
  rawSockets.push(socket);
  return socket;
}

/** Resolves on the socket's `connect`, rejects on `connect_error`. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
    });
    socket.once('connect_error', reject);
  });
}

/** Closes every client, then every transport and extra resource of the test. */
export async function cleanup(): Promise<void> {
  await closeAllClients();
  for (const socket of rawSockets.splice(0)) socket.disconnect();
  const all = [...servers.splice(0).map((t) => () => t.close()), ...extraCleanups.splice(0)];
  await Promise.allSettled(all.map((close) => close()));
}
