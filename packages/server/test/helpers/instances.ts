/**
 * Multi-instance test groups: several `ChatService` instances (in this
 * process, or one in a child process) on one Redis or Redis Cluster under a
 * random key prefix shared by the instances of one test, with real socket.io
 * and ws clients. Every client, instance and child process is closed by the
 * group's `afterEach`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestClient } from '@chat-service/core/testing';
import type { Server } from 'socket.io';
import { afterEach, beforeEach, inject } from 'vitest';
import { closeAllClients, connectSocketIO } from '@chat-service/test-support/socketio-client';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import type {} from '@chat-service/test-support/global-setup';
import { ChatService } from '../../src/index.js';
import type { ChatServiceOptions, Hooks } from '../../src/index.js';

/** Where the shared state lives: the single node or the cluster started by the global setup. */
export interface Backend {
  readonly name: string;
  /** The `stateOptions` of `state: 'redis'` for a key prefix. */
  stateOptions(prefix: string): Record<string, unknown>;
}

/** The single Redis node and the six-node Redis Cluster; every multi-instance scenario runs on both. */
export const BACKENDS: readonly [single: Backend, cluster: Backend] = [
  { name: 'single Redis', stateOptions: (prefix) => ({ url: inject('redisUrl'), prefix }) },
  { name: 'Redis Cluster', stateOptions: (prefix) => ({ clusterNodes: inject('redisClusterNodes'), prefix }) },
];

/** Which client library connects. */
export type Via = 'socket.io' | 'ws';

/** The tests' `onConnect`: the user name is the `user` query parameter. */
export const AUTH: Hooks<ChatService> = { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] };

/** A running instance reachable at `port` (socket.io and ws share it). */
export interface Instance {
  readonly service: ChatService;
  readonly port: number;
  /** Connects a user and waits for `loginConfirmed`; throws on `loginRejected`. */
  connect(user: string, via?: Via): Promise<TestClient>;
}

/** An instance running in a child process, on the built packages. */
export interface ChildInstance {
  readonly port: number;
  readonly instanceUID: string;
  readonly process: ChildProcess;
  connect(user: string, via?: Via): Promise<TestClient>;
  /** Sends SIGKILL and waits for the process to exit. */
  kill(): Promise<void>;
}

const FIXTURE = fileURLToPath(new URL('../fixtures/instance-process.mjs', import.meta.url));

/** Connects a real client to `127.0.0.1:port`. */
export async function connectTo(port: number, user: string, via: Via = 'socket.io'): Promise<TestClient> {
  const { client, login } =
    via === 'ws'
      ? await connectWs(`ws://127.0.0.1:${String(port)}/chat-service`, user)
      : await connectSocketIO(`http://127.0.0.1:${String(port)}`, user);
  if (login[0] !== 'loginConfirmed') {
    await client.close();
    throw new Error(`login of ${user} rejected: ${JSON.stringify(login[1])}`);
  }
  return client;
}

function portOf(service: ChatService): number {
  const io = service.transport.getServer() as Server;
  return (io.httpServer.address() as AddressInfo).port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
}

/** Reads the child's first stdout line (`{port, instanceUID}`); rejects if it exits first or is too slow. */
function readAnnouncement(child: ChildProcess, timeoutMs: number): Promise<{ port: number; instanceUID: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    const fail = (why: string): void => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`instance process ${why}${stderr ? `:\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`did not start within ${String(timeoutMs)} ms`);
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      fail(`exited (${String(code ?? signal)}) before announcing its port`);
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        const parsed = JSON.parse(line) as { port?: unknown; instanceUID?: unknown };
        if (typeof parsed.port !== 'number' || typeof parsed.instanceUID !== 'string') throw new Error('bad shape');
        resolve({ port: parsed.port, instanceUID: parsed.instanceUID });
      } catch {
        reject(new Error(`instance process printed ${line}`));
      }
    });
  });
}

/** The instances of one test; see {@link useInstances}. */
export class InstanceGroup {
  readonly backend: Backend;
  #prefix = '';
  #services: ChatService[] = [];
  #children: ChildProcess[] = [];

  constructor(backend: Backend) {
    this.backend = backend;
  }

  /** This test's key prefix. */
  get prefix(): string {
    return this.#prefix;
  }

  /** The `stateOptions` every instance of this test uses. */
  get stateOptions(): Record<string, unknown> {
    return this.backend.stateOptions(this.#prefix);
  }

  /** A fresh prefix for the next test. */
  reset(): void {
    this.#prefix = `mi${Math.random().toString(36).slice(2, 10)}`;
  }

  /** Starts an in-process instance on port 0 with socket.io and ws on one port. */
  async start(options: ChatServiceOptions = {}, hooks: Hooks<ChatService> = AUTH): Promise<Instance> {
    const service = new ChatService(
      { transport: ['socket.io', 'ws'], ...options, port: 0, state: 'redis', stateOptions: this.stateOptions },
      hooks,
    );
    this.#services.push(service);
    await service.whenReady();
    const port = portOf(service);
    return { service, port, connect: (user, via) => connectTo(port, user, via) };
  }

  /** Starts an instance in a child process (plain node on the built `@chat-service/server`). */
  async spawn(options: ChatServiceOptions = {}): Promise<ChildInstance> {
    const config = JSON.stringify({ stateOptions: this.stateOptions, options });
    const child = spawn(process.execPath, [FIXTURE, config], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#children.push(child);
    const { port, instanceUID } = await readAnnouncement(child, 15_000);
    return {
      port,
      instanceUID,
      process: child,
      connect: (user, via) => connectTo(port, user, via),
      kill: async () => {
        child.kill('SIGKILL');
        await exited(child);
      },
    };
  }

  /** Closes every client, instance and child process of the test. */
  async closeAll(): Promise<void> {
    await closeAllClients();
    await closeAllWsClients();
    const services = this.#services.splice(0);
    const children = this.#children.splice(0);
    for (const child of children) child.kill('SIGKILL');
    await Promise.allSettled([...services.map((s) => s.close()), ...children.map(exited)]);
  }
}

/** A group whose prefix is renewed before each test and which is emptied after each test. */
export function useInstances(backend: Backend): InstanceGroup {
  const group = new InstanceGroup(backend);
  beforeEach(() => {
    group.reset();
  });
  afterEach(() => group.closeAll());
  return group;
}

/** The args of the next `event` on a service's cluster bus; rejects after `timeoutMs`. */
export function nextBusEvent(service: ChatService, event: string, timeoutMs = 3000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      clearTimeout(timer);
      service.clusterBus.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      service.clusterBus.off(event, listener);
      reject(new Error(`timeout waiting for bus event "${event}" after ${String(timeoutMs)} ms`));
    }, timeoutMs);
    service.clusterBus.on(event, listener);
  });
}

/** A room's userlist, sorted, read with a bypass server-side command (any instance may serve it). */
export async function userlistOf(service: ChatService, room: string): Promise<string[]> {
  const [list] = (await service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')) as [string[]];
  return [...list].sort();
}

/** A user's `listOwnSockets` result, read server-side. */
export async function ownSocketsOf(service: ChatService, user: string): Promise<Record<string, string[]>> {
  const [sockets] = (await service.execUserCommand(user, 'listOwnSockets')) as [Record<string, string[]>];
  return sockets;
}

/** Sorted, for order-insensitive list comparisons. */
export function sorted(values: unknown): unknown {
  return Array.isArray(values) ? [...(values as unknown[])].sort() : values;
}
