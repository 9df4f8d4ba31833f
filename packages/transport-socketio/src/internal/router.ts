import { replyAckArgs } from '@chat-service/core';
import type { TransportHost } from '@chat-service/core';
import type { Socket } from 'socket.io';
import { splitPacket } from './acks.js';
import type { Ack } from './acks.js';
import type { Report } from './report.js';
import { commandAnswered, commandStarted } from './write-hold.js';

/** What the router needs from the transport. */
export interface RouterContext {
  host: TransportHost;
  /** Reports a swallowed failure to the logger. */
  report: Report;
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
export function routePacket(ctx: RouterContext, socket: Socket, packet: readonly unknown[]): Promise<void> | undefined {
  const { name, args, ack } = splitPacket(packet);
  // socket.io also accepts numeric event names; no command or handler has one.
  if (typeof name !== 'string') return undefined;
  const { id: socketId, conn } = socket;
  commandStarted(conn);
  return ctx.host.command(socketId, name, args).then(
    (reply) => {
      const ackArgs = replyAckArgs(reply);
      commandAnswered(conn, ack && ackArgs ? () => { sendAck(ctx, ack, ackArgs, { socketId, event: name }); } : undefined);
    },
    (error: unknown) => {
      commandAnswered(conn);
      throw error;
    },
  );
}
