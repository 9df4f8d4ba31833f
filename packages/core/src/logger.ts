/**
 * The logger option: silent by default; the CLI passes a real one.
 *
 * @module
 */

/** A minimal structured logger (pino and console fit). */
export interface Logger {
  /** Logs detail useful while debugging. */
  debug(message: string, context?: Record<string, unknown>): void;
  /** Logs a normal event. */
  info(message: string, context?: Record<string, unknown>): void;
  /** Logs a failure the service carries on after. */
  warn(message: string, context?: Record<string, unknown>): void;
  /** Logs a failure that needs attention. */
  error(message: string, context?: Record<string, unknown>): void;
}

const noop = (): void => undefined;

/** A logger that drops everything. */
export const SILENT_LOGGER: Logger = { debug: noop, info: noop, warn: noop, error: noop };
