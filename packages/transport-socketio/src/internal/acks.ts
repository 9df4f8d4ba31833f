import type { CommandReply } from '@chat-service/core';

/** An ack function as socket.io attaches it to an incoming event. */
export type Ack = (...args: unknown[]) => void;

/** An incoming event split into its name, its arguments and its ack (if the client asked for one). */
export interface IncomingEvent {
  name: unknown;
  args: unknown[];
  ack: Ack | undefined;
}

function isAck(value: unknown): value is Ack {
  return typeof value === 'function';
}

/**
 * Splits a socket.io event packet `[name, ...args, ack?]`. Only socket.io
 * itself can put a function there (JSON carries none), so a trailing
 * function is the ack; a trailing non-function is just an argument.
 */
export function splitPacket(packet: readonly unknown[]): IncomingEvent {
  const [name, ...args] = packet;
  const last = args.at(-1);
  if (isAck(last)) {
    args.pop();
    return { name, args, ack: last };
  }
  return { name, args, ack: undefined };
}

/** The success ack arguments: `(null, data, ...extra)` with `data` (and an absent one) as `null`. */
export function successArgs(results: readonly unknown[]): unknown[] {
  const [data = null, ...extra] = results;
  return [null, data ?? null, ...extra];
}

/**
 * The ack arguments of a command reply, or `null` when
 * the reply is `null` (the request is dropped, no ack).
 */
export function replyArgs(reply: CommandReply | null, wireError: (error: unknown) => unknown): unknown[] | null {
  if (reply === null) return null;
  if (Array.isArray(reply.results)) return successArgs(reply.results);
  // Defensive: an error-less reply without results acks (null, null).
  if (reply.error === null || reply.error === undefined) return [null, null];
  return [wireError(reply.error), null];
}

/**
 * The ack arguments of a custom handler's result: an
 * array is spread, any other value is sent as one value.
 */
export function handlerResultArgs(result: unknown): unknown[] {
  return successArgs(Array.isArray(result) ? result : [result]);
}
