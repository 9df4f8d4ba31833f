/**
 * The types of the service options as valibot schemas, checked at start-up so
 * that a mistyped option (`historyMaxGetMessages: 'lots'`) is an error naming
 * it, and an unknown key is reported rather than silently ignored.
 *
 * Adding an option: one line in {@link CORE_OPTION_SCHEMAS} (the
 * `satisfies` clause makes the typecheck fail until every key of
 * `CoreOptions` has its entry).
 *
 * @module
 */
import * as v from 'valibot';
import type { CoreOptions } from './options.js';

/** Any valibot schema. */
export type OptionSchema = v.GenericSchema;

/** One schema per option name. */
export type OptionSchemas = Readonly<Record<string, OptionSchema>>;

const flag = v.boolean();
/** A number; the ranges are normalised by `resolveOptions` (a negative value means the default). */
const count = v.pipe(v.number(), v.finite());
/** A limit: a number, or `false` (or `0`, or `Infinity`) for "off". */
const limit = v.union([v.number(), v.literal(false)]);
/** A token bucket, or `false` for "off". */
const rate = v.union([
  v.object({ commands: count, intervalMs: count, burst: v.optional(count), disconnectAfter: v.optional(limit) }),
  v.literal(false),
]);

/** The schema of each {@link CoreOptions} key. `undefined` and `null` mean "the default" and are not checked. */
export const CORE_OPTION_SCHEMAS = {
  enableAccessListsUpdates: flag,
  enableUserlistUpdates: flag,
  enableDirectMessages: flag,
  enableRoomsManagement: flag,
  historyMaxGetMessages: count,
  historyMaxSize: count,
  directListSizeLimit: count,
  roomListSizeLimit: count,
  useRawErrorObjects: flag,
  closeTimeout: count,
  heartbeatRate: count,
  heartbeatTimeout: count,
  busAckTimeout: count,
  lockTTL: count,
  maxMessageSize: limit,
  rateLimit: rate,
  userRateLimit: rate,
  maxNameLength: limit,
  maxRoomsPerSocket: limit,
  maxSocketsPerUser: limit,
  handshakeTimeout: limit,
} as const satisfies Record<keyof CoreOptions, OptionSchema>;

/** An option of the wrong type; the message names the option. */
export class OptionError extends Error {
  /** The option's name, e.g. `historyMaxGetMessages` or `rateLimit.commands`. */
  readonly option: string;

  /** An error for `option`; `problem` says what is wrong with its value. */
  constructor(option: string, problem: string) {
    super(`invalid option ${option}: ${problem}`);
    this.name = 'OptionError';
    this.option = option;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/**
 * Checks `options` against `schemas`.
 *
 * @returns the keys `schemas` does not know (to warn about)
 * @throws {OptionError} for the first option of the wrong type, e.g. `invalid option historyMaxGetMessages: expected number, got "lots"`
 */
export function checkOptions(options: Readonly<Record<string, unknown>>, schemas: OptionSchemas): string[] {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    const schema = Object.hasOwn(schemas, key) ? schemas[key] : undefined;
    if (!schema) {
      unknown.push(key);
      continue;
    }
    if (value === undefined || value === null) continue;
    const result = v.safeParse(schema, value);
    if (result.success) continue;
    // A union (`{...} | false`) reports the nested problem of the branch whose type matched.
    const first = result.issues[0];
    const issue = first.issues?.find((nested) => nested.path?.length) ?? first;
    const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
    const got = issue.path?.length ? issue.input : value;
    throw new OptionError(path ? `${key}.${path}` : key, `expected ${issue.expected ?? 'a valid value'}, got ${show(got)}`);
  }
  return unknown;
}
