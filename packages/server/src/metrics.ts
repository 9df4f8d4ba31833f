/**
 * Prometheus metrics of a service, in the text exposition format, without a
 * client library: counters and a histogram fed by the service's events.
 *
 * @module
 */
import type { ServiceEmitter } from '@chat-service/core';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The rendered metrics of one service. */
export interface PrometheusMetrics {
  /** The metrics in Prometheus text format (version 0.0.4). */
  render(): string;
  /** The content type to serve them with. */
  readonly contentType: string;
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  const parts = Object.entries(pairs).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

class Counter {
  readonly #values = new Map<string, number>();
  inc(key: Record<string, string>, by = 1): void {
    const k = labels(key);
    this.#values.set(k, (this.#values.get(k) ?? 0) + by);
  }
  lines(name: string): string[] {
    return [...this.#values].map(([k, v]) => `${name}${k} ${v}`);
  }
}

class Histogram {
  readonly #series = new Map<string, { counts: number[]; sum: number; count: number; label: Record<string, string> }>();
  observe(label: Record<string, string>, seconds: number): void {
    const k = labels(label);
    let s = this.#series.get(k);
    if (!s) this.#series.set(k, (s = { counts: BUCKETS.map(() => 0), sum: 0, count: 0, label }));
    BUCKETS.forEach((b, i) => {
      if (seconds <= b && s) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += seconds;
    s.count += 1;
  }
  lines(name: string): string[] {
    const out: string[] = [];
    for (const s of this.#series.values()) {
      BUCKETS.forEach((b, i) => out.push(`${name}_bucket${labels({ ...s.label, le: String(b) })} ${s.counts[i] ?? 0}`));
      out.push(`${name}_bucket${labels({ ...s.label, le: '+Inf' })} ${s.count}`);
      out.push(`${name}_sum${labels(s.label)} ${s.sum}`);
      out.push(`${name}_count${labels(s.label)} ${s.count}`);
    }
    return out;
  }
}

/** The part of a service the metrics need: its events and its id. */
export type MetricsSource = Pick<ServiceEmitter, 'on'> & { readonly instanceUID: string };

/**
 * Collects metrics from a service's events.
 *
 * @param service - a `ChatService` (or any `ChatServiceCore`)
 * @returns the metrics renderer
 * @example
 * ```ts
 * const metrics = createPrometheusMetrics(service);
 * http.on('request', (req, res) => req.url === '/metrics' && res.end(metrics.render()));
 * ```
 */
export function createPrometheusMetrics(service: MetricsSource): PrometheusMetrics {
  const commands = new Counter();
  const durations = new Histogram();
  const logins = new Counter();
  const disconnects = new Counter();
  const failures = new Counter();
  const locks = new Counter();
  let connected = 0;
  service.on('commandExecuted', (info) => {
    commands.inc({ command: info.command, outcome: info.ok ? 'ok' : 'error' });
    durations.observe({ command: info.command }, info.durationMs / 1000);
  });
  service.on('socketConnected', (info) => {
    connected++;
    logins.inc({ outcome: 'confirmed', transport: info.transport });
  });
  service.on('loginRejected', (info) => logins.inc({ outcome: 'rejected', transport: info.transport }));
  service.on('socketDisconnected', () => {
    connected = Math.max(0, connected - 1);
    disconnects.inc({});
  });
  service.on('storeConsistencyFailure', (_e, info) => failures.inc({ kind: 'store', op: info.opType }));
  service.on('transportConsistencyFailure', (_e, info) => failures.inc({ kind: 'transport', op: info.opType }));
  service.on('lockTimeExceeded', () => locks.inc({}));
  const block = (name: string, type: string, help: string, lines: string[]): string[] => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines];
  return {
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    render() {
      return [
        ...block('chat_service_instance_info', 'gauge', 'This instance.', [`chat_service_instance_info${labels({ instance_uid: service.instanceUID })} 1`]),
        ...block('chat_service_connected_sockets', 'gauge', 'Sockets logged in on this instance.', [`chat_service_connected_sockets ${connected}`]),
        ...block('chat_service_logins_total', 'counter', 'Login outcomes.', logins.lines('chat_service_logins_total')),
        ...block('chat_service_disconnects_total', 'counter', 'Disconnect cleanups finished.', disconnects.lines('chat_service_disconnects_total')),
        ...block('chat_service_commands_total', 'counter', 'Client commands by name and outcome.', commands.lines('chat_service_commands_total')),
        ...block('chat_service_command_duration_seconds', 'histogram', 'Client command durations.', durations.lines('chat_service_command_duration_seconds')),
        ...block('chat_service_consistency_failures_total', 'counter', 'Tolerated store/transport failures (repair with the recovery API).', failures.lines('chat_service_consistency_failures_total')),
        ...block('chat_service_lock_time_exceeded_total', 'counter', 'Locks held longer than lockTTL.', locks.lines('chat_service_lock_time_exceeded_total')),
        '',
      ].join('\n');
    },
  };
}
