/**
 * What the raw test clients (socket.io 4, socket.io 2, ws) share: waiting for
 * the connection's first login outcome, and the registry of open clients that
 * `afterEach` closes.
 *
 * The test clients are RAW on purpose: tests send malformed input through them
 * and assert on every event exactly as the server sent it. They therefore speak
 * the wire themselves instead of wrapping `@chat-service/client`'s ChatClient,
 * which validates arguments, waits for the login, reconnects and resumes rooms.
 * They reuse the client's and core's stateless pieces instead: the frame reader
 * (`readFrame`), and core's test kit for reading login outcomes
 * (`loginOutcomeOf`), socket ids, queries and the event queue.
 *
 * @module
 */
import { loginOutcomeOf } from '@chat-service/core/testing';
import type { Connected } from '@chat-service/core/testing';
import { withTimeout } from './timeout.js';

/** A login outcome: `['loginConfirmed', userName, authData]` or `['loginRejected', error]`. */
export type LoginOutcome = Connected['login'];

interface Waiter {
  resolve: (outcome: LoginOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * The connection's first login outcome, taken out of the event stream: it is
 * the result of connecting, not an event a test waits for with `next()`.
 */
export class FirstLogin {
  #waiter: Waiter | undefined;

  /**
   * Starts waiting for the outcome.
   *
   * @param timeoutMs - how long to wait
   * @returns the outcome; rejects on {@link FirstLogin.refuse} or after `timeoutMs`
   */
  wait(timeoutMs: number): Promise<LoginOutcome> {
    const outcome = new Promise<LoginOutcome>((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
    return withTimeout(outcome, timeoutMs, 'waiting for loginConfirmed / loginRejected').catch((error: unknown) => {
      this.#waiter = undefined;
      throw error;
    });
  }

  /**
   * Offers an incoming event while the outcome is awaited.
   *
   * @returns the outcome when the event was it and was taken (do not queue it), else `undefined`
   */
  take(event: string, args: readonly unknown[]): LoginOutcome | undefined {
    const waiter = this.#waiter;
    const outcome = waiter && loginOutcomeOf(event, args);
    if (!waiter || !outcome) return undefined;
    this.#waiter = undefined;
    waiter.resolve(outcome);
    return outcome;
  }

  /** Ends the wait with a refusal (a `connect_error`, a close before login); nothing once settled. */
  refuse(error: unknown): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Anything a test closes. */
export interface Closable {
  /** Closes it from the client side. */
  close(): Promise<void>;
}

/** The clients a module opened and no test closed yet, for `afterEach`. */
export class OpenClients {
  readonly #open = new Set<Closable>();

  /** Registers an opened client. */
  add(client: Closable): void {
    this.#open.add(client);
  }

  /** Forgets a client that is closing. */
  delete(client: Closable): void {
    this.#open.delete(client);
  }

  /** Closes every registered client. */
  async closeAll(): Promise<void> {
    const clients = [...this.#open];
    this.#open.clear();
    await Promise.all(clients.map((client) => client.close()));
  }
}

/**
 * Awaits the login of a client just opened; on failure closes the client and rethrows.
 *
 * @param client - the client, already opening
 * @param login - its {@link FirstLogin.wait}
 * @returns the client and the outcome
 */
export async function loggedIn<C extends Closable>(client: C, login: Promise<LoginOutcome>): Promise<{ client: C; login: LoginOutcome }> {
  try {
    return { client, login: await login };
  } catch (error) {
    await client.close();
    throw error;
  }
}
