/**
 * The readiness probe (`/readyz`): ready while the store answers within a
 * short timeout (a PING on Redis, a heartbeat read on other stores) and the
 * service is not closing. `/healthz` stays the liveness probe.
 *
 * @module
 */

/** The outcome of one probe. */
export interface ReadinessReport {
  ready: boolean;
  /** Why not, when not ready. */
  reason?: string;
}

/** The part of a service the probe needs. */
export interface ReadinessSource {
  readonly instanceUID: string;
  readonly store: { getHeartbeat(instanceUID: string): Promise<number | null> };
  /** Subscribes to the service's `closed` event, after which the probe answers not ready. */
  on(event: 'closed', listener: () => void): unknown;
}

/** A readiness probe of one service. */
export interface Readiness {
  /** Probes the store now. */
  check(): Promise<ReadinessReport>;
  /** From now on not ready (call it when shutdown begins, before `close()`). */
  markClosing(): void;
}

/** The Redis client of a Redis store, when it has one. */
function pingOf(store: unknown): (() => Promise<unknown>) | undefined {
  const client = (store as { client?: { ping?: unknown } } | null)?.client;
  const ping = client?.ping;
  return typeof ping === 'function' ? () => (ping as () => Promise<unknown>).call(client) : undefined;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the store did not answer within ${String(ms)} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * @param service - a `ChatService` (or any `ChatServiceCore`)
 * @param timeoutMs - how long the store may take to answer
 */
export function createReadiness(service: ReadinessSource, timeoutMs = 1000): Readiness {
  let closing = false;
  service.on('closed', () => {
    closing = true;
  });
  const ping = pingOf(service.store);
  return {
    markClosing() {
      closing = true;
    },
    async check() {
      if (closing) return { ready: false, reason: 'closing' };
      try {
        await within(ping ? ping() : service.store.getHeartbeat(service.instanceUID), timeoutMs);
      } catch (error) {
        return { ready: false, reason: `store unavailable: ${error instanceof Error ? error.message : String(error)}` };
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the 'closed' listener or markClosing() may set it while the store is awaited.
      return closing ? { ready: false, reason: 'closing' } : { ready: true };
    },
  };
}
