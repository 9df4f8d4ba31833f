import type { TransportHost } from '@chat-service/core';
import { handlerResultArgs, replyArgs, splitPacket } from './acks.js';
import type { Ack } from './acks.js';

/** A custom event handler bound with `bindHandler`. */
export type CustomHandler = (...args: unknown[]) => unknown;

/** What the router needs from the transport. */
export interface RouterContext {
  host: TransportHost;
  /** The custom handler bound for this socket and event, if any. */
  handlerFor(socketId: string, event: string): CustomHandler | undefined;
  /** Reports a swallowed failure to the logger. */
  report(error: unknown, context: Record<string, unknown>, message: string): void;
}

function wireErrorOf(ctx: RouterContext, error: unknown): unknown {
  try {
    return ctx.host.wireError(error);
  } catch (conversionError) {
    ctx.report(conversionError, {}, 'host.wireError failed; sending String(error)');
    return String(error);
  }
}

async function runHandler(ctx: RouterContext, handler: CustomHandler, args: unknown[]): Promise<unknown[]> {
  try {
    return handlerResultArgs(await handler(...args));
  } catch (error) {
    return [wireErrorOf(ctx, error), null];
  }
}

async function runCommand(
  ctx: RouterContext,
  socketId: string,
  name: string,
  args: unknown[],
): Promise<unknown[] | null> {
  try {
    return replyArgs(await ctx.host.command(socketId, name, args), (error) => wireErrorOf(ctx, error));
  } catch (error) {
    // host.command must not reject: a bug in the core, still answered so the client is not left waiting.
    ctx.report(error, { socketId, event: name }, 'host.command failed');
    return [wireErrorOf(ctx, error), null];
  }
}

function sendAck(ctx: RouterContext, ack: Ack, args: unknown[], where: Record<string, unknown>): void {
  try {
    ack(...args);
  } catch (error) {
    // Typically data socket.io cannot encode (a cycle, a BigInt): the ack was not sent, so send the error instead.
    ctx.report(error, where, 'cannot send an ack');
    try {
      ack(wireErrorOf(ctx, error), null);
    } catch (again) {
      ctx.report(again, where, 'cannot send an error ack');
    }
  }
}

/**
 * Routes one incoming event packet `[name, ...args, ack?]` of a socket: to a
 * custom handler bound for it, else to `host.command`, then acks the result
 * if the client asked for an ack. Never throws or rejects.
 */
export async function routePacket(ctx: RouterContext, socketId: string, packet: readonly unknown[]): Promise<void> {
  const { name, args, ack } = splitPacket(packet);
  // socket.io also accepts numeric event names; no command or handler has one.
  if (typeof name !== 'string') return;
  const handler = ctx.handlerFor(socketId, name);
  const ackArgs = handler ? await runHandler(ctx, handler, args) : await runCommand(ctx, socketId, name, args);
  if (ack && ackArgs) sendAck(ctx, ack, ackArgs, { socketId, event: name });
}
