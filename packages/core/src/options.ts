/**
 * Service options and their defaults.
 *
 * @module
 */

/** Options understood by the core. Adapter options (`state`, `transport`, ...) are the server package's. */
export interface CoreOptions {
  /** Default of the per-room switch for new rooms. @default false */
  enableAccessListsUpdates?: boolean;
  /** Default of the per-room switch for new rooms. @default false */
  enableUserlistUpdates?: boolean;
  /** Gates the `directMessage` command. @default false */
  enableDirectMessages?: boolean;
  /** Lets clients use `roomCreate` / `roomDelete`. @default false */
  enableRoomsManagement?: boolean;
  /** Cap of history reads; 0 disables them. @default 100 */
  historyMaxGetMessages?: number;
  /** Default per-room history limit; 0 stores nothing (ids still advance). @default 10000 */
  historyMaxSize?: number;
  /** Size limit of each direct-message list. @default 1000 */
  directListSizeLimit?: number;
  /** Size limit of each room list (not the userlist). @default 10000 */
  roomListSizeLimit?: number;
  /** Send errors to clients as `{name, code, args}` objects instead of strings. @default false */
  useRawErrorObjects?: boolean;
  /** Bound on the transports' close plus the command drain, in ms. @default 15000 */
  closeTimeout?: number;
  /** Heartbeat write interval, in ms. @default 10000 */
  heartbeatRate?: number;
  /** After this many ms without a heartbeat an instance may be considered dead (informational). @default 30000 */
  heartbeatTimeout?: number;
  /** How long to wait for `socketRoomLeft` acks on the bus, in ms. @default 5000 */
  busAckTimeout?: number;
  /** Time after which a held (user, room) lock expires, in ms. @default 5000 */
  lockTTL?: number;
  /**
   * Largest room or direct message, in bytes (strings count their UTF-16
   * length, binary values their byte length). Larger ones fail with
   * `messageTooLarge`. `false` (or `0`) switches the limit off. @default 65536
   */
  maxMessageSize?: number | false;
  /**
   * Longest user or room name, in UTF-16 code units, at every place a name is
   * created (login, `addUser`, `addRoom`, `roomCreate`); longer ones fail with
   * `invalidName`. `false` (or `0`) switches the limit off. @default 128
   */
  maxNameLength?: number | false;
  /**
   * Per-socket command rate (a token bucket: `commands` per `intervalMs`
   * refilled continuously, holding at most `burst`, which defaults to
   * `commands`); more fail with `rateLimitExceeded`. Server API calls are not
   * limited. `false` switches the limit off.
   * @default { commands: 100, intervalMs: 1000, burst: 200, disconnectAfter: 100 }
   */
  rateLimit?: RateLimit | false | undefined;
  /**
   * The same, for all the sockets of one user on this instance together.
   * `false` switches the limit off. @default { commands: 200, intervalMs: 1000, burst: 400, disconnectAfter: 100 }
   */
  userRateLimit?: RateLimit | false | undefined;
  /** Most rooms one socket may have joined; more fail with `roomLimitExceeded`. `false` (or `0`) switches the limit off. @default 1000 */
  maxRoomsPerSocket?: number | false;
  /**
   * Most sockets of one user on this instance; a further login is rejected
   * with `socketLimitExceeded`. `false` (or `0`) switches the limit off. @default 100
   */
  maxSocketsPerUser?: number | false;
  /**
   * A connection whose `onConnect` has not resolved within this many ms is
   * rejected with `loginTimeout` and closed. `false` (or `0`) switches it off. @default 10000
   */
  handshakeTimeout?: number | false;
}

/**
 * A token bucket: `commands` per `intervalMs`, at most `burst` at once
 * (default `commands`). A socket refused `disconnectAfter` commands in a row
 * is flooding and is disconnected (`0`: never; default 100).
 */
export interface RateLimit {
  commands: number;
  intervalMs: number;
  burst?: number;
  disconnectAfter?: number;
}

/** A resolved {@link RateLimit}. */
export type ResolvedRateLimit = Required<RateLimit>;

type LimitKey = 'maxMessageSize' | 'maxNameLength' | 'rateLimit' | 'userRateLimit' | 'maxRoomsPerSocket' | 'maxSocketsPerUser' | 'handshakeTimeout';

/**
 * Options with every default applied. A numeric limit that is off is `0`, a
 * rate limit that is off is `undefined`.
 */
export type ResolvedOptions = Required<Omit<CoreOptions, LimitKey>> & {
  maxMessageSize: number;
  maxNameLength: number;
  rateLimit: ResolvedRateLimit | undefined;
  userRateLimit: ResolvedRateLimit | undefined;
  maxRoomsPerSocket: number;
  maxSocketsPerUser: number;
  handshakeTimeout: number;
};

/** The defaults of {@link CoreOptions}. */
export const DEFAULT_OPTIONS: ResolvedOptions = {
  enableAccessListsUpdates: false,
  enableUserlistUpdates: false,
  enableDirectMessages: false,
  enableRoomsManagement: false,
  historyMaxGetMessages: 100,
  historyMaxSize: 10000,
  directListSizeLimit: 1000,
  roomListSizeLimit: 10000,
  useRawErrorObjects: false,
  closeTimeout: 15000,
  heartbeatRate: 10000,
  heartbeatTimeout: 30000,
  busAckTimeout: 5000,
  lockTTL: 5000,
  maxMessageSize: 64 * 1024,
  maxNameLength: 128,
  rateLimit: { commands: 100, intervalMs: 1000, burst: 200, disconnectAfter: 100 },
  userRateLimit: { commands: 200, intervalMs: 1000, burst: 400, disconnectAfter: 100 },
  maxRoomsPerSocket: 1000,
  maxSocketsPerUser: 100,
  handshakeTimeout: 10_000,
};

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** A limit: `undefined` gives the default; `false`, `0`, `null` or `Infinity` switch it off (0). */
function limit(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === false || value === null || value === Number.POSITIVE_INFINITY) return 0;
  return nonNegative(value, fallback);
}

/** A rate limit: `undefined` gives the default; `false`, `null`, `0` or a bucket without a positive rate switch it off. */
function resolveRateLimit(value: unknown, fallback: ResolvedRateLimit | undefined): ResolvedRateLimit | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'object' || value === null) return undefined;
  const { commands, intervalMs, burst, disconnectAfter } = value as Record<string, unknown>;
  const c = positive(commands, 0);
  const i = positive(intervalMs, 0);
  if (c === 0 || i === 0 || c === Number.POSITIVE_INFINITY) return undefined;
  const after = disconnectAfter === 0 || disconnectAfter === false ? 0 : positive(disconnectAfter, 100);
  return { commands: c, intervalMs: i, burst: Math.max(1, positive(burst, c)), disconnectAfter: after };
}

/**
 * Applies the defaults: falsy numbers fall back, except the two history options, where 0 is honoured,
 * and the limits, where `false`, `0` (or `Infinity`) switch a limit off.
 */
export function resolveOptions(options: Readonly<Record<string, unknown>> = {}): ResolvedOptions {
  const d = DEFAULT_OPTIONS;
  return {
    enableAccessListsUpdates: Boolean(options['enableAccessListsUpdates'] ?? d.enableAccessListsUpdates),
    enableUserlistUpdates: Boolean(options['enableUserlistUpdates'] ?? d.enableUserlistUpdates),
    enableDirectMessages: Boolean(options['enableDirectMessages'] ?? d.enableDirectMessages),
    enableRoomsManagement: Boolean(options['enableRoomsManagement'] ?? d.enableRoomsManagement),
    historyMaxGetMessages: nonNegative(options['historyMaxGetMessages'], d.historyMaxGetMessages),
    historyMaxSize: nonNegative(options['historyMaxSize'], d.historyMaxSize),
    directListSizeLimit: positive(options['directListSizeLimit'], d.directListSizeLimit),
    roomListSizeLimit: positive(options['roomListSizeLimit'], d.roomListSizeLimit),
    useRawErrorObjects: Boolean(options['useRawErrorObjects'] ?? d.useRawErrorObjects),
    closeTimeout: positive(options['closeTimeout'], d.closeTimeout),
    heartbeatRate: positive(options['heartbeatRate'], d.heartbeatRate),
    heartbeatTimeout: positive(options['heartbeatTimeout'], d.heartbeatTimeout),
    busAckTimeout: positive(options['busAckTimeout'], d.busAckTimeout),
    lockTTL: positive(options['lockTTL'], d.lockTTL),
    maxMessageSize: limit(options['maxMessageSize'], d.maxMessageSize),
    maxNameLength: limit(options['maxNameLength'], d.maxNameLength),
    rateLimit: resolveRateLimit(options['rateLimit'], d.rateLimit),
    userRateLimit: resolveRateLimit(options['userRateLimit'], d.userRateLimit),
    maxRoomsPerSocket: limit(options['maxRoomsPerSocket'], d.maxRoomsPerSocket),
    maxSocketsPerUser: limit(options['maxSocketsPerUser'], d.maxSocketsPerUser),
    handshakeTimeout: limit(options['handshakeTimeout'], d.handshakeTimeout),
  };
}
