/**
 * The service's one domain error and the table of its codes.
 *
 * @module
 */

/** Error codes of the reference protocol, each with its message template (Node `util.format` style). */
export const ERROR_CODES = {
  badArgument: 'Bad argument at position %d, value %j',
  internalError: '%s',
  invalidName: 'String %s contains invalid characters',
  invalidSocket: 'Socket %s is not connected',
  noCommand: 'No such command %s',
  listLimitExceeded: 'Exceeded %s size limit',
  noList: 'No such list %s',
  noLogin: 'No login provided',
  noRoom: 'No such room %s',
  noSocket: 'Command %s requires a valid socket',
  noUser: 'No such user %s',
  noUserOnline: 'No such user online %s',
  notAllowed: 'Action is not allowed',
  notJoined: 'Not joined to room %s',
  roomExists: 'Room %s already exists',
  timeout: 'Server operation timeout',
  userExists: 'User %s already exists',
  userOnline: 'User %s is online',
  wrongArgumentsCount: 'Expected %s arguments, got %s',
  // Additions beyond the reference (limits, see docs/limits.md; each can be switched off):
  messageTooLarge: 'Message of %d bytes exceeds the limit of %d bytes',
  rateLimitExceeded: 'Too many commands, retry in %d ms',
  roomLimitExceeded: 'Socket %s has joined the limit of %d rooms',
  socketLimitExceeded: 'User %s has the limit of %d connections',
  loginTimeout: 'Login not completed within %d ms',
} as const satisfies Record<string, string>;

/** A known error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** JSON-RPC 2.0 error codes used by the raw WebSocket transport. */
export const JSONRPC_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Any service error that is not a validation error. */
  serviceError: -32000,
} as const;

/** The plain-object form of a service error, as sent with `useRawErrorObjects`. */
export interface ErrorObject {
  name: 'ChatServiceError';
  code: string;
  args: unknown[];
}

function formatJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 'undefined' : text;
  } catch {
    return '[Circular]';
  }
}

function formatArg(spec: string, value: unknown): string {
  switch (spec) {
    case 'd':
      return typeof value === 'bigint' ? `${value}n` : typeof value === 'object' && value !== null ? 'NaN' : String(Number(value));
    case 'j':
      return formatJson(value);
    default:
      return String(value);
  }
}

/** A small `util.format` for `%s`, `%d` and `%j` (no Node import, so core bundles for browsers). */
export function formatTemplate(template: string, args: readonly unknown[]): string {
  let index = 0;
  const out = template.replace(/%([sdj%])/g, (whole, spec: string) => {
    if (spec === '%') return '%';
    if (index >= args.length) return whole;
    return formatArg(spec, args[index++]);
  });
  const rest = args.slice(index).map((a) => (typeof a === 'string' ? a : formatJson(a)));
  return rest.length > 0 ? `${out} ${rest.join(' ')}` : out;
}

function isKnownCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

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
    super(isKnownCode(code) ? formatTemplate(ERROR_CODES[code], args) : code);
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
