import type { Server as HttpServer } from 'node:http';
import { ChatServiceError, toWireError } from '@chat-service/core';
import type { CommandReply, TransportHost } from '@chat-service/core';
import { afterEach } from 'vitest';
import { closeAllWsClients } from '../../../test/clients/ws-client.js';
import { createWsTransport } from '../src/index.js';
import type { WsTransport, WsTransportOptions } from '../src/index.js';

/** A fake core: logs connections and disconnects, logs in `?user=` and answers a few test commands. */
export interface FakeHost extends TransportHost {
  readonly connections: string[];
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
  return { error: null, results };
}

async function answer(transport: WsTransport, socketId: string, name: string, args: unknown[]): Promise<CommandReply | null> {
  switch (name) {
    case 'echo':
      return ok(args[0]);
    case 'multi':
      return ok(...args);
    case 'nothing':
      return ok();
    case 'noRoom':
      return { error: new ChatServiceError('noRoom', args[0]) };
    case 'badArgument':
      return { error: new ChatServiceError('badArgument', 0, args[0]) };
    case 'noCommand':
      return { error: new ChatServiceError('noCommand', args[0]) };
    case 'crash':
      return { error: new Error('boom') };
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
    case 'inspect':
      return ok(describe(args[0]));
    case 'kickMe':
      await transport.disconnectSocket(socketId);
      return ok(null);
    default:
      return null;
  }
}

/** Creates the fake core for `transport`. */
export function createFakeHost(getTransport: () => WsTransport): FakeHost {
  const loggedIn = new Set<string>();
  const host: FakeHost = {
    connections: [],
    disconnects: [],
    cleaned: [],
    disconnectDelayMs: 0,
    users: new Map(),
    connection(socketId) {
      host.connections.push(socketId);
      const transport = getTransport();
      const user = transport.getHandshakeData(socketId).query['user'];
      if (typeof user !== 'string' || user === '' || user === 'reject') {
        transport.rejectLogin(socketId, new ChatServiceError('noLogin'));
        return;
      }
      if (user === 'pending') return; // never confirmed: for "not logged in" tests
      transport.bindHandler(socketId, 'customEcho', (...args) => Promise.resolve(args));
      transport.bindHandler(socketId, 'customValue', (arg) => Promise.resolve(arg));
      transport.bindHandler(socketId, 'customFail', () => Promise.reject(new ChatServiceError('notAllowed')));
      void transport.joinChannel(socketId, 'all').then(() => {
        loggedIn.add(socketId);
        host.users.set(user, socketId);
        transport.send(socketId, 'loginConfirmed', [user, { id: socketId }]);
      });
    },
    command(socketId, name, args) {
      if (!loggedIn.has(socketId)) return Promise.resolve(null);
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
