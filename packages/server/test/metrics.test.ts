/**
 * Prometheus metrics (prom-client) fed by the service's events, its store and
 * its bus, checked through the in-process transport; the names follow the
 * Prometheus conventions.
 */
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks, Store } from '@chat-service/core';
import { createInProcessTransport } from '@chat-service/core/testing';
import { createMemoryStore } from '@chat-service/store-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../src/index.js';

const services: ChatServiceCore[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

const hooks: Hooks = { onConnect: (server, id) => (server as ChatServiceCore).transport.getHandshakeData(id).query['user'] };

async function start(store: Store = createMemoryStore()): Promise<{ service: ChatServiceCore; transport: ReturnType<typeof createInProcessTransport> }> {
  const transport = createInProcessTransport();
  const service = new ChatServiceCore({ store, transports: [transport], hooks });
  services.push(service);
  await service.whenReady();
  return { service, transport };
}

/** The value of one sample line, e.g. `chat_service_bus_messages_total{direction="in"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no sample ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('createPrometheusMetrics', () => {
  it('counts logins and commands with durations, and gauges the sockets, users and rooms of the instance', async () => {
    const { service, transport } = await start();
    const metrics = createPrometheusMetrics(service);
    await service.addRoom('lobby');
    await service.addRoom('hall');
    const { client } = await transport.connect('alice');
    const { client: second } = await transport.connect('alice');
    await transport.connect(undefined);
    await client.call('roomJoin', 'lobby');
    await second.call('roomJoin', 'hall');
    await client.call('roomJoin', 'nowhere');
    const text = await metrics.render();
    expect(text).toContain(`chat_service_instance_info{instance_uid="${service.instanceUID}"} 1`);
    expect(sample(text, 'chat_service_connected_sockets')).toBe(2);
    expect(sample(text, 'chat_service_connected_users')).toBe(1);
    expect(sample(text, 'chat_service_joined_rooms')).toBe(2);
    expect(sample(text, 'chat_service_logins_total{outcome="confirmed",transport="in-process"}')).toBe(2);
    expect(sample(text, 'chat_service_logins_total{outcome="rejected",transport="in-process"}')).toBe(1);
    expect(sample(text, 'chat_service_commands_total{command="roomJoin",outcome="ok"}')).toBe(2);
    expect(sample(text, 'chat_service_commands_total{command="roomJoin",outcome="error"}')).toBe(1);
    expect(sample(text, 'chat_service_command_duration_seconds_count{command="roomJoin"}')).toBe(3);
    await client.close();
    await second.close();
    const after = await metrics.render();
    expect(sample(after, 'chat_service_connected_sockets')).toBe(0);
    expect(sample(after, 'chat_service_connected_users')).toBe(0);
    expect(sample(after, 'chat_service_joined_rooms')).toBe(0);
    expect(sample(after, 'chat_service_disconnects_total')).toBe(2);
  });

  it('serves Node process metrics beside its own', async () => {
    const { service } = await start();
    const text = await createPrometheusMetrics(service).render();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(await createPrometheusMetrics(service, { processMetrics: false }).render()).not.toContain('process_cpu_user_seconds_total');
  });

  it('times store operations, counts the failed ones, and counts bus messages in and out', async () => {
    const base = createMemoryStore();
    const flaky: Store = Object.create(base) as Store;
    let failNext = false;
    flaky.roomHistoryAppend = (...args) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('store down'));
      }
      return base.roomHistoryAppend(...args);
    };
    const { service, transport } = await start(flaky);
    const metrics = createPrometheusMetrics(service);
    await service.addRoom('lobby');
    const { client } = await transport.connect('bob');
    await client.call('roomJoin', 'lobby');
    const before = await metrics.render();
    expect(sample(before, 'chat_service_store_operation_duration_seconds_count{operation="addRoom"}')).toBe(1);
    expect(before).not.toContain('chat_service_store_operation_errors_total{operation="roomHistoryAppend"}');
    failNext = true;
    expect((await client.call('roomMessage', 'lobby', { textMessage: 'x' }))[0]).not.toBeNull();
    expect(await client.call('roomMessage', 'lobby', { textMessage: 'y' })).toEqual([null, 1]);
    const text = await metrics.render();
    expect(sample(text, 'chat_service_store_operation_errors_total{operation="roomHistoryAppend"}')).toBe(1);
    const out = 'chat_service_bus_messages_total{direction="out",topic="room"}';
    expect(sample(text, out)).toBe(sample(before, out) + 1);
    // An instance never receives its own messages back.
    expect(sample(text, 'chat_service_bus_messages_total{direction="in",topic="room"}')).toBe(0);
  });

  it('names follow the Prometheus conventions: counters end in _total, durations in _seconds', async () => {
    const { service } = await start();
    const metrics = createPrometheusMetrics(service, { processMetrics: false });
    const own = (await metrics.registry.getMetricsAsJSON()).filter((m) => m.name.startsWith('chat_service_'));
    expect(own.length).toBeGreaterThan(10);
    // prom-client's typings declare a numeric enum; at run time the type is its name.
    expect(own.filter((m) => String(m.type) === 'counter').length).toBeGreaterThanOrEqual(6);
    expect(own.filter((m) => String(m.type) === 'histogram').length).toBe(2);
    for (const metric of own) {
      if (String(metric.type) === 'counter') expect(metric.name).toMatch(/_total$/);
      if (String(metric.type) === 'histogram') expect(metric.name).toMatch(/_seconds$/);
      expect(metric.name).toMatch(/^[a-z_]+$/);
    }
  });
});
