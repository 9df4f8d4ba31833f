/**
 * The service's typed events and a small emitter over mitt.
 *
 * @module
 */
import mitt from 'mitt';
import type { FailureInfo } from './commands/runtime.js';

/** Every event of the service, each with its argument list. */
export interface ServiceEvents {
  /** The service accepts connections. */
  ready: [];
  /**
   * The service could not start (port in use, store unreachable, `onStart`
   * failed, ...) and is closed; `ready` rejects with the same error.
   */
  error: [error: unknown];
  /** The service closed; with the close error or null. */
  closed: [error: unknown];
  /** A store operation failed where the protocol tolerates it; repair with the recovery API. */
  storeConsistencyFailure: [error: unknown, info: FailureInfo];
  /** A transport channel operation failed where the protocol tolerates it. */
  transportConsistencyFailure: [error: unknown, info: FailureInfo];
  /** A (user, room) lock was held longer than `lockTTL`. */
  lockTimeExceeded: [lockId: string, info: { userName: string; roomName: string }];
  /** A command finished (observability): name, outcome and duration in ms. */
  commandExecuted: [info: { command: string; userName: string | undefined; id: string | null; ok: boolean; durationMs: number }];
  /** A socket logged in or was rejected (observability). */
  socketConnected: [info: { id: string; userName: string; transport: string }];
  /** A login was rejected (observability). */
  loginRejected: [info: { id: string; transport: string; error: unknown }];
  /** A socket's disconnect cleanup finished (observability). */
  socketDisconnected: [info: { id: string; userName: string }];
}

/** A service event name. */
export type ServiceEventName = keyof ServiceEvents;

type Handlers = Record<string, unknown[]>;

/** A listener as registered: the function given, and the handler mitt calls for it. */
interface Registration {
  /** Compared by identity only. */
  readonly listener: unknown;
  readonly handler: (args: unknown[]) => void;
}

/**
 * An EventEmitter-like facade (`on`, `once`, `off`, `emit`) over mitt. As on
 * Node's EventEmitter, a listener is registered per event (the same function
 * on two events is two registrations, removed one at a time), a `once`
 * listener is removed by the function given, and `off` removes the most
 * recent registration of that function.
 */
export class ServiceEmitter<TEvents extends { [K in keyof TEvents]: unknown[] } = ServiceEvents> {
  #mitt = mitt<Handlers>();
  #registrations = new Map<string, Registration[]>();

  /** Adds a listener. */
  on<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    return this.#add(event, listener, false);
  }

  /** Adds a listener called once. */
  once<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    return this.#add(event, listener, true);
  }

  /** Removes the most recent registration of `listener` on `event` (by `on` or `once`). */
  off<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    const list = this.#registrations.get(event) ?? [];
    const index = list.map((r) => r.listener).lastIndexOf(listener);
    const registration = list[index];
    if (registration) this.#remove(event, registration);
    return this;
  }

  /** Calls every listener of `event`; a throwing listener does not stop the others. */
  emit<K extends keyof TEvents & string>(event: K, ...args: TEvents[K]): boolean {
    const handlers = this.#mitt.all.get(event);
    if (!handlers || handlers.length === 0) return false;
    for (const handler of [...handlers]) {
      try {
        (handler as (e: unknown[]) => void)(args);
      } catch {
        // listeners must not break the service
      }
    }
    return true;
  }

  /** Number of listeners of `event`. */
  listenerCount(event: keyof TEvents & string): number {
    return this.#mitt.all.get(event)?.length ?? 0;
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.#mitt.all.clear();
    this.#registrations.clear();
  }

  #add<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void, once: boolean): this {
    const registration: Registration = {
      listener,
      handler: (args) => {
        if (once) this.#remove(event, registration);
        listener(...(args as TEvents[K]));
      },
    };
    const list = this.#registrations.get(event);
    if (list) list.push(registration);
    else this.#registrations.set(event, [registration]);
    this.#mitt.on(event, registration.handler);
    return this;
  }

  #remove(event: string, registration: Registration): void {
    const list = this.#registrations.get(event);
    const index = list?.indexOf(registration) ?? -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.#registrations.delete(event);
    this.#mitt.off(event, registration.handler);
  }
}
