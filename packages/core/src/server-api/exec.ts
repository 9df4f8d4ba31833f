/**
 * `execUserCommand` and `validator.checkArguments`: client commands run or
 * checked from the server, with an optional Node-style callback last.
 *
 * @module
 */
import { COMMANDS, isCommandName } from '../protocol/commands.js';
import { isArray } from '../protocol/guards.js';
import { ChatServiceError } from '../errors.js';
import type { ExecInfo } from '../exec-info.js';
import { executeCommand, validateArguments } from '../pipeline.js';
import type { ServiceContext } from '../service-context.js';

/** The context of `execUserCommand`: a user name, a bypass flag, or an object. */
export type CommandContext =
  | string
  | boolean
  | null
  | undefined
  | {
      userName?: string | undefined;
      id?: string | null | undefined;
      bypassHooks?: boolean | undefined;
      bypassPermissions?: boolean | undefined;
      [extra: string]: unknown;
    };

type NodeCallback = (error: unknown, ...results: unknown[]) => void;

/** What running a command from the server needs. */
export type ExecContext = Pick<ServiceContext, 'server' | 'store' | 'tracker'> & Parameters<typeof executeCommand>[0];

function popCallback(args: unknown[]): NodeCallback | undefined {
  return typeof args[args.length - 1] === 'function' ? (args.pop() as NodeCallback) : undefined;
}

function withCallback<T>(promise: Promise<T>, cb: NodeCallback | undefined): Promise<T> {
  if (cb) {
    promise.then(
      (value) => {
        if (isArray(value)) cb(null, ...value);
        else cb(null, value);
      },
      (error: unknown) => {
        cb(error);
      },
    );
  }
  return promise;
}

function normalizeContext(context: CommandContext): Exclude<CommandContext, string | boolean | null | undefined> {
  if (typeof context === 'string') return { userName: context };
  if (typeof context === 'boolean') return { bypassPermissions: context };
  if (context === null || context === undefined) return {};
  return { ...context };
}

async function exec(ctx: ExecContext, context: CommandContext, command: string, args: unknown[]): Promise<unknown> {
  const { userName, id, bypassHooks, bypassPermissions, ...extras } = normalizeContext(context);
  if (userName && !(await ctx.store.hasUser(userName))) throw new ChatServiceError('noUser', userName);
  if (!isCommandName(command)) throw new ChatServiceError('noCommand', command);
  if (COMMANDS[command].needsSocket && !id) throw new ChatServiceError('noSocket', command);
  const info: ExecInfo = {
    ...extras,
    server: ctx.server,
    userName: userName || undefined, // eslint-disable-line @typescript-eslint/prefer-nullish-coalescing -- an empty name is no user, as in the check above
    id: id ?? null,
    isLocalCall: true,
    bypassPermissions: Boolean(bypassPermissions),
    bypassHooks: Boolean(bypassHooks),
    args,
    restArgs: [],
    results: null,
    error: null,
    data: {},
  };
  const outcome = await ctx.tracker.track(executeCommand(ctx, command, info));
  return outcome.override ? outcome.value : outcome.results;
}

/** `execUserCommand(context, command, ...args[, callback])`: the results array, or a hook's override value. */
export function execUserCommand(ctx: ExecContext, context: CommandContext, command: string, args: unknown[]): Promise<unknown> {
  const cb = popCallback(args);
  return withCallback(exec(ctx, context, command, args), cb);
}

/** `checkArguments(command, ...args[, callback])`: validates without running (extra arguments are an error here). */
export function checkArguments(ctx: Parameters<typeof validateArguments>[0], command: string, args: unknown[]): Promise<void> {
  const cb = popCallback(args);
  return withCallback(validateArguments(ctx, command, args), cb);
}
