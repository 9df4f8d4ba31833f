/**
 * The service's error texts: the code → template table, a `util.format`-like
 * formatter, and the reverse parse of `ChatServiceError: <text>` back into a
 * code and arguments (the default, string form of errors on the wire).
 *
 * @module
 */
import type { ERROR_CODES } from '@chat-service/core';

/** The prefix of every service error text. */
export const ERROR_PREFIX = 'ChatServiceError: ';

/**
 * The service's message templates, copied so the client has no runtime
 * dependency on core; `satisfies` fails the build if core's table changes.
 */
export const ERROR_TEMPLATES = {
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
  messageTooLarge: 'Message of %d bytes exceeds the limit of %d bytes',
  rateLimitExceeded: 'Too many commands, retry in %d ms',
  roomLimitExceeded: 'Socket %s has joined the limit of %d rooms',
  socketLimitExceeded: 'User %s has the limit of %d connections',
  loginTimeout: 'Login not completed within %d ms',
} as const satisfies typeof ERROR_CODES;

type KnownCode = keyof typeof ERROR_TEMPLATES;

function isKnownCode(code: string): code is KnownCode {
  return Object.prototype.hasOwnProperty.call(ERROR_TEMPLATES, code);
}

function toJson(value: unknown): string {
  try {
    // JSON.stringify gives undefined for undefined and functions, whatever its type says.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? 'undefined';
  } catch {
    return '[Circular]';
  }
}

function formatArg(spec: string, value: unknown): string {
  if (spec === 'd') return typeof value === 'object' && value !== null ? 'NaN' : String(Number(value));
  if (spec === 'j') return toJson(value);
  return String(value);
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
  if (!isKnownCode(code)) return code;
  let index = 0;
  const out = ERROR_TEMPLATES[code].replace(/%([sdj])/g, (whole, spec: string) =>
    index < args.length ? formatArg(spec, args[index++]) : whole,
  );
  const rest = args.slice(index).map((a) => (typeof a === 'string' ? a : toJson(a)));
  return rest.length > 0 ? `${out} ${rest.join(' ')}` : out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseArg(spec: string, text: string): unknown {
  if (spec === 'd') return Number(text);
  if (spec !== 'j') return text;
  if (text === 'undefined') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Matcher {
  code: KnownCode;
  specs: string[];
  pattern: RegExp;
  /** How much fixed text the template has: more is more specific. */
  literal: number;
}

function toMatcher(code: KnownCode): Matcher {
  const template: string = ERROR_TEMPLATES[code];
  const specs = [...template.matchAll(/%([sdj])/g)].map((m) => m[1] ?? 's');
  const body = template
    .split(/%[sdj]/)
    .map(escapeRegExp)
    .join('(.*)');
  // util.format appends surplus arguments after a space.
  return { code, specs, pattern: new RegExp(`^${body}(?: (.*))?$`, 's'), literal: template.replace(/%[sdj]/g, '').length };
}

// Most literal text first, so `No such user online x` is noUserOnline, not noUser('online x');
// internalError ('%s' matches anything) is left out: unmatched texts keep no code.
const MATCHERS: readonly Matcher[] = (Object.keys(ERROR_TEMPLATES) as KnownCode[])
  .filter((code) => code !== 'internalError')
  .map(toMatcher)
  .sort((a, b) => b.literal - a.literal);

/** A code and arguments recovered from an error text. */
export interface ParsedErrorText {
  code?: string;
  args?: unknown[];
  /** The text without the `ChatServiceError: ` prefix. */
  message: string;
}

/**
 * Recovers the code and arguments from a service error text such as
 * `ChatServiceError: No such room lobby`. Arguments come back as written:
 * `%s` ones stay strings (so `wrongArgumentsCount` gives `['1', '0']`); use
 * `useRawErrorObjects` on the server for exact values. A text matching no
 * template gives the bare word as a custom code, else no code.
 *
 * @param text - the error as the server sent it
 * @returns the code, arguments and message text
 */
export function parseErrorText(text: string): ParsedErrorText {
  if (!text.startsWith(ERROR_PREFIX)) return { message: text };
  const message = text.slice(ERROR_PREFIX.length);
  for (const { code, specs, pattern } of MATCHERS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const groups = match.slice(1);
    const args = specs.map((spec, i) => parseArg(spec, groups[i] ?? ''));
    const surplus = groups[specs.length];
    if (surplus !== undefined) args.push(surplus);
    return { code, args, message };
  }
  // A custom code: the reference prints an unknown code as its own text, without args.
  return /^[A-Za-z_$][\w$]*$/.test(message) ? { code: message, args: [], message } : { message };
}
