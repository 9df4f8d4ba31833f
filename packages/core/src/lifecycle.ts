/**
 * The service's lifecycle: start (bus, `onStart`, transports, heartbeat,
 * `ready`), a failed start, and `close()` (transports with their clients'
 * cleanups, `onClose`, then the state).
 *
 * @module
 */
import { ChatServiceError } from './errors.js';
import { runHook } from './hook-runner.js';
import type { ServiceContext } from './service-context.js';
import { withTimeout } from './timeout.js';
import { hostFor } from './transport-host.js';

/** Where a service is in its life. */
export interface LifecycleState {
  /** No more heartbeats or `ready`: closing, closed or failed. */
  closed: boolean;
  /** The close, once asked for (or a resolved promise after a failed start). */
  closing: Promise<void> | undefined;
  /** The heartbeat timer. */
  heartbeat: ReturnType<typeof setInterval> | undefined;
}

/** Attaches every transport: connections are served from now on. */
export async function attachTransports(ctx: ServiceContext): Promise<void> {
  await Promise.all(ctx.transports.map((t) => t.attach(hostFor(ctx, t))));
}

function beat(ctx: ServiceContext): Promise<void> {
  return ctx.store.setHeartbeat(ctx.instanceUID, Date.now());
}

/**
 * Starts the service; `attached`: the transports were attached already (no `onStart`).
 * On failure the service is closed, `error` and `closed` are emitted, and the error rethrown.
 */
export async function startService(
  ctx: ServiceContext,
  state: LifecycleState,
  steps: { attached: Promise<void> | undefined; beforeReady: () => Promise<void> },
): Promise<void> {
  try {
    await ctx.routing.listen();
    if (ctx.hooks.onStart) {
      await runHook(ctx.hooks.onStart, [ctx.server]);
      await attachTransports(ctx);
    } else {
      await steps.attached;
    }
    await steps.beforeReady();
    await beat(ctx);
    if (state.closed) return;
    state.heartbeat = setInterval(() => {
      beat(ctx).catch((error: unknown) => {
        ctx.logger.warn('heartbeat failed', { error });
      });
    }, ctx.options.heartbeatRate);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- lint reads Node's timer types; outside Node unref is absent (platform.d.ts)
    state.heartbeat.unref?.();
  } catch (error) {
    await shutdown(ctx, state, error);
    throw error;
  }
  await Promise.resolve();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may set it during the await above; TS keeps the earlier narrowing
  if (!state.closed) ctx.events.emit('ready');
}

/** A failed start: close transports and state, emit `error(error)` then `closed(error)`; `onClose` does not run. */
async function shutdown(ctx: ServiceContext, state: LifecycleState, error: unknown): Promise<void> {
  state.closed = true;
  state.closing = Promise.resolve();
  clearInterval(state.heartbeat);
  await ctx.transport.close().catch(() => undefined);
  // A transport need not wait for the core's disconnect cleanups of its clients: the state outlives them (up to closeTimeout).
  await withTimeout(ctx.tracker.idle(), ctx.options.closeTimeout, () => new ChatServiceError('timeout')).catch(() => undefined);
  await closeState(ctx);
  ctx.events.emit('error', error);
  ctx.events.emit('closed', error);
}

async function closeState(ctx: ServiceContext): Promise<void> {
  ctx.clusterBus.close();
  ctx.routing.close();
  await ctx.bus.close().catch(() => undefined);
  await ctx.store.close().catch(() => undefined);
}

/** `service.close()`: the first call closes, later ones resolve at once. */
export function closeService(ctx: ServiceContext, state: LifecycleState): Promise<void> {
  if (state.closing) return Promise.resolve();
  state.closing = close(ctx, state);
  return state.closing;
}

async function close(ctx: ServiceContext, state: LifecycleState): Promise<void> {
  state.closed = true;
  clearInterval(state.heartbeat);
  let transportError: unknown = null;
  try {
    await withTimeout(
      (async () => {
        await ctx.transport.close();
        await ctx.tracker.idle();
      })(),
      ctx.options.closeTimeout,
      () => new ChatServiceError('timeout'),
    );
  } catch (error) {
    transportError = error;
  }
  let result: unknown = transportError;
  if (ctx.hooks.onClose) {
    result = await runHook(ctx.hooks.onClose, [ctx.server, transportError]).then(
      () => null,
      (error: unknown) => error,
    );
  }
  await closeState(ctx);
  ctx.events.emit('closed', result);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- passes on onClose's or the transport's own reason unchanged, whatever it is
  if (result !== null && result !== undefined) throw result;
}
