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
import { type CheckedArgs, type CommandHookName, type CommandName, COMMAND_NAMES, COMMANDS, isCommandName } from './protocol/commands.js';
import { isArray } from './protocol/guards.js';
import { firstBadArgument } from './schemas.js';

/** A command's outcome: its results, or a hook's override value. */
export type CommandOutcome = { override: false; results: unknown[] } | { override: true; value: unknown };

/** Whether the command's message argument, if it has one, has a checker hook: then any plain object passes the type check. */
function isLenient(hooks: Readonly<Hooks>, name: CommandName): boolean {
  // A loop, not `some` with a callback: this runs for every command.
  for (const { kind } of COMMANDS[name].args) {
    const checker = ARG_KINDS[kind].checker;
    if (checker !== null && hooks[checker] !== undefined) return true;
  }
  return false;
}

/**
 * Asserts that `args` have the types the command's body declares: its arity, then each argument its kind.
 *
 * `checkedAlready`: these very arguments passed this check and nothing could
 * change them since (no before hook ran), so the check is not run twice.
 *
 * @throws {ChatServiceError} `wrongArgumentsCount`, or `badArgument` for the first argument refused (0-based)
 */
function assertArgumentTypes<K extends CommandName>(
  hooks: Readonly<Hooks>,
  name: K,
  args: readonly unknown[],
  checkedAlready = false,
): asserts args is CheckedArgs<K> {
  if (checkedAlready) return;
  const arity = COMMANDS[name].args.length;
  if (args.length !== arity) throw new ChatServiceError('wrongArgumentsCount', arity, args.length);
  const bad = firstBadArgument(name, args, isLenient(hooks, name));
  if (bad !== -1) throw new ChatServiceError('badArgument', bad, args[bad]);
}

/** What validation reads. */
interface PipelineContext {
  hooks: Readonly<Hooks>;
  options: Readonly<ResolvedOptions>;
}

/**
 * The checks after the types, from argument `start` on: names, then for a
 * message its size and its checker hook. Synchronous unless a checker hook
 * runs: then a promise of the rest, so that a command without one takes no
 * extra turn of the event loop.
 */
function checkArgumentsFrom(rt: PipelineContext, name: CommandName, args: readonly unknown[], start: number): Promise<void> | undefined {
  const specs = COMMANDS[name].args;
  // An index loop: an iterator would be an allocation per command.
  for (let index = start; index < specs.length; index++) {
    const spec = specs[index];
    if (spec === undefined) break;
    const value = args[index];
    const { names, checker } = ARG_KINDS[spec.kind];
    if (names) checkNameArgument(value);
    if (checker === null) continue;
    const max = rt.options.maxMessageSize;
    if (max > 0) {
      const size = measureSize(value, max);
      if (size > max) throw new ChatServiceError('messageTooLarge', size, max);
    }
    const hook = rt.hooks[checker];
    if (hook) return runHook(hook, [value]).then(() => checkArgumentsFrom(rt, name, args, index + 1));
  }
  return undefined;
}

/**
 * Validates arguments exactly: arity, then each type (0-based `badArgument`), then the message checker.
 *
 * @throws {ChatServiceError} `noCommand`, `wrongArgumentsCount`, `badArgument`, or the checker's error
 */
export async function validateArguments(rt: PipelineContext, name: string, args: readonly unknown[]): Promise<void> {
  if (!isCommandName(name)) throw new ChatServiceError('noCommand', name);
  await checkArguments(rt, name, args);
}

/** The types, then the other checks; a promise only when a checker hook runs. */
function checkArguments(rt: PipelineContext, name: CommandName, args: readonly unknown[]): Promise<void> | undefined {
  assertArgumentTypes(rt.hooks, name, args);
  return checkArgumentsFrom(rt, name, args, 0);
}

/** Each command's hook names, built once rather than per call. */
const HOOK_NAMES = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, { before: `${name}Before`, after: `${name}After` }] as const),
) as Readonly<Record<CommandName, { readonly before: CommandHookName; readonly after: CommandHookName }>>;

async function runCommandHook(hook: CommandHook, info: ExecInfo): Promise<CommandOutcome | null> {
  const value = outcomeValue(await runHook(hook, [info]));
  return isOverride(value) ? { override: true, value } : null;
}

/** The outcome of a body that resolved with `value`. */
function resultOutcome(value: unknown): CommandOutcome {
  return { override: false, results: [value] };
}

/**
 * Runs one command for an ExecInfo whose `args` hold every argument given.
 * When no hook runs for it (no checker, before or after hook), nothing waits
 * but the body, and the outcome is the body's promise, mapped.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- K correlates COMMAND_BODIES[name] with the args assertArgumentTypes narrows
export function executeCommand<K extends CommandName>(rt: Runtime, name: K, info: ExecInfo): Promise<CommandOutcome> {
  try {
    const arity = COMMANDS[name].args.length;
    const all = info.args;
    if (all.length > arity) {
      info.args = all.slice(0, arity);
      info.restArgs = all.slice(arity);
    }
    const checking = checkArguments(rt, name, info.args);
    const names = HOOK_NAMES[name];
    const before = info.bypassHooks ? undefined : rt.hooks[names.before];
    const after = info.bypassHooks ? undefined : rt.hooks[names.after];
    if (checking === undefined && before === undefined && after === undefined) {
      const args = info.args;
      assertArgumentTypes(rt.hooks, name, args, true); // checked above: this only narrows the type
      return COMMAND_BODIES[name](rt, info, args).then(resultOutcome);
    }
    return executeWithHooks(rt, name, info, { checking, before, after });
  } catch (error) {
    // The validation's ChatServiceError, or whatever a body threw synchronously, unchanged.
    return Promise.reject(error);
  }
}

/** What waits for this call: the checker hook's promise, and the command's hooks. */
interface CallHooks {
  checking: Promise<void> | undefined;
  before: CommandHook | undefined;
  after: CommandHook | undefined;
}

/** The rest of {@link executeCommand} when a hook runs: the checker's promise, then the before hook, the body, the after hook. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as executeCommand
async function executeWithHooks<K extends CommandName>(
  rt: Runtime,
  name: K,
  info: ExecInfo,
  { checking, before, after }: CallHooks,
): Promise<CommandOutcome> {
  if (checking) await checking;
  if (before) {
    const override = await runCommandHook(before, info);
    if (override) return override;
  }
  try {
    // A before hook may have replaced the arguments: the body still gets the types it declares.
    const args = info.args;
    assertArgumentTypes(rt.hooks, name, args, before === undefined);
    info.results = [await COMMAND_BODIES[name](rt, info, args)];
  } catch (error) {
    info.error = error;
  }
  if (after) {
    const override = await runCommandHook(after, info);
    if (override) return override;
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- passes on the command's or the after hook's own error unchanged, whatever it is
  if (info.error !== null && info.error !== undefined) throw info.error;
  return { override: false, results: info.results ?? [] };
}

/** The ack arguments after the error slot: an override array is spread, anything else is one value; never empty, never a leading undefined. */
export function replyResults(outcome: CommandOutcome): unknown[] {
  if (!outcome.override && outcome.results.length > 0 && outcome.results[0] !== undefined) return outcome.results;
  const list = outcome.override ? (isArray(outcome.value) ? [...outcome.value] : [outcome.value]) : [...outcome.results];
  if (list.length === 0) list.push(null);
  if (list[0] === undefined) list[0] = null;
  return list;
}
