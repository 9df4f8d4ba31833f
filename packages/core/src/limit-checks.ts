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
  return { error: new ChatServiceError('rateLimitExceeded', wait), flooding: limit.disconnectAfter > 0 && refused === limit.disconnectAfter };
}

/** The per-socket and per-user command rate limits of one instance. */
export class CommandLimiter {
  readonly #options: Pick<ResolvedOptions, 'rateLimit' | 'userRateLimit'>;
  readonly #users = new Map<string, TokenBucket>();
  readonly #now: () => number;

  /** Limits by the options' `rateLimit` (per socket) and `userRateLimit` (per user); `now` is the clock, in ms. */
  constructor(options: Pick<ResolvedOptions, 'rateLimit' | 'userRateLimit'>, now: () => number = Date.now) {
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

  /** Forgets a user's bucket once the user has no socket left on this instance. */
  forget(userName: string): void {
    this.#users.delete(userName);
  }
}

/**
 * Claims a login slot for `userName` on `socket`, unless the user already has
 * `maxSocketsPerUser` sockets on this instance.
 *
 * @throws {ChatServiceError} `socketLimitExceeded`
 */
export function claimSocketSlot(
  options: Pick<ResolvedOptions, 'maxSocketsPerUser'>,
  sockets: Iterable<LimitedSocket>,
  socket: LimitedSocket,
  userName: string,
): void {
  const max = options.maxSocketsPerUser;
  if (max > 0) {
    let count = 0;
    for (const other of sockets) if (other !== socket && !other.gone && other.claimedUser === userName) count++;
    if (count >= max) throw new ChatServiceError('socketLimitExceeded', userName, max);
  }
  socket.claimedUser = userName;
}

/**
 * Checks that a local socket may join one more room.
 *
 * @throws {ChatServiceError} `roomLimitExceeded`
 */
export function checkRoomSlot(options: Pick<ResolvedOptions, 'maxRoomsPerSocket'>, socket: LimitedSocket | undefined, id: string, room: string): void {
  const max = options.maxRoomsPerSocket;
  const rooms = socket?.rooms;
  if (max > 0 && rooms && rooms.size >= max && !rooms.has(room)) throw new ChatServiceError('roomLimitExceeded', id, max);
}

/** Rejects with `loginTimeout` when `promise` has not settled within `ms` (0: no bound). */
export function withHandshakeTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return promise;
  return withTimeout(promise, ms, () => new ChatServiceError('loginTimeout', ms));
}
