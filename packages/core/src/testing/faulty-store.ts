/**
 * Fault injection for tests: wraps a Store so chosen operations fail on demand.
 *
 * @module
 */
import type { Store } from '../ports.js';

/** A store decorator whose operations can be made to fail. */
export interface FaultyStore {
  /** The wrapped store to hand to the service. */
  readonly store: Store;
  /** Makes `method` reject (or, with `when`, only calls whose arguments match) until healed. */
  fail(method: keyof Store, options?: { error?: Error; when?: (...args: unknown[]) => boolean }): void;
  /** Stops every injected failure. */
  heal(): void;
  /** How many calls of `method` failed so far. */
  failures(method: keyof Store): number;
}

/** Wraps `store`; every method passes through until told to fail. */
export function createFaultyStore(store: Store): FaultyStore {
  const rules = new Map<string, { error: Error; when?: (...args: unknown[]) => boolean }>();
  const counts = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const rule = rules.get(key);
        if (rule && (!rule.when || rule.when(...args))) {
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return Promise.reject(rule.error);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: wrapped,
    fail(method, options = {}) {
      const rule: { error: Error; when?: (...args: unknown[]) => boolean } = { error: options.error ?? new Error(`injected ${method} failure`) };
      if (options.when) rule.when = options.when;
      rules.set(method, rule);
    },
    heal() {
      rules.clear();
    },
    failures: (method) => counts.get(method) ?? 0,
  };
}
