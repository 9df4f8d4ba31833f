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

type Listener = unknown;
type Handlers = Record<string, unknown[]>;

/** An EventEmitter-like facade (`on`, `once`, `off`, `emit`) over mitt. */
export class ServiceEmitter<TEvents extends { [K in keyof TEvents]: unknown[] } = ServiceEvents> {
  #mitt = mitt<Handlers>();
  #wrappers = new Map<Listener, (args: unknown[]) => void>();

  /** Adds a listener. */
  on<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    const wrapper = (args: unknown[]): void => {
      (listener as (...a: unknown[]) => void)(...args);
    };
    this.#wrappers.set(listener, wrapper);
    this.#mitt.on(event, wrapper as (e: unknown[]) => void);
    return this;
  }

  /** Adds a listener called once. */
  once<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    const wrapper = (...args: TEvents[K]): void => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  /** Removes a listener. */
  off<K extends keyof TEvents & string>(event: K, listener: (...args: TEvents[K]) => void): this {
    const wrapper = this.#wrappers.get(listener);
    if (wrapper) this.#mitt.off(event, wrapper as (e: unknown[]) => void);
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
    this.#wrappers.clear();
  }
}
