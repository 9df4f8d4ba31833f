/**
 * Runs a hook under either calling convention: an async
 * function, or the reference's trailing Node-style callback.
 *
 * @module
 */
import { normalizeError } from './errors.js';

/** What a hook produced: the callback's result list, or the returned/resolved value. */
export type HookOutcome = { kind: 'callback'; results: unknown[] } | { kind: 'value'; value: unknown };

/** A hook callback in the reference style. */
export type HookCallback = (error?: unknown, ...results: unknown[]) => void;

type AnyHook = (...args: never[]) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Calls `hook(...args, cb)`. A synchronous callback wins, then a returned
 * thenable; a hook declaring the callback parameter is waited for; otherwise
 * its return value is the result. A throw or `cb(err)` rejects.
 */
export function runHook(hook: AnyHook, args: readonly unknown[]): Promise<HookOutcome> {
  try {
    return Promise.resolve(callHook(hook, args));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The resolvers of a hook that answers later, and whether it answered. */
interface Pending {
  resolve(outcome: HookOutcome): void;
  reject(error: unknown): void;
  settled: boolean;
}

/**
 * {@link runHook}, answering at once when the hook did (it returned a plain
 * value, or called `cb` before returning): then there is no promise to wait
 * for. A synchronous throw or `cb(err)` throws.
 */
export function callHook(hook: AnyHook, args: readonly unknown[]): HookOutcome | Promise<HookOutcome> {
  let sync = true;
  let syncOutcome: { error: unknown; results: unknown[] } | undefined;
  let pending: Pending | undefined;
  const cb: HookCallback = (error, ...results) => {
    if (sync) {
      syncOutcome ??= { error, results };
      return;
    }
    if (!pending || pending.settled) return;
    pending.settled = true;
    if (error) pending.reject(normalizeError(error));
    else pending.resolve({ kind: 'callback', results });
  };
  const returned = (hook as (...a: unknown[]) => unknown)(...args, cb);
  sync = false;
  if (syncOutcome) {
    if (syncOutcome.error) throw normalizeError(syncOutcome.error);
    return { kind: 'callback', results: syncOutcome.results };
  }
  const thenable = isThenable(returned) ? returned : undefined;
  // A hook declaring the callback parameter is waited for.
  if (!thenable && hook.length <= args.length) return { kind: 'value', value: returned };
  return new Promise<HookOutcome>((resolve, reject) => {
    const state: Pending = { resolve, reject, settled: false };
    pending = state;
    thenable?.then(
      (value) => {
        if (state.settled) return;
        state.settled = true;
        resolve({ kind: 'value', value });
      },
      (error: unknown) => {
        if (state.settled) return;
        state.settled = true;
        reject(error);
      },
    );
  });
}

/** The hook's results as one value: the callback's list, or the resolved value itself. */
export function outcomeValue(outcome: HookOutcome): unknown {
  return outcome.kind === 'callback' ? outcome.results : outcome.value;
}

/** The before/after rule: a truthy result with a non-zero `length` overrides the command's outcome. */
export function isOverride(value: unknown): boolean {
  if (!value) return false;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' && length !== 0;
}

/** The hook's results as a list (onConnect): a non-array value `v` becomes `[v]`. */
export function outcomeList(outcome: HookOutcome): unknown[] {
  if (outcome.kind === 'callback') return outcome.results;
  return Array.isArray(outcome.value) ? outcome.value : [outcome.value];
}
