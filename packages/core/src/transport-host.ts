/**
 * What the core gives each transport (`TransportHost`): a new connection, a
 * command from a socket (rate limits, the pipeline, the reply), a disconnect,
 * and the wire form of an error.
 *
 * @module
 */
import { isCommandName } from './protocol/commands.js';
import { handleConnection, handleDisconnect } from './connections.js';
import { ChatServiceError, toWireError } from './errors.js';
import type { ExecInfo } from './exec-info.js';
import { executeCommand, replyResults } from './pipeline.js';
import type { CommandReply, Transport, TransportHost } from './ports.js';
import type { ServiceContext } from './service-context.js';

/** The host a transport is attached with. */
export function hostFor(ctx: ServiceContext, transport: Transport): TransportHost {
  return {
    connection: (id) => {
      handleConnection(ctx, transport, id);
    },
    command: (id, name, args) => socketCommand(ctx, id, name, args),
    disconnect: (id) => handleDisconnect(ctx, id),
    wireError: (error) => toWireError(error, ctx.options.useRawErrorObjects),
  };
}

async function socketCommand(ctx: ServiceContext, id: string, name: string, args: unknown[]): Promise<CommandReply | null> {
  const socket = ctx.sockets.get(id);
  if (!socket?.ready || !isCommandName(name)) return null;
  const limited = socket.userName === undefined ? null : ctx.limiter.take(socket, socket.userName);
  if (limited) {
    if (limited.flooding) {
      ctx.logger.info('flooding socket disconnected', { id, userName: socket.userName });
      void ctx.transport.disconnectSocket(id).catch(() => undefined);
    }
    return { error: limited.error };
  }
  const info: ExecInfo = {
    server: ctx.server,
    userName: socket.userName,
    id,
    isLocalCall: false,
    bypassPermissions: null,
    bypassHooks: false,
    args,
    restArgs: [],
    results: null,
    error: null,
    data: {},
  };
  const started = Date.now();
  const executed = (ok: boolean): void => {
    ctx.events.emit('commandExecuted', { command: name, userName: socket.userName, id, ok, durationMs: Date.now() - started });
  };
  try {
    const outcome = await ctx.tracker.track(executeCommand(ctx, name, info));
    executed(true);
    return { error: null, results: replyResults(outcome) };
  } catch (error) {
    // A ChatServiceError is the protocol's answer; anything else is a failure of the store, a hook or the core.
    if (!ChatServiceError.is(error)) ctx.logger.error('command failed', { command: name, id, error });
    executed(false);
    return { error: error ?? new Error(String(error)) };
  }
}
