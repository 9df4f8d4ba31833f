/**
 * `service.clusterBus`: events delivered to the listeners of every instance,
 * the sender included. Other instances hear them on the bus's global topic;
 * the sender's own listeners run inside `emit`.
 *
 * @module
 */
import { GLOBAL_TOPIC } from './bus-topics.js';
import type { Bus } from './ports.js';

type BusListener = (...args: unknown[]) => void;

/** An EventEmitter-like bus spanning every instance sharing the store. */
export class ClusterBus {
  #bus: Bus;
  #origin: string;
  #listen: () => Promise<void>;
  #listeners = new Map<string, BusListener[]>();
  #closed = false;

  /** `listen` starts the instance's subscriptions (the global topic among them). */
  constructor(bus: Bus, origin: string, listen: () => Promise<void>) {
    this.#bus = bus;
    this.#origin = origin;
    this.#listen = listen;
  }

  /** Resolves when this instance receives bus messages. */
  listen(): Promise<void> {
    return this.#listen();
  }

  /** Publishes `event(...args)` to every instance; args must be JSON-serialisable. */
  emit(event: string, ...args: unknown[]): boolean {
    if (!this.#closed) this.#bus.publish(GLOBAL_TOPIC, { kind: 'custom', origin: this.#origin, event, args }).catch(() => undefined);
    this.deliver(event, args);
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
    this.#closed = true;
    this.#listeners.clear();
  }

  /** Runs this instance's listeners of `event` (a message from another instance, or a local emit). */
  deliver(event: string, args: readonly unknown[]): void {
    const list = this.#listeners.get(event);
    if (!list) return;
    for (const listener of [...list]) {
      try {
        listener(...args);
      } catch {
        // a listener must not break delivery to the others
      }
    }
  }
}
