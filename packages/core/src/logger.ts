/**
 * The logger option: silent by default; the CLI passes a real one.
 *
 * @module
 */

/** A minimal structured logger (pino and console fit). */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

const noop = (): void => undefined;

/** A logger that drops everything. */
export const SILENT_LOGGER: Logger = { debug: noop, info: noop, warn: noop, error: noop };
