/**
 * The limits of the options (`maxNameLength`, `rateLimit`, `userRateLimit`,
 * `maxRoomsPerSocket`, `maxSocketsPerUser`, `handshakeTimeout`), each checked
 * before the store is touched. `docs/limits.md` lists them.
 *
 * @module
 */
import { withTimeout } from './timeout.js';
import { ChatServiceError } from './errors.js';
import { TokenBucket } from './limits.js';
import { isValidName, isWellFormed } from './name-rules.js';
import type { ResolvedOptions, ResolvedRateLimit } from './options.js';

/** What the limits need to know of a local socket. */
export interface LimitedSocket {
  /** The user this socket logs in as, from the moment its login passed the socket limit. */
  claimedUser?: string | undefined;
  /** The transport reported its disconnect: the socket no longer counts. */
  gone?: boolean;
  /** The rooms this socket has joined (channels joined through the runtime). */
  rooms?: Set<string>;
  bucket?: TokenBucket;
  /** Commands refused in a row by the rate limits. */
  refusedInARow?: number;
}

/** True when `name` follows the name rule and, when `maxNameLength` is on, is not longer. */
export function isAllowedName(options: Pick<ResolvedOptions, 'maxNameLength'>, name: unknown): name is string {
  return isValidName(name) && (options.maxNameLength === 0 || name.length <= options.maxNameLength);
}

/** @throws {ChatServiceError} `invalidName` unless {@link isAllowedName} */
export function checkName(options: Pick<ResolvedOptions, 'maxNameLength'>, name: unknown): asserts name is string {
  if (!isAllowedName(options, name)) throw new ChatServiceError('invalidName', name);
}

/**
 * Names given to commands (room, user and list names, user name lists) must be
 * well-formed Unicode on every store: a lone surrogate would name another
 * room on a UTF-8 store.
 *
 * @throws {ChatServiceError} `invalidName`
 */
export function checkNameArgument(value: unknown): void {
  if (typeof value === 'string' && !isWellFormed(value)) throw new ChatServiceError('invalidName', value);
  if (Array.isArray(value)) for (const item of value) checkNameArgument(item);
}

function bucketOf(limit: ResolvedRateLimit, now: number): TokenBucket {
  return new TokenBucket(limit.burst, limit.intervalMs, now, limit.commands);
}

function refuse(socket: LimitedSocket, wait: number, limit: ResolvedRateLimit): { error: ChatServiceError; flooding: boolean } {
  const refused = (socket.refusedInARow ?? 0) + 1;
  socket.refusedInARow = refused;
  return {
    error: new ChatServiceError('rateLimitExceeded', wait),
    flooding: limit.disconnectAfter > 0 && refused === limit.disconnectAfter,
  };
}

/** The per-socket and per-user command rate limits of one instance, and its login slots per user. */
export class CommandLimiter {
  readonly #options: Pick<ResolvedOptions, 'rateLimit' | 'userRateLimit' | 'maxSocketsPerUser'>;
  readonly #users = new Map<string, TokenBucket>();
  readonly #claims = new SocketClaims();
  readonly #now: () => number;

  /**
   * Limits by the options' `rateLimit` (per socket), `userRateLimit` (per user)
   * and `maxSocketsPerUser`; `now` is the clock, in ms.
   */
  constructor(options: Pick<ResolvedOptions, 'rateLimit' | 'userRateLimit' | 'maxSocketsPerUser'>, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  /**
   * Takes one command from the socket's bucket and its user's.
   *
   * @returns `null`; or the `rateLimitExceeded` error to answer with, and
   *   whether the socket has now been refused `disconnectAfter` commands in a row (it floods)
   */
  take(socket: LimitedSocket, userName: string): { error: ChatServiceError; flooding: boolean } | null {
    const { rateLimit, userRateLimit } = this.#options;
    const now = this.#now();
    if (rateLimit) {
      socket.bucket ??= bucketOf(rateLimit, now);
      const wait = socket.bucket.take(now);
      if (wait > 0) return refuse(socket, wait, rateLimit);
    }
    if (userRateLimit) {
      let bucket = this.#users.get(userName);
      if (!bucket) this.#users.set(userName, (bucket = bucketOf(userRateLimit, now)));
      const wait = bucket.take(now);
      if (wait > 0) return refuse(socket, wait, userRateLimit);
    }
    socket.refusedInARow = 0;
    return null;
  }

  /**
   * Claims a login slot for `userName` on `socket` (see {@link SocketClaims.claim}).
   *
   * @throws {ChatServiceError} `socketLimitExceeded`
   */
  claim(socket: LimitedSocket, userName: string): void {
    this.#claims.claim(this.#options.maxSocketsPerUser, socket, userName);
  }

  /** A socket left the instance: its slot is free, and its user's bucket forgotten once the user has no socket left here. */
  release(socket: LimitedSocket): void {
    const lastOf = this.#claims.release(socket);
    if (lastOf !== undefined) this.#users.delete(lastOf);
  }
}

/**
 * The login slots of one instance: which local sockets claimed each user, so
 * `maxSocketsPerUser` is checked against the user's own sockets, not a scan of
 * every socket of the instance.
 */
export class SocketClaims {
  // One socket (the usual case) is kept as it is, more in an array: no collection per user.
  readonly #byUser = new Map<string, LimitedSocket | LimitedSocket[]>();

  /**
   * Claims a login slot for `userName` on `socket`, unless the user already
   * has `max` sockets (not gone) on this instance (`max` 0: no limit).
   *
   * @throws {ChatServiceError} `socketLimitExceeded`
   */
  claim(max: number, socket: LimitedSocket, userName: string): void {
    if (socket.claimedUser !== undefined) this.release(socket);
    const held = this.#byUser.get(userName);
    const others = held === undefined ? [] : Array.isArray(held) ? held : [held];
    if (max > 0) {
      let count = 0;
      for (const other of others) if (!other.gone) count++;
      if (count >= max) throw new ChatServiceError('socketLimitExceeded', userName, max);
    }
    this.#byUser.set(userName, held === undefined ? socket : [...others, socket]);
    socket.claimedUser = userName;
  }

  /**
   * Gives back the slot of a socket that left the instance.
   *
   * @returns the user whose last slot this was, else `undefined`
   */
  release(socket: LimitedSocket): string | undefined {
    const userName = socket.claimedUser;
    if (userName === undefined) return undefined;
    const held = this.#byUser.get(userName);
    if (held === socket) {
      this.#byUser.delete(userName);
      return userName;
    }
    if (!Array.isArray(held)) return undefined;
    const rest = held.filter((other) => other !== socket);
    const [only] = rest;
    this.#byUser.set(userName, rest.length === 1 && only !== undefined ? only : rest);
    return undefined;
  }
}

/**
 * Checks that a local socket may join one more room.
 *
 * @throws {ChatServiceError} `roomLimitExceeded`
 */
export function checkRoomSlot(
  options: Pick<ResolvedOptions, 'maxRoomsPerSocket'>,
  socket: LimitedSocket | undefined,
  id: string,
  room: string,
): void {
  const max = options.maxRoomsPerSocket;
  const rooms = socket?.rooms;
  if (max > 0 && rooms && rooms.size >= max && !rooms.has(room)) throw new ChatServiceError('roomLimitExceeded', id, max);
}

/** Rejects with `loginTimeout` when `promise` has not settled within `ms` (0: no bound). */
export function withHandshakeTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return promise;
  return withTimeout(promise, ms, () => new ChatServiceError('loginTimeout', ms));
}
