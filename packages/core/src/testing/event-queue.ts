/**
 * Per-event FIFO buffers with waiters: the heart of every TestClient.
 */
export class EventQueue {
  #buffers = new Map<string, unknown[][]>();
  #waiters = new Map<string, ((args: unknown[]) => void)[]>();
  #taps: ((event: string, args: unknown[]) => void)[] = [];

  /** Observes every event as it arrives, without consuming it. */
  tap(listener: (event: string, args: unknown[]) => void): void {
    this.#taps.push(listener);
  }

  /** Records an event: hands it to the oldest waiter, or buffers it. */
  push(event: string, args: unknown[]): void {
    for (const tap of this.#taps) tap(event, args);
    const waiter = this.#waiters.get(event)?.shift();
    if (waiter) {
      waiter(args);
      return;
    }
    let buffer = this.#buffers.get(event);
    if (!buffer) this.#buffers.set(event, (buffer = []));
    buffer.push(args);
  }

  /** The next unconsumed occurrence of `event`. */
  next(event: string, timeoutMs = 3000): Promise<unknown[]> {
    const buffered = this.#buffers.get(event)?.shift();
    if (buffered) return Promise.resolve(buffered);
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(event) ?? [];
      this.#waiters.set(event, waiters);
      const waiter = (args: unknown[]): void => {
        clearTimeout(timer);
        resolve(args);
      };
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`timeout waiting for event "${event}" after ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  /**
   * Resolves if no `event` has arrived once `barrier` settles: a round trip on
   * the same socket, so that everything the server sent before its reply has
   * been received.
   */
  async expectNoneBy(event: string, barrier: Promise<unknown>): Promise<void> {
    await barrier.catch(() => undefined);
    const buffered = this.#buffers.get(event);
    if (buffered && buffered.length > 0) throw new Error(`unexpected event "${event}": ${safeJson(buffered[0])}`);
  }

  /**
   * `TestClient.expectNone` over this queue: without `ms`, checked after a
   * round trip (`listOwnSockets` through `call`) on the same socket; with `ms`,
   * after waiting that long.
   */
  expectNoneFor(event: string, ms: number | undefined, call: (command: string) => Promise<unknown>): Promise<void> {
    return ms === undefined ? this.expectNoneBy(event, call('listOwnSockets')) : this.expectNone(event, ms);
  }

  /** Resolves if no `event` arrives within `ms`. */
  async expectNone(event: string, ms = 300): Promise<void> {
    const buffered = this.#buffers.get(event);
    if (buffered && buffered.length > 0) throw new Error(`unexpected event "${event}": ${safeJson(buffered[0])}`);
    let got: unknown[] | undefined;
    try {
      got = await this.next(event, ms);
    } catch {
      return;
    }
    throw new Error(`unexpected event "${event}": ${safeJson(got)}`);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
