/**
 * The client shape shared by every transport's tests: the in-process client
 * here, and the real socket.io / ws clients in the transport tests, so one
 * behaviour suite runs over all of them.
 *
 * @module
 */
import { isRecord } from '../protocol/guards.js';

/** A connected test client. Every server event is buffered from the moment of connection. */
export interface TestClient {
  /** The socket id, known after `loginConfirmed` (its authData.id); `undefined` before. */
  readonly id: string | undefined;
  /**
   * Sends a command and resolves with the ack arguments as the client sees
   * them: `[error, data, ...extra]` (at least two entries).
   */
  call(command: string, ...args: unknown[]): Promise<unknown[]>;
  /** Sends a command without an ack. */
  emit(command: string, ...args: unknown[]): void;
  /**
   * Resolves with the arguments of the next not yet consumed `event`
   * (buffered ones first); rejects after `timeoutMs` (default 3000).
   */
  next(event: string, timeoutMs?: number): Promise<unknown[]>;
  /**
   * Resolves if no (unconsumed) `event` has arrived; rejects otherwise. Without
   * `ms` it checks after a round trip on this socket (`listOwnSockets`), which
   * orders it after everything the server sent before; with `ms` it waits that
   * long (for traffic from other instances, which no round trip orders).
   */
  expectNone(event: string, ms?: number): Promise<void>;
  /** Resolves when the server has disconnected this client (or it closed). */
  disconnected(timeoutMs?: number): Promise<void>;
  /** Closes the connection from the client side. */
  close(): Promise<void>;
}

/** How a test connects: a user name for the `user` query parameter, or a full query. */
export type ConnectQuery = string | Record<string, string> | undefined;

/** The login outcome and the client. */
export interface Connected {
  client: TestClient;
  /** `['loginConfirmed', userName, authData]` or `['loginRejected', error]`. */
  login: ['loginConfirmed', string, Record<string, unknown>] | ['loginRejected', unknown];
}

/**
 * The login outcome an incoming event is, if it is one: `loginConfirmed` with
 * its user name and authData (`{}` when the server sent none), or
 * `loginRejected` with its error as sent. Every test client reads it so.
 *
 * @param event - the event (notification) name
 * @param args - its arguments as received
 * @returns the outcome, or `undefined` for any other event
 */
export function loginOutcomeOf(event: string, args: readonly unknown[]): Connected['login'] | undefined {
  if (event === 'loginConfirmed') return ['loginConfirmed', String(args[0]), isRecord(args[1]) ? args[1] : {}];
  if (event === 'loginRejected') return ['loginRejected', args[0]];
  return undefined;
}

/**
 * The socket id a login outcome gives: authData's `id` when confirmed.
 *
 * @param login - the outcome
 * @returns the id, or `undefined` (rejected, or no string `id`)
 */
export function socketIdOf(login: Connected['login']): string | undefined {
  const id = login[0] === 'loginConfirmed' ? login[2]['id'] : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A {@link ConnectQuery} as query parameters: a user name becomes `{ user }`.
 *
 * @param query - as a test passes it
 * @returns a fresh record (empty for `undefined`)
 */
export function queryParams(query: ConnectQuery): Record<string, string> {
  if (query === undefined) return {};
  return typeof query === 'string' ? { user: query } : { ...query };
}
