/**
 * Bus messages checked as they come off a network: a valibot schema of the
 * message body (every field but `origin`, which a bus carries in front of the
 * body so that an instance can skip its own messages without decoding them).
 *
 * @module
 */
import * as v from 'valibot';
import type { BusMessage } from './ports.js';

const Args = v.array(v.unknown());

/** A bus message without its origin. */
export const BusBodySchema = v.variant('kind', [
  v.object({ kind: v.literal('emit'), channel: v.string(), event: v.string(), args: Args, exceptId: v.optional(v.nullable(v.string())) }),
  v.object({ kind: v.literal('leaveSocket'), id: v.string(), room: v.string() }),
  v.object({ kind: v.literal('socketLeft'), id: v.string(), room: v.string() }),
  v.object({ kind: v.literal('disconnectUser'), user: v.string() }),
  v.object({ kind: v.literal('custom'), event: v.string(), args: Args }),
]);

const RoomMessageArgs = v.tuple([v.string(), v.looseObject({ id: v.number() })]);

/** The id of a `roomMessage` notification's message (`args`: `[room, message]`); undefined for other arguments. */
export function roomMessageId(args: readonly unknown[]): number | undefined {
  return v.is(RoomMessageArgs, args) ? args[1].id : undefined;
}

/** A decoded body and the origin it came with, as a message; undefined when the body is not a bus message. */
export function toBusMessage(origin: string, body: unknown): BusMessage | undefined {
  if (!v.is(BusBodySchema, body)) return undefined;
  return { ...body, origin };
}
