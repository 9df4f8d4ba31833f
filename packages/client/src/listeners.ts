/**
 * A small listener registry for the client's events: the server's
 * notifications and the client's own.
 *
 * @module
 */

/** A stored listener; calls come from decoded frames, whose params the protocol types. */
export type Listener = (...args: never) => void;

/** Listeners by event name. */
export class Listeners {
  readonly #byEvent = new Map<string, Set<Listener>>();

  /** Adds a listener (once per function, like `EventTarget`). */
  on(event: string, listener: Listener): void {
    const set = this.#byEvent.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.#byEvent.set(event, set);
  }

  /** Removes a listener. */
  off(event: string, listener: Listener): void {
    this.#byEvent.get(event)?.delete(listener);
  }

  /** Calls every listener of `event` with `params`. */
  emit(event: string, params: readonly unknown[]): void {
    for (const listener of [...(this.#byEvent.get(event) ?? [])]) {
      (listener as (...args: readonly unknown[]) => void)(...params);
    }
  }
}
