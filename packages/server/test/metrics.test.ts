/** Prometheus metrics fed by the service's events, checked through the in-process transport. */
import { ChatServiceCore } from '@chat-service/core';
import type { Hooks } from '@chat-service/core';
import { createInProcessTransport } from '@chat-service/core/testing';
import { createMemoryStore } from '@chat-service/store-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../src/index.js';

const services: ChatServiceCore[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.close()));
});

describe('createPrometheusMetrics', () => {
  it('counts logins, commands with durations, and connected sockets', async () => {
    const transport = createInProcessTransport();
    const hooks: Hooks = { onConnect: (server, id) => (server as ChatServiceCore).transport.getHandshakeData(id).query['user'] };
    const service = new ChatServiceCore({ store: createMemoryStore(), transports: [transport], hooks });
    services.push(service);
    await service.whenReady();
    const metrics = createPrometheusMetrics(service);
    await service.addRoom('lobby');
    const { client } = await transport.connect('alice');
    await transport.connect(undefined);
    await client.call('roomJoin', 'lobby');
    await client.call('roomJoin', 'nowhere');
    const text = metrics.render();
    expect(text).toContain(`chat_service_instance_info{instance_uid="${service.instanceUID}"} 1`);
    expect(text).toContain('chat_service_connected_sockets 1');
    expect(text).toContain('chat_service_logins_total{outcome="confirmed",transport="in-process"} 1');
    expect(text).toContain('chat_service_logins_total{outcome="rejected",transport="in-process"} 1');
    expect(text).toContain('chat_service_commands_total{command="roomJoin",outcome="ok"} 1');
    expect(text).toContain('chat_service_commands_total{command="roomJoin",outcome="error"} 1');
    expect(text).toContain('chat_service_command_duration_seconds_count{command="roomJoin"} 2');
    expect(text).toMatch(/# TYPE chat_service_command_duration_seconds histogram/);
    await client.close();
    expect(metrics.render()).toContain('chat_service_connected_sockets 0');
    expect(metrics.render()).toContain('chat_service_disconnects_total 1');
  });
});
