/**
 * The reverse of the error formatter: `ChatServiceError: <text>` (the
 * default, string form of errors on the wire) back into a code and arguments.
 *
 * @module
 */
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** The prefix of every service error text. */
export const ERROR_PREFIX = 'ChatServiceError: ';

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
  code: ErrorCode;
  specs: string[];
  pattern: RegExp;
  /** How much fixed text the template has: more is more specific. */
  literal: number;
}

function toMatcher(code: ErrorCode): Matcher {
  const template: string = ERROR_CODES[code];
  const specs = [...template.matchAll(/%([sdj])/g)].map((m) => m[1] ?? 's');
  const body = template
    .split(/%[sdj]/)
    .map(escapeRegExp)
    .join('(.*)');
  // util.format appends surplus arguments after a space.
  return { code, specs, pattern: new RegExp(`^${body}(?: (.*))?$`, 's'), literal: template.replace(/%[sdj]/g, '').length };
}

let matchers: readonly Matcher[] | undefined;

// Most literal text first, so `No such user online x` is noUserOnline, not noUser('online x');
// internalError ('%s' matches anything) is left out: unmatched texts keep no code.
// Built on first use, so importing the protocol costs nothing.
function allMatchers(): readonly Matcher[] {
  matchers ??= (Object.keys(ERROR_CODES) as ErrorCode[])
    .filter((code) => code !== 'internalError')
    .map(toMatcher)
    .sort((a, b) => b.literal - a.literal);
  return matchers;
}

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
  for (const { code, specs, pattern } of allMatchers()) {
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
