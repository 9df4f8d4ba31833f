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
      return handler ? runCustomHandler(handler, args, raw) : socketCommand(ctx, id, name, args);
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

/**
 * A socket's command: login and rate-limit checks, the pipeline, the reply.
 * Whatever fails is answered, so that the client is not left waiting.
 */
async function socketCommand(ctx: ServiceContext, id: string, name: string, args: unknown[]): Promise<CommandReply> {
  const raw = ctx.options.useRawErrorObjects;
  let started = -1;
  let userName: string | undefined;
  ctx.tracker.begin();
  try {
    const socket = ctx.sockets.get(id);
    if (!socket?.ready || !isCommandName(name)) return { kind: 'dropped', loggedIn: socket?.loggedIn ?? false };
    userName = socket.userName;
    const limited = userName === undefined ? null : ctx.limiter.take(socket, userName);
    if (limited) return limitedReply(ctx, id, userName, limited);
    // The event's payload is built only when someone listens (metrics, the CLI's connection log).
    if (ctx.events.listenerCount('commandExecuted') > 0) started = Date.now();
    const outcome = await executeCommand(ctx, name, socketExecInfo(ctx, id, userName, args));
    if (started >= 0) ctx.events.emit('commandExecuted', { command: name, userName, id, ok: true, durationMs: Date.now() - started });
    return { kind: 'result', results: replyResults(outcome) };
  } catch (error) {
    // A ChatServiceError is the protocol's answer; anything else is a failure of the store, a hook or the core.
    if (!ChatServiceError.is(error)) ctx.logger.error('command failed', { command: name, id, error });
    if (started >= 0) ctx.events.emit('commandExecuted', { command: name, userName, id, ok: false, durationMs: Date.now() - started });
    return errorReply(error ?? new Error(String(error)), raw);
  } finally {
    ctx.tracker.end();
  }
}

function limitedReply(ctx: ServiceContext, id: string, userName: string | undefined, limited: { error: unknown; flooding: boolean }): CommandReply {
  if (limited.flooding) {
    ctx.logger.info('flooding socket disconnected', { id, userName });
    void ctx.transport.disconnectSocket(id).catch(() => undefined);
  }
  return errorReply(limited.error, ctx.options.useRawErrorObjects);
}

function socketExecInfo(ctx: ServiceContext, id: string, userName: string | undefined, args: unknown[]): ExecInfo {
  return {
    server: ctx.server,
    userName,
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
}
