/**
 * Timers and randomness, injected so that tests can drive time.
 *
 * @module
 */

/** The timer functions the client uses. */
export interface Clock {
  /** Calls `callback` once after `ms` ms; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer (a handle from {@link Clock.setTimeout}, or undefined). */
  clearTimeout(handle: unknown): void;
}

/** The global timers. */
export const systemClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
