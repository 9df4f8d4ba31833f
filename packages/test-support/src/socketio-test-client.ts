/**
 * The `TestClient` over a socket.io-client socket, one implementation for
 * socket.io-client 4 and 2: what differs between the two (how to see every
 * incoming event, which events refuse a connection, how to close) is given
 * by the version's module. Raw on purpose, see `raw-client.ts`.
 *
 * @module
 */
import { EventQueue, socketIdOf } from '@chat-service/core/testing';
import type { TestClient } from '@chat-service/core/testing';
import { FirstLogin, loggedIn } from './raw-client.js';
import type { LoginOutcome, OpenClients } from './raw-client.js';
import { withTimeout } from './timeout.js';

/** The part of a socket.io-client socket (2 or 4) the shared client uses. */
export interface SocketIOLikeSocket {
  /** The socket.io id, once connected. */
  readonly id: string | undefined;
  /** Sends an event; a function as the last argument is its ack. */
  emit(event: string, ...args: unknown[]): unknown;
  /** Listens for one occurrence of a reserved event (`disconnect`, `connect_error`, …). */
  once(event: string, listener: (reason: unknown) => void): unknown;
  /** Removes a listener. */
  off(event: string, listener: (reason: unknown) => void): unknown;
}

/** What a socket.io-client version brings to {@link SocketIOClientCore}. */
export interface SocketIOVersion {
  /** Calls `onEvent` for every incoming event, before the socket dispatches it. */
  tapEvents(onEvent: (event: string, args: unknown[]) => void): void;
  /** The events that refuse a connection, carrying the reason. */
  refusals: readonly string[];
  /** The registry {@link SocketIOClientCore.close} leaves. */
  registry: OpenClients;
  /** How long `call()` waits for an ack. */
  callTimeoutMs: number;
}

/** A socket.io-client socket as a {@link TestClient}; a version's class adds how it closes. */
export abstract class SocketIOClientCore<S extends SocketIOLikeSocket> implements TestClient {
  /** The underlying socket.io-client socket, for protocol-level tests. */
  readonly socket: S;
  readonly #queue = new EventQueue();
  readonly #login = new FirstLogin();
  readonly #disconnected: Promise<void>;
  readonly #version: SocketIOVersion;
  #id: string | undefined;

  constructor(socket: S, version: SocketIOVersion) {
    this.socket = socket;
    this.#version = version;
    this.#disconnected = new Promise((resolve) =>
      socket.once('disconnect', () => {
        resolve();
      }),
    );
    version.tapEvents((event, args) => {
      if (!this.#login.take(event, args)) this.#queue.push(event, args);
    });
    version.registry.add(this);
  }

  get id(): string | undefined {
    return this.#id;
  }

  /** Records the socket id (authData.id of the login, else the socket.io id). */
  setId(id: string | undefined): void {
    this.#id = id;
  }

  /** Rejects when no ack arrives within `callTimeoutMs`, or as soon as the client is disconnected. */
  call(command: string, ...args: unknown[]): Promise<unknown[]> {
    const acked = new Promise<unknown[]>((resolve, reject) => {
      this.socket.emit(command, ...args, (...ackArgs: unknown[]) => {
        resolve(ackArgs);
      });
      void this.#disconnected.then(() => {
        reject(new Error(`disconnected before the ack of "${command}"`));
      });
    });
    return withTimeout(acked, this.#version.callTimeoutMs, `no ack for "${command}"`);
  }

  emit(command: string, ...args: unknown[]): void {
    this.socket.emit(command, ...args);
  }

  next(event: string, timeoutMs?: number): Promise<unknown[]> {
    return this.#queue.next(event, timeoutMs);
  }

  expectNone(event: string, ms?: number): Promise<void> {
    return this.#queue.expectNoneFor(event, ms, (command) => this.call(command));
  }

  disconnected(timeoutMs = 3000): Promise<void> {
    return withTimeout(this.#disconnected, timeoutMs, 'waiting for disconnect');
  }

  /** Leaves the registry and closes the socket. */
  async close(): Promise<void> {
    this.#version.registry.delete(this);
    await this.closeSocket();
  }

  /** Closes the socket from the client side and waits until it is gone. */
  protected abstract closeSocket(): Promise<void>;

  /** Takes the first login outcome out of the event stream; rejects on a refusal event or after `timeoutMs`. */
  login(timeoutMs: number): Promise<LoginOutcome> {
    const refuse = (reason: unknown): void => {
      this.#login.refuse(reason);
    };
    for (const event of this.#version.refusals) this.socket.once(event, refuse);
    return this.#login.wait(timeoutMs).finally(() => {
      for (const event of this.#version.refusals) this.socket.off(event, refuse);
    });
  }

  /**
   * Opens the socket and waits for the login outcome, then records the id;
   * closes the client and rethrows on a refusal or timeout.
   *
   * @param open - opens the socket (it is created with `autoConnect: false`)
   * @param loginTimeoutMs - how long to wait for the outcome
   * @returns the outcome
   */
  async start(open: () => void, loginTimeoutMs: number): Promise<LoginOutcome> {
    const login = this.login(loginTimeoutMs);
    open();
    const outcome = (await loggedIn(this, login)).login;
    this.setId(socketIdOf(outcome) ?? this.socket.id);
    return outcome;
  }
}
