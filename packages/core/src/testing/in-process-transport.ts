/**
 * A transport without a network: clients live in the same process and talk
 * to the service like real ones. For unit tests of hooks and permissions.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { replyAckArgs } from '../command-replies.js';
import type { Handshake, Transport, TransportHost } from '../ports.js';
import { EventQueue } from './event-queue.js';
import { loginOutcomeOf, queryParams, socketIdOf } from './test-client.js';
import type { ConnectQuery, Connected, TestClient } from './test-client.js';

interface Peer {
  id: string;
  handshake: Handshake;
  queue: EventQueue;
  channels: Set<string>;
  connected: boolean;
  /** The core's disconnect cleanup, once the peer is gone. */
  cleanup: Promise<void> | undefined;
}

/** Options of {@link createInProcessTransport}. */
export interface InProcessOptions {
  /** Deliver every frame after a macrotask, like a network would. @default true */
  async?: boolean;
}

/** The in-process transport plus its client factory. */
export interface InProcessTransport extends Transport {
  /** Connects a client; resolves after `loginConfirmed` or `loginRejected`. */
  connect(query?: ConnectQuery, headers?: Record<string, string>): Promise<Connected>;
}

let counter = 0;

/** Arguments as a socket would carry them: structured copies keep Buffers as Buffers. */
function copyArgs(args: readonly unknown[]): unknown[] {
  return args.map((a) => copy(a));
}

function copy(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) Object.defineProperty(out, k, { value: copy(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (value instanceof Error) return String(value);
  return value;
}

/**
 * Creates an in-process transport.
 *
 * @example
 * ```ts
 * const transport = createInProcessTransport();
 * const service = new ChatServiceCore({ store, transports: [transport], hooks });
 * const { client } = await transport.connect('alice');
 * await client.call('roomJoin', 'lobby');
 * ```
 */
export function createInProcessTransport(options: InProcessOptions = {}): InProcessTransport {
  const async = options.async ?? true;
  const peers = new Map<string, Peer>();
  let host: TransportHost | undefined;
  let closed = false;
  const later = (fn: () => void): void => {
    if (async) setImmediate(fn);
    else queueMicrotask(fn);
  };

  const deliver = (peer: Peer, event: string, args: readonly unknown[]): void => {
    const copied = copyArgs(args);
    later(() => {
      peer.queue.push(event, copied);
    });
  };

  // The client sees its disconnect after the core's cleanup, so a test that awaits it sees the cleaned state.
  const drop = (peer: Peer): Promise<void> => {
    if (!peer.connected) return peer.cleanup ?? Promise.resolve();
    peer.connected = false;
    peers.delete(peer.id);
    peer.channels.clear();
    peer.cleanup = (host?.disconnect(peer.id) ?? Promise.resolve()).finally(() => {
      later(() => {
        peer.queue.push('disconnect', []);
      });
    });
    return peer.cleanup;
  };

  const makeClient = (peer: Peer): TestClient => {
    let socketId: string | undefined;
    const client: TestClient = {
      get id() {
        return socketId;
      },
      call: (command, ...args) =>
        new Promise((resolve) => {
          const sent = copyArgs(args);
          later(() => {
            void dispatch(peer, command, sent, (reply) => {
              later(() => {
                resolve(copyArgs(reply));
              });
            });
          });
        }),
      emit: (command, ...args) => {
        const sent = copyArgs(args);
        later(() => void dispatch(peer, command, sent, undefined));
      },
      next: (event, timeoutMs) => peer.queue.next(event, timeoutMs),
      expectNone: (event, ms) => peer.queue.expectNoneFor(event, ms, (command) => client.call(command)),
      disconnected: (timeoutMs) => (peer.connected ? peer.queue.next('disconnect', timeoutMs).then(() => undefined) : Promise.resolve()),
      close: () => drop(peer),
    };
    peer.queue.tap((event, args) => {
      const login = loginOutcomeOf(event, args);
      if (login?.[0] === 'loginConfirmed') socketId = socketIdOf(login);
    });
    return client;
  };

  const dispatch = async (peer: Peer, name: string, args: unknown[], ack: ((reply: unknown[]) => void) | undefined): Promise<void> => {
    if (!peer.connected || !host) return;
    const reply = await host.command(peer.id, name, args);
    const ackArgs = replyAckArgs(reply);
    if (ackArgs && ack) ack(ackArgs);
  };

  const peerOf = (id: string): Peer => {
    const peer = peers.get(id);
    if (!peer) throw new ChatServiceError('invalidSocket', id);
    return peer;
  };

  return {
    name: 'in-process',
    attach(h) {
      host = h;
      return Promise.resolve();
    },
    joinChannel(id, channel) {
      // An unknown socket rejects, as from an async method.
      return new Promise((resolve) => {
        peerOf(id).channels.add(channel);
        resolve();
      });
    },
    leaveChannel(id, channel) {
      peers.get(id)?.channels.delete(channel);
      return Promise.resolve();
    },
    send(id, event, args) {
      const peer = peers.get(id);
      if (peer) deliver(peer, event, args);
    },
    emitToChannel(channel, event, args, exceptId) {
      for (const peer of peers.values()) if (peer.id !== exceptId && peer.channels.has(channel)) deliver(peer, event, args);
    },
    disconnect(id) {
      const peer = peers.get(id);
      if (peer) void drop(peer);
    },
    async close() {
      closed = true;
      await Promise.all([...peers.values()].map((peer) => drop(peer)));
    },
    async connect(query, headers = {}) {
      if (closed || !host) throw new Error('in-process transport is not accepting connections');
      const id = `inproc-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
      const peer: Peer = {
        id,
        handshake: { query: queryParams(query), headers: { ...headers }, address: '127.0.0.1' },
        queue: new EventQueue(),
        channels: new Set(),
        connected: true,
        cleanup: undefined,
      };
      peers.set(id, peer);
      const client = makeClient(peer);
      const login = new Promise<Connected['login']>((resolve) => {
        peer.queue.tap((event, args) => {
          const outcome = loginOutcomeOf(event, args);
          if (outcome) resolve(outcome);
        });
      });
      const h = host;
      later(() => {
        h.connection({ id, handshake: peer.handshake, socket: peer });
      });
      return { client, login: await login };
    },
  };
}
