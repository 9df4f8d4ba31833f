/**
 * One queue per user: an operation runs after the user's previous one has
 * settled, so echo counts follow the store's order.
 *
 * @module
 */

/** See the module doc. */
export class UserQueue {
  #tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` after the user's previous queued operation (whatever its outcome). */
  run<T>(user: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(user) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.#tails.set(user, tail);
    void tail.then(() => {
      if (this.#tails.get(user) === tail) this.#tails.delete(user);
    });
    return next;
  }
}
