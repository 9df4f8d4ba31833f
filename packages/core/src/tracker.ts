/**
 * Counts running commands and disconnect handlers, so `close()` can wait for them.
 */
export class Tracker {
  #running = 0;
  #idle: (() => void)[] = [];

  /** Counts a task in until {@link Tracker.end}: for an async function that tracks its own run (no promise to wrap). */
  begin(): void {
    this.#running++;
  }

  /** Counts a task begun with {@link Tracker.begin} out. */
  end(): void {
    this.#running--;
    if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Tracks a promise until it settles; returns it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.begin();
    const done = (): void => {
      this.end();
    };
    promise.then(done, done);
    return promise;
  }

  /** Resolves when nothing is running. */
  idle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
