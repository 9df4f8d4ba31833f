/**
 * The service's one domain error and its wire forms (the codes and their
 * texts are protocol: `protocol/error-codes.ts`).
 *
 * @module
 */
import { ERROR_CODES, type ErrorObject, formatTemplate, isErrorCode } from './protocol/error-codes.js';

// The codes, their texts and the formatter are protocol, shared with clients.
export { ERROR_CODES, JSONRPC_CODES, formatTemplate } from './protocol/error-codes.js';
export type { ErrorCode, ErrorObject } from './protocol/error-codes.js';

/**
 * The service's domain error: a `code` from {@link ERROR_CODES} and its `args`.
 *
 * Serialises to `{ name, code, args }`; `toString()` gives the reference text,
 * e.g. `ChatServiceError: No such room lobby`.
 *
 * @example
 * ```ts
 * throw new ChatServiceError('noRoom', 'lobby');
 * ```
 */
export class ChatServiceError extends Error {
  declare name: 'ChatServiceError';
  /** The error code (a key of {@link ERROR_CODES}, or any string for custom errors). */
  declare code: string;
  /** The template arguments. */
  declare args: unknown[];

  /**
   * @param code - an error code, see {@link ERROR_CODES}
   * @param args - the template arguments
   */
  constructor(code: string, ...args: unknown[]) {
    super(isErrorCode(code) ? formatTemplate(ERROR_CODES[code], args) : code);
    // Own enumerable fields, so JSON and the raw-object form carry exactly these three.
    Object.defineProperty(this, 'message', { enumerable: false, writable: true, configurable: true, value: this.message });
    this.name = 'ChatServiceError';
    this.code = code;
    this.args = args;
  }

  /** True for any ChatServiceError, also one from another copy of this package. */
  static is(value: unknown): value is ChatServiceError {
    return (
      value instanceof ChatServiceError ||
      (value instanceof Error && value.name === 'ChatServiceError' && typeof (value as { code?: unknown }).code === 'string')
    );
  }

  /** `ChatServiceError: <message>`, the text the reference's errors print. */
  override toString(): string {
    return `ChatServiceError: ${this.message}`;
  }

  /** The plain `{ name, code, args }` object. */
  toJSON(): ErrorObject {
    return { name: 'ChatServiceError', code: this.code, args: this.args };
  }
}

/** Turns a hook's error value into an Error: a truthy primitive becomes `Error(String(value))`. */
export function normalizeError(value: unknown): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) return value;
  return new Error(String(value));
}

/**
 * Converts any error to the form a client receives (a string, or `{name, code, args}` with useRawErrorObjects).
 *
 * @param error - any thrown value
 * @param raw - `useRawErrorObjects`: objects instead of strings
 * @returns a string, or an {@link ErrorObject} when `raw` is set
 */
export function toWireError(error: unknown, raw: boolean): string | ErrorObject {
  if (raw) return toErrorObject(error);
  return String(error);
}

/** The {@link ErrorObject} of any error: service errors keep their code, anything else is `internalError`. */
export function toErrorObject(error: unknown): ErrorObject {
  if (ChatServiceError.is(error)) return { name: 'ChatServiceError', code: error.code, args: [...error.args] };
  return { name: 'ChatServiceError', code: 'internalError', args: [String(error)] };
}
