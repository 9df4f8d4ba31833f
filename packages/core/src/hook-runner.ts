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
  return new Promise<HookOutcome>((resolve, reject) => {
    let settled = false;
    let sync = true;
    let syncOutcome: { error: unknown; results: unknown[] } | undefined;
    const cb: HookCallback = (error, ...results) => {
      if (sync) {
        syncOutcome ??= { error, results };
        return;
      }
      if (settled) return;
      settled = true;
      if (error) reject(normalizeError(error));
      else resolve({ kind: 'callback', results });
    };
    let returned: unknown;
    try {
      returned = (hook as (...a: unknown[]) => unknown)(...args, cb);
    } catch (error) {
      sync = false;
      settled = true;
      reject(error);
      return;
    }
    sync = false;
    if (syncOutcome) {
      settled = true;
      if (syncOutcome.error) reject(normalizeError(syncOutcome.error));
      else resolve({ kind: 'callback', results: syncOutcome.results });
      return;
    }
    if (isThenable(returned)) {
      Promise.resolve(returned).then(
        (value) => {
          if (settled) return;
          settled = true;
          resolve({ kind: 'value', value });
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          reject(error);
        },
      );
      return;
    }
    if (hook.length > args.length) return; // callback style: wait for cb
    settled = true;
    resolve({ kind: 'value', value: returned });
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
