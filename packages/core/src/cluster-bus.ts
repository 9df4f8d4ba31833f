/**
 * `service.clusterBus`: events delivered to the listeners of every instance,
 * the sender included. Other instances hear them on the bus's global topic
 * (as `custom` bus messages); the sender's own listeners run inside `emit`.
 *
 * @module
 */
import { ServiceEmitter } from './events.js';
import type { BusCustom } from './ports.js';

/** Cluster-bus events: any name, JSON-serialisable arguments. */
export type ClusterEvents = Record<string, unknown[]>;

/** An EventEmitter-like bus spanning every instance sharing the store. */
export class ClusterBus extends ServiceEmitter<ClusterEvents> {
  #publish: (message: BusCustom) => void;
  #origin: string;
  #listen: () => Promise<void>;
  #closed = false;

  /** `publish` sends on the global topic; `listen` starts the instance's subscriptions (the global topic among them). */
  constructor(publish: (message: BusCustom) => void, origin: string, listen: () => Promise<void>) {
    super();
    this.#publish = publish;
    this.#origin = origin;
    this.#listen = listen;
  }

  /** Resolves when this instance receives bus messages. */
  listen(): Promise<void> {
    return this.#listen();
  }

  /** Publishes `event(...args)` to every instance, this one included; args must be JSON-serialisable. Always true. */
  override emit(event: string, ...args: unknown[]): boolean {
    if (!this.#closed) this.#publish({ kind: 'custom', origin: this.#origin, event, args });
    this.deliver(event, args);
    return true;
  }

  /** Stops publishing and removes every listener. */
  close(): void {
    this.#closed = true;
    this.removeAllListeners();
  }

  /** Runs this instance's listeners of `event` (a message from another instance, or a local emit). */
  deliver(event: string, args: readonly unknown[]): void {
    super.emit(event, ...args);
  }
}
