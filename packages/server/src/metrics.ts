/**
 * Prometheus metrics of a service, on prom-client: Node's process metrics
 * (CPU, memory, event-loop lag, GC) beside the service's own, fed by its
 * events, its store and its bus.
 *
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BusTraffic, ServiceEmitter } from '@chat-service/core';
import { busSamples } from './observability/bus-traffic.js';
import { observeStore } from './observability/store-timing.js';

/** The metrics of one service. */
export interface PrometheusMetrics {
  /** The metrics in the Prometheus text format. */
  render(): Promise<string>;
  /** The content type to serve them with. */
  readonly contentType: string;
  /** The prom-client registry (register your own metrics on it). */
  readonly registry: Registry;
}

/** The part of a service the metrics need: its events, its id and its store (the bus too, when it is one). */
export type MetricsSource = Pick<ServiceEmitter, 'on'> & {
  readonly instanceUID: string;
  /** The bus counters (a `ChatService` has them). */
  readonly busTraffic?: BusTraffic;
  readonly store?: { getInstanceSockets(instanceUID: string): Promise<Record<string, string>>; getUserSockets(user: string): Promise<{ id: string; rooms: string[] }[]> };
};

/** Options of {@link createPrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** Collect prom-client's default process metrics. @default true */
  processMetrics?: boolean;
}

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Rooms with at least one socket of this instance, read from the store at scrape time. */
async function localRooms(source: MetricsSource): Promise<number> {
  const store = source.store;
  if (!store) return 0;
  const sockets = await store.getInstanceSockets(source.instanceUID);
  const users = [...new Set(Object.values(sockets))];
  const rooms = new Set<string>();
  for (const list of await Promise.all(users.map((u) => store.getUserSockets(u)))) {
    for (const socket of list) if (socket.id in sockets) for (const room of socket.rooms) rooms.add(room);
  }
  return rooms.size;
}

/**
 * Collects the metrics of a service.
 *
 * @param service - a `ChatService` (or any `ChatServiceCore`)
 * @returns the metrics, on a registry of their own
 * @example
 * ```ts
 * const metrics = createPrometheusMetrics(service);
 * http.on('request', async (req, res) => {
 *   if (req.url === '/metrics') res.writeHead(200, { 'content-type': metrics.contentType }).end(await metrics.render());
 * });
 * ```
 */
export function createPrometheusMetrics(service: MetricsSource, options: PrometheusMetricsOptions = {}): PrometheusMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const info = new Gauge({ name: 'chat_service_instance_info', help: 'This instance.', labelNames: ['instance_uid'], registers });
  info.set({ instance_uid: service.instanceUID }, 1);

  const userSockets = new Map<string, number>();
  let sockets = 0;
  new Gauge({ name: 'chat_service_connected_sockets', help: 'Sockets logged in on this instance.', registers, collect() { this.set(sockets); } });
  new Gauge({ name: 'chat_service_connected_users', help: 'Users with at least one socket on this instance.', registers, collect() { this.set(userSockets.size); } });
  const roomsErrors = new Counter({ name: 'chat_service_rooms_gauge_errors_total', help: 'Scrapes whose room count could not be read from the store.', registers });
  new Gauge({
    name: 'chat_service_joined_rooms',
    help: 'Rooms joined by at least one socket of this instance (read from the store at scrape time).',
    registers,
    async collect() {
      try {
        this.set(await localRooms(service));
      } catch {
        roomsErrors.inc();
      }
    },
  });
  const logins = new Counter({ name: 'chat_service_logins_total', help: 'Login outcomes.', labelNames: ['outcome', 'transport'], registers });
  const disconnects = new Counter({ name: 'chat_service_disconnects_total', help: 'Disconnect cleanups finished.', registers });
  const commands = new Counter({ name: 'chat_service_commands_total', help: 'Client commands by name and outcome.', labelNames: ['command', 'outcome'], registers });
  const durations = new Histogram({ name: 'chat_service_command_duration_seconds', help: 'Client command durations.', labelNames: ['command'], buckets: SECONDS, registers });
  const failures = new Counter({ name: 'chat_service_consistency_failures_total', help: 'Tolerated store/transport failures (repair with the recovery API).', labelNames: ['kind', 'op'], registers });
  const locks = new Counter({ name: 'chat_service_lock_time_exceeded_total', help: 'Locks held longer than lockTTL.', registers });
  const traffic = service.busTraffic;
  new Counter({
    name: 'chat_service_bus_messages_total',
    help: 'Instance-to-instance bus messages, by direction (out: published, in: received from other instances) and topic kind.',
    labelNames: ['direction', 'topic'],
    registers,
    collect() {
      this.reset();
      if (traffic) for (const { direction, topic, value } of busSamples(traffic)) this.inc({ direction, topic }, value);
    },
  });
  const storeOps = new Histogram({ name: 'chat_service_store_operation_duration_seconds', help: 'Store operation durations.', labelNames: ['operation'], buckets: SECONDS, registers });
  const storeErrors = new Counter({ name: 'chat_service_store_operation_errors_total', help: 'Store operations that failed.', labelNames: ['operation'], registers });

  service.on('commandExecuted', (e) => {
    commands.inc({ command: e.command, outcome: e.ok ? 'ok' : 'error' });
    durations.observe({ command: e.command }, e.durationMs / 1000);
  });
  service.on('socketConnected', (e) => {
    sockets++;
    userSockets.set(e.userName, (userSockets.get(e.userName) ?? 0) + 1);
    logins.inc({ outcome: 'confirmed', transport: e.transport });
  });
  service.on('loginRejected', (e) => { logins.inc({ outcome: 'rejected', transport: e.transport }); });
  service.on('socketDisconnected', (e) => {
    sockets = Math.max(0, sockets - 1);
    const left = (userSockets.get(e.userName) ?? 1) - 1;
    if (left > 0) userSockets.set(e.userName, left);
    else userSockets.delete(e.userName);
    disconnects.inc();
  });
  service.on('storeConsistencyFailure', (_e, i) => { failures.inc({ kind: 'store', op: i.opType }); });
  service.on('transportConsistencyFailure', (_e, i) => { failures.inc({ kind: 'transport', op: i.opType }); });
  service.on('lockTimeExceeded', () => { locks.inc(); });
  if (service.store) {
    observeStore(service.store, (operation, seconds, failed) => {
      storeOps.observe({ operation }, seconds);
      if (failed) storeErrors.inc({ operation });
    });
  }
  return { registry, contentType: registry.contentType, render: () => registry.metrics() };
}
