/**
 * Argument types of the client commands as valibot schemas.
 * Free of Node-only imports so a browser client can share them.
 *
 * @module
 */
import * as v from 'valibot';

/** True for plain objects: `Object.prototype.toString` tag `Object` (not arrays, null, Buffers). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

export const StringArgSchema = v.string();
export const BooleanArgSchema = v.boolean();
export const StringListSchema = v.array(v.string());
/** `roomHistoryGet` id: a finite number ≥ 0 (fractions pass). */
export const HistoryIdSchema = v.pipe(v.number(), v.finite(), v.minValue(0));
/** `roomHistoryGet` limit: a finite number ≥ 1. */
export const HistoryLimitSchema = v.pipe(v.number(), v.finite(), v.minValue(1));
export const AnyArgSchema = v.unknown();
/** Any plain object: the message format when a checker hook is set. */
export const PlainObjectSchema = v.custom<Record<string, unknown>>(isPlainObject);
/** The default message format: exactly `{ textMessage: string }`. */
export const TextMessageSchema = v.pipe(
  PlainObjectSchema,
  v.check((msg) => {
    const keys = Object.keys(msg);
    return keys.length === 1 && keys[0] === 'textMessage' && typeof msg['textMessage'] === 'string';
  }),
);

/** The argument kinds a command declares. */
export const ARG_SCHEMAS = {
  string: StringArgSchema,
  boolean: BooleanArgSchema,
  stringList: StringListSchema,
  historyId: HistoryIdSchema,
  historyLimit: HistoryLimitSchema,
  any: AnyArgSchema,
  roomMessage: TextMessageSchema,
  directMessage: TextMessageSchema,
} as const;

/** One declared argument kind. */
export type ArgKind = keyof typeof ARG_SCHEMAS;

/** Checks one argument of a declared kind; message kinds with a checker only need a plain object. */
export function checkArg(kind: ArgKind, value: unknown, hasChecker: boolean): boolean {
  if ((kind === 'roomMessage' || kind === 'directMessage') && hasChecker) return isPlainObject(value);
  return v.safeParse(ARG_SCHEMAS[kind], value).success;
}
