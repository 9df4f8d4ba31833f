/**
 * The command pipeline: argument split, validation,
 * before hook, body, after hook.
 *
 * @module
 */
import { COMMAND_BODIES } from './commands/index.js';
import type { Runtime } from './commands/runtime.js';
import { ChatServiceError } from './errors.js';
import type { ExecInfo } from './exec-info.js';
import { isOverride, outcomeValue, runHook } from './hook-runner.js';
import type { CommandHook, Hooks } from './hooks.js';
import { measureSize } from './limits.js';
import { checkNameArgument } from './limit-checks.js';
import type { ResolvedOptions } from './options.js';
import { ARG_KINDS } from './protocol/arg-kinds.js';
import { type CheckedArgs, type CommandName, COMMANDS, isCommandName } from './protocol/commands.js';
import { isArray } from './protocol/guards.js';
import { firstBadArgument } from './schemas.js';

/** A command's outcome: its results, or a hook's override value. */
export type CommandOutcome = { override: false; results: unknown[] } | { override: true; value: unknown };

/** Whether the command's message argument, if it has one, has a checker hook: then any plain object passes the type check. */
function isLenient(hooks: Readonly<Hooks>, name: CommandName): boolean {
  return COMMANDS[name].args.some(({ kind }) => {
    const checker = ARG_KINDS[kind].checker;
    return checker !== null && hooks[checker] !== undefined;
  });
}

/**
 * Asserts that `args` have the types the command's body declares: its arity, then each argument its kind.
 *
 * @throws {ChatServiceError} `wrongArgumentsCount`, or `badArgument` for the first argument refused (0-based)
 */
function assertArgumentTypes<K extends CommandName>(
  hooks: Readonly<Hooks>,
  name: K,
  args: readonly unknown[],
): asserts args is CheckedArgs<K> {
  const arity = COMMANDS[name].args.length;
  if (args.length !== arity) throw new ChatServiceError('wrongArgumentsCount', arity, args.length);
  const bad = firstBadArgument(name, args, isLenient(hooks, name));
  if (bad !== -1) throw new ChatServiceError('badArgument', bad, args[bad]);
}

/**
 * Validates arguments exactly: arity, then each type (0-based `badArgument`), then the message checker.
 *
 * @throws {ChatServiceError} `noCommand`, `wrongArgumentsCount`, `badArgument`, or the checker's error
 */
export async function validateArguments(
  { hooks, options }: { hooks: Readonly<Hooks>; options: Readonly<ResolvedOptions> },
  name: string,
  args: readonly unknown[],
): Promise<void> {
  if (!isCommandName(name)) throw new ChatServiceError('noCommand', name);
  assertArgumentTypes(hooks, name, args);
  for (const [index, { kind }] of COMMANDS[name].args.entries()) {
    const value = args[index];
    const { names, checker } = ARG_KINDS[kind];
    if (names) checkNameArgument(value);
    if (checker === null) continue;
    if (options.maxMessageSize > 0) {
      const size = measureSize(value, options.maxMessageSize);
      if (size > options.maxMessageSize) throw new ChatServiceError('messageTooLarge', size, options.maxMessageSize);
    }
    const hook = hooks[checker];
    if (hook) await runHook(hook, [value]);
  }
}

async function runCommandHook(hook: CommandHook | undefined, info: ExecInfo): Promise<CommandOutcome | null> {
  if (!hook) return null;
  const value = outcomeValue(await runHook(hook, [info]));
  return isOverride(value) ? { override: true, value } : null;
}

/** Runs one command for an ExecInfo whose `args` hold every argument given. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- K correlates COMMAND_BODIES[name] with the args assertArgumentTypes narrows
export async function executeCommand<K extends CommandName>(rt: Runtime, name: K, info: ExecInfo): Promise<CommandOutcome> {
  const arity = COMMANDS[name].args.length;
  const all = info.args;
  info.args = all.slice(0, arity);
  info.restArgs = all.slice(arity);
  await validateArguments(rt, name, info.args);
  const hooks = rt.hooks;
  if (!info.bypassHooks) {
    const before = await runCommandHook(hooks[`${name}Before`], info);
    if (before) return before;
  }
  try {
    // A before hook may have replaced the arguments: the body still gets the types it declares.
    const args = info.args;
    assertArgumentTypes(hooks, name, args);
    info.results = [await COMMAND_BODIES[name](rt, info, args)];
  } catch (error) {
    info.error = error;
  }
  if (!info.bypassHooks) {
    const after = await runCommandHook(hooks[`${name}After`], info);
    if (after) return after;
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- passes on the command's or the after hook's own error unchanged, whatever it is
  if (info.error !== null && info.error !== undefined) throw info.error;
  return { override: false, results: info.results ?? [] };
}

/** The ack arguments after the error slot: an override array is spread, anything else is one value; never empty, never a leading undefined. */
export function replyResults(outcome: CommandOutcome): unknown[] {
  const list = outcome.override ? (isArray(outcome.value) ? [...outcome.value] : [outcome.value]) : [...outcome.results];
  if (list.length === 0) list.push(null);
  if (list[0] === undefined) list[0] = null;
  return list;
}
