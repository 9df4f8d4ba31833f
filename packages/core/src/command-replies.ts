/**
 * The {@link CommandReply} a transport sends back, shaped once for every
 * transport: a command's results or error, a custom handler's return value,
 * and the client form of an error (`useRawErrorObjects`), which never throws.
 *
 * @module
 */
import { toWireError } from './errors.js';
import type { CustomHandler } from './local-sockets.js';
import type { CommandReply } from './ports.js';

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'Error';
  }
}

/** The client form of an error under `useRawErrorObjects`; never throws (an unprintable error is `'Error'`). */
export function safeWireError(error: unknown, raw: boolean): unknown {
  try {
    return toWireError(error, raw);
  } catch {
    return safeString(error);
  }
}

/** An error reply: the thrown value and its client form. */
export function errorReply(error: unknown, raw: boolean): CommandReply {
  return { kind: 'error', error, wireError: safeWireError(error, raw) };
}

/**
 * Runs a custom handler bound with `service.transport.bindHandler`. An array
 * result is spread into the reply, any other value is one result; a throw or
 * rejection is an error reply.
 */
export async function runCustomHandler(handler: CustomHandler, args: unknown[], raw: boolean): Promise<CommandReply> {
  try {
    const value: unknown = await handler(...args);
    return { kind: 'result', results: Array.isArray(value) ? (value as unknown[]) : [value] };
  } catch (error) {
    return errorReply(error, raw);
  }
}
