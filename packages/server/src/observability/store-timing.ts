/**
 * Times every operation of a Store port (for the store latency and error
 * metrics), by wrapping its methods in place, once per store, so that every
 * observer (several metrics objects on one service) hears every call.
 *
 * @module
 */

/** Hears one finished store operation. */
export type StoreObserver = (operation: string, seconds: number, failed: boolean) => void;

/** Bus and lifecycle methods a store may also have: not store operations. */
const NOT_OPERATIONS = new Set(['constructor', 'listen', 'publish', 'subscribe', 'close']);
const observers = new WeakMap<object, Set<StoreObserver>>();

function methodNames(store: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = store; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (descriptor && typeof descriptor.value === 'function' && !NOT_OPERATIONS.has(name)) names.add(name);
    }
  }
  return [...names];
}

function wrap(store: Record<string, unknown>, name: string, heard: Set<StoreObserver>): void {
  const original = store[name] as (...args: unknown[]) => unknown;
  const report = (started: number, failed: boolean): void => {
    const seconds = (performance.now() - started) / 1000;
    for (const observer of heard) observer(name, seconds, failed);
  };
  store[name] = function timed(this: unknown, ...args: unknown[]): unknown {
    const started = performance.now();
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      report(started, true);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          report(started, false);
          return value;
        },
        (error: unknown) => {
          report(started, true);
          throw error;
        },
      );
    }
    report(started, false);
    return result;
  };
}

/**
 * Reports every store operation of `store` to `observer`.
 *
 * @returns stops reporting to this observer
 */
export function observeStore(store: object, observer: StoreObserver): () => void {
  let heard = observers.get(store);
  if (!heard) {
    const set = new Set<StoreObserver>();
    heard = set;
    observers.set(store, set);
    // A frozen (or sealed) store cannot be timed; it still works, its operations just go unmeasured.
    if (Object.isExtensible(store)) for (const name of methodNames(store)) wrap(store as Record<string, unknown>, name, set);
  }
  heard.add(observer);
  const mine = heard;
  return () => void mine.delete(observer);
}
