/**
 * The command pipeline: argument split, validation,
 * before hook, body, after hook.
 *
 * @module
 */
import { COMMANDS, isCommandName } from './commands/index.js';
import type { CommandDefinition } from './commands/define.js';
import type { Runtime } from './commands/runtime.js';
import { ChatServiceError } from './errors.js';
import type { ExecInfo } from './exec-info.js';
import { isOverride, outcomeValue, runHook } from './hook-runner.js';
import type { CommandHook, CommandName, Hooks } from './hooks.js';
import { measureSize } from './limits.js';
import { checkNameArgument } from './limit-checks.js';
import type { ResolvedOptions } from './options.js';
import { checkArg } from './schemas.js';

/** A command's outcome: its results, or a hook's override value. */
export type CommandOutcome = { override: false; results: unknown[] } | { override: true; value: unknown };

function definition(name: CommandName): CommandDefinition {
  return COMMANDS[name] as unknown as CommandDefinition;
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
  const { params } = definition(name);
  if (args.length !== params.length) throw new ChatServiceError('wrongArgumentsCount', params.length, args.length);
  for (const [index, kind] of params.entries()) {
    const checker = kind === 'roomMessage' ? hooks.roomMessagesChecker : kind === 'directMessage' ? hooks.directMessagesChecker : undefined;
    const value = args[index];
    if (!checkArg(kind, value, checker !== undefined)) throw new ChatServiceError('badArgument', index, value);
    if (kind === 'string' || kind === 'stringList') checkNameArgument(value);
    if ((kind === 'roomMessage' || kind === 'directMessage') && options.maxMessageSize > 0) {
      const size = measureSize(value, options.maxMessageSize);
      if (size > options.maxMessageSize) throw new ChatServiceError('messageTooLarge', size, options.maxMessageSize);
    }
    if (checker) await runHook(checker, [value]);
  }
}

async function runCommandHook(hook: CommandHook | undefined, info: ExecInfo): Promise<CommandOutcome | null> {
  if (!hook) return null;
  const value = outcomeValue(await runHook(hook, [info]));
  return isOverride(value) ? { override: true, value } : null;
}

/** Runs one command for an ExecInfo whose `args` hold every argument given. */
export async function executeCommand(rt: Runtime, name: CommandName, info: ExecInfo): Promise<CommandOutcome> {
  const def = definition(name);
  const all = info.args;
  info.args = all.slice(0, def.params.length);
  info.restArgs = all.slice(def.params.length);
  await validateArguments(rt, name, info.args);
  const hooks = rt.hooks;
  if (!info.bypassHooks) {
    const before = await runCommandHook(hooks[`${name}Before`], info);
    if (before) return before;
  }
  try {
    info.results = [await def.run(rt, info, info.args as never)];
  } catch (error) {
    info.error = error;
  }
  if (!info.bypassHooks) {
    const after = await runCommandHook(hooks[`${name}After`], info);
    if (after) return after;
  }
  if (info.error !== null && info.error !== undefined) throw info.error;
  return { override: false, results: info.results ?? [] };
}

/** The ack arguments after the error slot: an override array is spread, anything else is one value; never empty, never a leading undefined. */
export function replyResults(outcome: CommandOutcome): unknown[] {
  const list = outcome.override ? (Array.isArray(outcome.value) ? [...outcome.value] : [outcome.value]) : [...outcome.results];
  if (list.length === 0) list.push(null);
  if (list[0] === undefined) list[0] = null;
  return list;
}
