import { replyAckArgs } from '@chat-service/core';
import type { TransportHost } from '@chat-service/core';
import { splitPacket } from './acks.js';
import type { Ack } from './acks.js';
import type { Report } from './report.js';
import type { WriteHold } from './write-hold.js';

/** What the router needs from the transport. */
export interface RouterContext {
  host: TransportHost;
  /** Reports a swallowed failure to the logger. */
  report: Report;
  /** The socket's id. */
  socketId: string;
  /** The write hold of the socket's engine.io connection. */
  hold: WriteHold;
}

function sendAck(ctx: RouterContext, ack: Ack, args: unknown[], where: Record<string, unknown>): void {
  try {
    ack(...args);
  } catch (error) {
    // Typically data socket.io cannot encode (a cycle, a BigInt): the ack was not sent, so send the error instead.
    ctx.report(error, where, 'cannot send an ack');
    try {
      ack(ctx.host.wireError(error), null);
    } catch (again) {
      ctx.report(again, where, 'cannot send an error ack');
    }
  }
}

/**
 * Routes one incoming event packet `[name, ...args, ack?]` of a socket to
 * `host.command`, then acks the reply if the client asked for an ack. What
 * is written to the socket meanwhile goes out with the ack (see
 * `write-hold.ts`). Returns a promise only when a command runs.
 */
export function routePacket(ctx: RouterContext, packet: readonly unknown[]): Promise<void> | undefined {
  const { name, args, ack } = splitPacket(packet);
  // socket.io also accepts numeric event names; no command or handler has one.
  if (typeof name !== 'string') return undefined;
  const { socketId, hold } = ctx;
  hold.commandStarted();
  return ctx.host.command(socketId, name, args).then(
    (reply) => {
      const ackArgs = replyAckArgs(reply);
      const last = hold.commandAnswered();
      if (ack && ackArgs) sendAck(ctx, ack, ackArgs, { socketId, event: name });
      if (last) hold.release();
    },
    (error: unknown) => {
      if (hold.commandAnswered()) hold.release();
      throw error;
    },
  );
}
