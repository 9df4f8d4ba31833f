/**
 * The login outcome of the current connection: pending until the server sends
 * `loginConfirmed` or `loginRejected` (or the connection fails), and waited
 * on by `login()` and by every command.
 *
 * @module
 */
import type { AuthData } from '@chat-service/core/protocol';
import type { ChatServiceClientError } from './errors.js';

/** Who the server says you are, from `loginConfirmed`. */
export interface LoginInfo {
  /** Your user name. */
  userName: string;
  /** The `authData` object: your socket `id` plus the fields the `onConnect` hook added. */
  authData: AuthData;
}

type LoginState =
  | { readonly status: 'pending' }
  | { readonly status: 'confirmed'; readonly info: LoginInfo }
  | { readonly status: 'failed'; readonly error: ChatServiceClientError };

interface Waiter {
  resolve: (info: LoginInfo) => void;
  reject: (error: ChatServiceClientError) => void;
}

/** Tracks the login outcome of a connection and lets callers wait for it. */
export class LoginTracker {
  #state: LoginState = { status: 'pending' };
  #waiters: Waiter[] = [];

  /** The current login, once confirmed. */
  get info(): LoginInfo | undefined {
    return this.#state.status === 'confirmed' ? this.#state.info : undefined;
  }

  /** True while no outcome is known (before the first, or after a reset). */
  get isPending(): boolean {
    return this.#state.status === 'pending';
  }

  /** True once the login failed (rejected, refused, closed). */
  get isFailed(): boolean {
    return this.#state.status === 'failed';
  }

  /** Records `loginConfirmed` and releases the waiters. */
  confirm(info: LoginInfo): void {
    this.#state = { status: 'confirmed', info };
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(info);
  }

  /** Records a failure (rejected login, refused or closed connection) and rejects the waiters. */
  fail(error: ChatServiceClientError): void {
    this.#state = { status: 'failed', error };
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  /** Back to pending: a new connection attempt whose outcome is not known yet. */
  reset(): void {
    this.#state = { status: 'pending' };
  }

  /** Resolves with the login once confirmed; rejects once it failed. */
  wait(): Promise<LoginInfo> {
    const state = this.#state;
    if (state.status === 'confirmed') return Promise.resolve(state.info);
    if (state.status === 'failed') return Promise.reject(state.error);
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }
}
