/**
 * What the core gives each transport (`TransportHost`): a new connection (its
 * handshake and native socket kept in `local-sockets.ts`), a command or custom
 * event from a socket (custom handlers first, then rate limits, the pipeline
 * and the reply, shaped in `command-replies.ts`), a disconnect, and the wire
 * form of an error. None of its members throws or rejects.
 *
 * @module
 */
import { errorReply, runCustomHandler, safeWireError } from './command-replies.js';
import { isCommandName } from './protocol/commands.js';
import { handleConnection, handleDisconnect } from './connections.js';
import { ChatServiceError } from './errors.js';
import type { ExecInfo } from './exec-info.js';
import { handlerOf } from './local-sockets.js';
import { executeCommand, replyResults } from './pipeline.js';
import type { CommandReply, Transport, TransportHost } from './ports.js';
import type { ServiceContext } from './service-context.js';

/** The host a transport is attached with. */
export function hostFor(ctx: ServiceContext, transport: Transport): TransportHost {
  const raw = ctx.options.useRawErrorObjects;
  return {
    connection: (connection) => {
      try {
        handleConnection(ctx, transport, connection);
      } catch (error) {
        ctx.logger.error('connection failed', { id: connection.id, transport: transport.name, error });
      }
    },
    command: (id, name, args) => {
      // A bound handler wins over a command of the same name (custom handlers must not reuse command names anyway).
      const handler = handlerOf(ctx.sockets.get(id), name);
      return handler ? runCustomHandler(handler, args, raw) : guardedCommand(ctx, id, name, args);
    },
    disconnect: async (id) => {
      try {
        await handleDisconnect(ctx, id);
      } catch (error) {
        ctx.logger.error('disconnect cleanup failed', { id, transport: transport.name, error });
      }
    },
    wireError: (error) => safeWireError(error, raw),
  };
}

async function guardedCommand(ctx: ServiceContext, id: string, name: string, args: unknown[]): Promise<CommandReply> {
  try {
    return await socketCommand(ctx, id, name, args);
  } catch (error) {
    // socketCommand catches the command's failures; still answered so that the client is not left waiting.
    ctx.logger.error('command failed outside the command runner', { id, command: name, error });
    return errorReply(error, ctx.options.useRawErrorObjects);
  }
}

async function socketCommand(ctx: ServiceContext, id: string, name: string, args: unknown[]): Promise<CommandReply> {
  const raw = ctx.options.useRawErrorObjects;
  const socket = ctx.sockets.get(id);
  if (!socket?.ready || !isCommandName(name)) return { kind: 'dropped', loggedIn: socket?.loggedIn ?? false };
  const limited = socket.userName === undefined ? null : ctx.limiter.take(socket, socket.userName);
  if (limited) {
    if (limited.flooding) {
      ctx.logger.info('flooding socket disconnected', { id, userName: socket.userName });
      void ctx.transport.disconnectSocket(id).catch(() => undefined);
    }
    return errorReply(limited.error, raw);
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
    return { kind: 'result', results: replyResults(outcome) };
  } catch (error) {
    // A ChatServiceError is the protocol's answer; anything else is a failure of the store, a hook or the core.
    if (!ChatServiceError.is(error)) ctx.logger.error('command failed', { command: name, id, error });
    executed(false);
    return errorReply(error ?? new Error(String(error)), raw);
  }
}
