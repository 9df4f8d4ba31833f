/**
 * The server's argument checks, as valibot schemas derived from the command
 * table: one schema per argument kind, and per command the tuple of its
 * arguments (also the source of the generated JSON Schema).
 * Free of Node-only imports.
 *
 * @module
 */
import * as v from 'valibot';
import { type ArgKind, ARG_KINDS } from './protocol/arg-kinds.js';
import { type CommandName, COMMANDS } from './protocol/commands.js';

/** True for plain objects: `Object.prototype.toString` tag `Object` (not arrays, null, Buffers). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** Any plain object: the message format when a checker hook is set. */
export const PlainObjectSchema = v.custom<Record<string, unknown>>(isPlainObject);
/** The default message format: exactly `{ textMessage: string }`. */
export const TextMessageSchema = v.pipe(
  PlainObjectSchema,
  v.check((msg) => {
    // Counted with for...in rather than Object.keys, which allocates an array for every message.
    let count = 0;
    for (const key in msg) if (Object.hasOwn(msg, key)) count++;
    return count === 1 && typeof msg['textMessage'] === 'string' && Object.hasOwn(msg, 'textMessage');
  }),
);

const listName = v.string();

/** The schema of each argument kind (see `ARG_KINDS` for the rules in words). */
export const ARG_SCHEMAS = {
  string: v.string(),
  boolean: v.boolean(),
  stringList: v.array(v.string()),
  historyId: v.pipe(v.number(), v.finite(), v.minValue(0)),
  historyLimit: v.pipe(v.number(), v.finite(), v.minValue(1)),
  any: v.unknown(),
  roomMessage: TextMessageSchema,
  directMessage: TextMessageSchema,
  directListName: listName,
  accessListName: listName,
  roomListName: listName,
} as const satisfies Readonly<Record<ArgKind, v.GenericSchema>>;

/** The tuple schema of a command's arguments; `lenient`: its message argument has a checker hook, so any plain object passes. */
export function argumentsSchema(name: CommandName, lenient: boolean): v.GenericSchema<unknown, unknown[]> {
  const items = COMMANDS[name].args.map(({ kind }) =>
    lenient && ARG_KINDS[kind].checker !== null ? PlainObjectSchema : ARG_SCHEMAS[kind],
  );
  return v.strictTuple(items);
}

/**
 * The index of the first argument its kind refuses, or -1. `args` has the
 * command's arity. Each argument is checked against its kind's schema, as
 * the command's tuple schema would check it, without building the tuple's
 * output (this runs for every command).
 */
export function firstBadArgument(name: CommandName, args: readonly unknown[], lenient: boolean): number {
  const specs = COMMANDS[name].args;
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index];
    if (spec === undefined) break;
    const kind = spec.kind;
    const schema = lenient && ARG_KINDS[kind].checker !== null ? PlainObjectSchema : ARG_SCHEMAS[kind];
    if (!v.is(schema, args[index])) return index;
  }
  return -1;
}
