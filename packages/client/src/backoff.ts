/**
 * Reconnection delays: exponential backoff with full jitter.
 *
 * @module
 */

/** How the WebSocket client waits between reconnection attempts. */
export interface ReconnectOptions {
  /** The cap of the first delay, in ms. @default 500 */
  initialDelayMs?: number | undefined;
  /** The cap of any delay, in ms. @default 10000 */
  maxDelayMs?: number | undefined;
}

/** Default of {@link ReconnectOptions.initialDelayMs}. */
export const DEFAULT_INITIAL_DELAY_MS = 500;
/** Default of {@link ReconnectOptions.maxDelayMs}. */
export const DEFAULT_MAX_DELAY_MS = 10_000;

/**
 * The delay before attempt `attempt` (0 for the first after a loss): a
 * uniformly random value in `[0, min(maxDelayMs, initialDelayMs * 2^attempt))`,
 * so that clients cut at the same moment do not come back at the same moment.
 *
 * @param attempt - attempts made since the last successful login
 * @param options - the delays
 * @param random - a source of uniform values in [0, 1)
 * @returns the delay in ms
 */
export function backoffDelay(attempt: number, options: ReconnectOptions = {}, random: () => number = Math.random): number {
  const initial = Math.max(options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS, 0);
  const max = Math.max(options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, 0);
  const cap = Math.min(max, initial * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * cap);
}
