/**
 * `service.clusterBus`: events delivered to the listeners of every instance,
 * the sender included, over the store's Bus.
 *
 * @module
 */
import type { Bus, BusMessage } from './ports.js';

type BusListener = (...args: unknown[]) => void;

/** An EventEmitter-like bus spanning every instance sharing the store. */
export class ClusterBus {
  #bus: Bus;
  #listeners = new Map<string, BusListener[]>();
  #unsubscribe: (() => void) | undefined;

  constructor(bus: Bus) {
    this.#bus = bus;
    this.#unsubscribe = bus.subscribe((message) => this.#deliver(message));
  }

  /** Resolves when this instance receives bus messages. */
  listen(): Promise<void> {
    return this.#bus.listen();
  }

  /** Publishes `event(...args)` to every instance; args must be JSON-serialisable. */
  emit(event: string, ...args: unknown[]): boolean {
    this.#bus.publish({ event, args }).catch(() => undefined);
    return true;
  }

  /** Adds a listener. */
  on(event: string, listener: BusListener): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener);
    this.#listeners.set(event, list);
    return this;
  }

  /** Adds a listener called once. */
  once(event: string, listener: BusListener): this {
    const wrapper: BusListener = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  /** Removes a listener. */
  off(event: string, listener: BusListener): this {
    const list = this.#listeners.get(event);
    if (list) {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    }
    return this;
  }

  /** Stops receiving and removes every listener. */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#listeners.clear();
  }

  #deliver(message: BusMessage): void {
    const list = this.#listeners.get(message.event);
    if (!list) return;
    for (const listener of [...list]) {
      try {
        listener(...message.args);
      } catch {
        // a listener must not break delivery to the others
      }
    }
  }
}
