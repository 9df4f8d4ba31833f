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
   * length, binary values their byte length); 0 disables the check. Larger
   * ones fail with `messageTooLarge`. @default 0
   */
  maxMessageSize?: number;
  /**
   * Per-socket command rate: at most `commands` per `intervalMs` (a token
   * bucket refilled continuously); more fail with `rateLimitExceeded`.
   * Server calls are not limited. @default undefined (no limit)
   */
  rateLimit?: { commands: number; intervalMs: number } | undefined;
}

/** Options with every default applied. */
export type ResolvedOptions = Required<Omit<CoreOptions, 'rateLimit'>> & { rateLimit: { commands: number; intervalMs: number } | undefined };

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
  maxMessageSize: 0,
  rateLimit: undefined,
};

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function resolveRateLimit(value: unknown): ResolvedOptions['rateLimit'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { commands, intervalMs } = value as Record<string, unknown>;
  const c = positive(commands, 0);
  const i = positive(intervalMs, 0);
  return c > 0 && i > 0 ? { commands: c, intervalMs: i } : undefined;
}

/** Applies the defaults: falsy numbers fall back, except the two history options, where 0 is honoured. */
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
    maxMessageSize: nonNegative(options['maxMessageSize'], d.maxMessageSize),
    rateLimit: resolveRateLimit(options['rateLimit']),
  };
}
