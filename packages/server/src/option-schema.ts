/**
 * The types of `new ChatService(options)`'s options: the core's, plus the
 * adapter options of the server package. Checked in the constructor.
 *
 * Adding an option: one line here (or in the core's `CORE_OPTION_SCHEMAS` for
 * a core option); the `satisfies` clause keeps the list complete.
 *
 * @module
 */
import { CORE_OPTION_SCHEMAS, checkOptions } from '@chat-service/core';
import type { Logger, OptionSchema } from '@chat-service/core';
import * as v from 'valibot';
import type { ChatServiceOptions } from './chat-service.js';

const anything = v.unknown();
const object = v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'an object');
const method = v.custom<(...args: unknown[]) => unknown>((value) => typeof value === 'function', 'a function');

/** The schema of each {@link ChatServiceOptions} key. */
export const CHAT_SERVICE_OPTION_SCHEMAS = {
  ...CORE_OPTION_SCHEMAS,
  port: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
  state: anything,
  stateOptions: object,
  transport: anything,
  transportOptions: object,
  adapter: anything,
  adapterOptions: anything,
  allowedOrigins: v.array(v.string()),
  logger: v.looseObject({ debug: method, info: method, warn: method, error: method }),
} as const satisfies Record<keyof ChatServiceOptions, OptionSchema>;

/**
 * Checks the options of `new ChatService()`; unknown keys go to `warn`.
 *
 * @throws {OptionError} for an option of the wrong type, naming it
 */
export function checkServiceOptions(options: Readonly<Record<string, unknown>>, warn: (message: string) => void): void {
  const unknown = checkOptions(options, CHAT_SERVICE_OPTION_SCHEMAS);
  if (unknown.length > 0) {
    warn(`unknown option${unknown.length > 1 ? 's' : ''} ignored: ${unknown.join(', ')} (see ChatServiceOptions for the known ones)`);
  }
}

/**
 * Checks the service options among `createChatService()`'s (the ports, hooks,
 * `instanceUID` and `logger` aside); unknown keys go to `warn`.
 *
 * @throws {OptionError} for an option of the wrong type, naming it
 */
export function checkCoreOptions(options: Readonly<Record<string, unknown>>, warn: (message: string) => void): void {
  const unknown = checkOptions(options, CORE_OPTION_SCHEMAS);
  if (unknown.length > 0) warn(`unknown option${unknown.length > 1 ? 's' : ''} ignored: ${unknown.join(', ')} (see CoreOptions for the known ones)`);
}

/** Where the unknown-option warning goes without a logger: Node's warning channel. */
export function defaultWarn(logger: Logger | undefined): (message: string) => void {
  if (logger) return (message) => { logger.warn(message); };
  return (message) => { process.emitWarning(message, 'ChatServiceWarning'); };
}
