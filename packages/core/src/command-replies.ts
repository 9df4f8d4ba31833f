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

/**
 * A command's results as socket.io-style ack arguments: `(null, data, ...extra)`,
 * `data` (and an absent one) as `null`.
 *
 * @param results - the command's results
 * @returns the ack arguments, at least two
 */
export function resultAckArgs(results: readonly unknown[]): unknown[] {
  // A loop rather than rest destructuring and spreads: this runs for every ack.
  const args: unknown[] = [null, results[0] ?? null];
  for (let i = 1; i < results.length; i++) args.push(results[i]);
  return args;
}

/**
 * A reply as socket.io-style ack arguments: `(null, data, ...extra)` for
 * results, `(wireError, null)` for an error, `null` when the command is not
 * answered (dropped). The socket.io transport and the in-process test
 * transport ack with it.
 *
 * @param reply - the host's reply
 * @returns the ack arguments, or `null` for no ack
 */
export function replyAckArgs(reply: CommandReply): unknown[] | null {
  switch (reply.kind) {
    case 'result':
      return resultAckArgs(reply.results);
    case 'error':
      return [reply.wireError, null];
    case 'dropped':
      return null;
  }
}
