/**
 * The test clients' bound on a wait: the core's `withTimeout`, with a message
 * naming what was awaited and a non-Error rejection turned into an Error.
 *
 * @module
 */
import { withTimeout as bound } from '@chat-service/core/testing';

/** Rejects with `timeout: <what> after <ms> ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const settled = promise.catch((error: unknown) => {
    throw error instanceof Error ? error : new Error(String(error));
  });
  return bound(settled, ms, () => new Error(`timeout: ${what} after ${String(ms)} ms`));
}
