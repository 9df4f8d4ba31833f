/**
 * The error codes of the protocol, their message templates and the
 * formatter that words them, as the service and the client both do.
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

/** `JSON.stringify`, or `undefined` / `[Circular]` where it gives nothing or throws. */
export function formatJson(value: unknown): string {
  try {
    // JSON.stringify gives undefined for undefined and functions, whatever its type says.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? 'undefined';
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

/** A small `util.format` for `%s`, `%d`, `%j` and `%%` (no Node import, so it bundles for browsers). */
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

/** True for the codes of {@link ERROR_CODES} (own properties only). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/**
 * The text of an error code with its arguments, as the service words it
 * (without the `ChatServiceError: ` prefix); an unknown code is its own text.
 *
 * @param code - an error code, e.g. `noRoom`
 * @param args - its arguments
 * @returns e.g. `No such room lobby`
 */
export function formatErrorText(code: string, args: readonly unknown[]): string {
  return isErrorCode(code) ? formatTemplate(ERROR_CODES[code], args) : code;
}
