import type { Server as HttpServer } from 'node:http';
import { ChatServiceError, toWireError } from '@chat-service/core';
import type { CommandReply, Handshake, TransportHost } from '@chat-service/core';
import { afterEach } from 'vitest';
import { closeAllWsClients } from '@chat-service/test-support/ws-client';
import { createWsTransport } from '../src/index.js';
import type { WsTransport, WsTransportOptions } from '../src/index.js';

/** A fake core: logs connections and disconnects, logs in `?user=` and answers a few test commands. */
export interface FakeHost extends TransportHost {
  readonly connections: string[];
  /** The handshakes handed over, by socket id. */
  readonly handshakes: Map<string, Handshake>;
  readonly disconnects: string[];
  /** Disconnects whose (delayed) cleanup finished. */
  readonly cleaned: string[];
  /** How long each disconnect cleanup takes, in ms. */
  disconnectDelayMs: number;
  /** The sockets logged in, by user name. */
  readonly users: Map<string, string>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Describes binary fields so a test can see what the server decoded. */
function describe(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `Buffer(${value.toString('hex')})`;
  if (value instanceof Uint8Array) return 'Uint8Array';
  if (Array.isArray(value)) return value.map(describe);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
  return value;
}

function ok(...results: unknown[]): CommandReply {
  return { kind: 'result', results };
}

function failed(error: unknown): CommandReply {
  return { kind: 'error', error, wireError: toWireError(error, false) };
}

async function answer(transport: WsTransport, socketId: string, name: string, args: unknown[]): Promise<CommandReply> {
  switch (name) {
    case 'echo':
      return ok(args[0]);
    case 'multi':
      return ok(...args);
    case 'nothing':
      return ok();
    case 'noRoom':
      return failed(new ChatServiceError('noRoom', args[0]));
    case 'badArgument':
      return failed(new ChatServiceError('badArgument', 0, args[0]));
    case 'noCommand':
      return failed(new ChatServiceError('noCommand', args[0]));
    case 'crash':
      return failed(new Error('boom'));
    case 'slow':
      await delay(Number(args[0]));
      return ok(args[0]);
    case 'join':
      await transport.joinChannel(socketId, String(args[0]));
      return ok(1);
    case 'broadcast':
      transport.emitToChannel(String(args[0]), 'news', args.slice(1), args[0] === 'all' ? undefined : socketId);
      return ok(null);
    case 'notifyMe':
      transport.send(socketId, 'note', args);
      return ok(null);
    case 'notifyThenSlow':
      transport.send(socketId, 'note', args);
      await delay(Number(args[0]));
      return ok(args[0]);
    case 'inspect':
      return ok(describe(args[0]));
    case 'kickMe':
      transport.disconnect(socketId, 'server');
      return ok(null);
    default:
      return { kind: 'dropped', loggedIn: true };
  }
}

/** Creates the fake core for `transport`. */
export function createFakeHost(getTransport: () => WsTransport): FakeHost {
  const loggedIn = new Set<string>();
  const host: FakeHost = {
    connections: [],
    handshakes: new Map(),
    disconnects: [],
    cleaned: [],
    disconnectDelayMs: 0,
    users: new Map(),
    connection({ id: socketId, handshake }) {
      host.connections.push(socketId);
      host.handshakes.set(socketId, handshake);
      const transport = getTransport();
      const user = handshake.query['user'];
      if (typeof user !== 'string' || user === '' || user === 'reject') {
        transport.send(socketId, 'loginRejected', [toWireError(new ChatServiceError('noLogin'), false)]);
        transport.disconnect(socketId, 'loginRejected');
        return;
      }
      if (user === 'pending') return; // never confirmed: for "not logged in" tests
      void transport.joinChannel(socketId, 'all').then(() => {
        loggedIn.add(socketId);
        host.users.set(user, socketId);
        transport.send(socketId, 'loginConfirmed', [user, { id: socketId }]);
      });
    },
    command(socketId, name, args) {
      if (!loggedIn.has(socketId)) return Promise.resolve({ kind: 'dropped', loggedIn: false });
      return answer(getTransport(), socketId, name, args);
    },
    async disconnect(socketId) {
      host.disconnects.push(socketId);
      loggedIn.delete(socketId);
      if (host.disconnectDelayMs > 0) await delay(host.disconnectDelayMs);
      host.cleaned.push(socketId);
    },
    wireError: (error) => toWireError(error, false),
  };
  return host;
}

/** A started transport with its fake core. */
export interface Started {
  transport: WsTransport;
  host: FakeHost;
  /** `ws://localhost:<port>/chat-service` (or the configured path). */
  url: string;
}

const started: WsTransport[] = [];
const servers: HttpServer[] = [];

/** Starts a transport on its own port-0 server (or on `options.server`); closed after each test. */
export async function startTransport(options: WsTransportOptions = {}): Promise<Started> {
  const transport = createWsTransport({ port: 0, pingInterval: 0, ...options });
  const host = createFakeHost(() => transport);
  await transport.attach(host);
  started.push(transport);
  const path = options.path ?? '/chat-service';
  return { transport, host, url: `ws://127.0.0.1:${String(transport.port)}${path}` };
}

/** Registers a supplied http server for closing after the test. */
export function trackServer(server: HttpServer): HttpServer {
  servers.push(server);
  return server;
}

afterEach(async () => {
  await closeAllWsClients();
  await Promise.all(started.splice(0).map((t) => t.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => {
            resolve();
          });
          s.closeAllConnections();
        }),
    ),
  );
});
