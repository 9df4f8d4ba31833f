/**
 * End to end: a real service with both transports on one port, the device on
 * raw WebSocket (JSON-RPC), an operator on socket.io in the same room.
 */
import type { AddressInfo } from 'node:net';
import { ChatService } from '@chat-service/server';
import type { Server as SocketIOServer } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients, connectSocketIO } from '@chat-service/test-support/socketio-client';
import type { SocketIOTestClient } from '@chat-service/test-support/socketio-client';
import { Device, parseCommand } from '../src/index.js';
import type { DeviceEvent } from '../src/index.js';

const INTERVAL_MS = 100;
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await closeAllClients();
  for (const item of running.splice(0).reverse()) await item.stop();
});

async function startService(): Promise<{ service: ChatService; port: number }> {
  const service = new ChatService(
    { port: 0, transport: ['socket.io', 'ws'], enableDirectMessages: true },
    { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] as string },
  );
  running.push({ stop: () => service.close() });
  await service.whenReady();
  await service.addRoom('sensors', { enableUserlistUpdates: true });
  const io = service.transport.getServer() as SocketIOServer;
  const { port } = io.httpServer.address() as AddressInfo;
  return { service, port };
}

function startDevice(port: number, events: DeviceEvent[] = []): Device {
  let seq = 0;
  const device = new Device({
    url: `ws://127.0.0.1:${String(port)}/chat-service`,
    name: 'thermo-1',
    room: 'sensors',
    intervalMs: INTERVAL_MS,
    reconnectDelayMs: 50,
    readSensor: () => ({ seq: ++seq, celsius: 20 + seq / 10 }),
    onEvent: (event) => events.push(event),
  });
  running.push(device);
  return device;
}

/** The next reading the operator sees in the room. */
async function nextReading(operator: SocketIOTestClient): Promise<{ seq: number; author: unknown; id: unknown }> {
  const [room, message] = (await operator.next('roomMessage')) as [string, { textMessage: string; author: string; id: number }];
  expect(room).toBe('sensors');
  const reading = JSON.parse(message.textMessage) as { seq: number };
  return { seq: reading.seq, author: message.author, id: message.id };
}

/** Sends a command as a direct message and resolves with the device's answer. */
async function command(operator: SocketIOTestClient, text: string): Promise<string> {
  const [error] = await operator.call('directMessage', 'thermo-1', { textMessage: text });
  expect(error).toBeNull();
  const [reply] = (await operator.next('directMessage')) as [{ textMessage: string; author: string }];
  expect(reply.author).toBe('thermo-1');
  return reply.textMessage;
}

/** Consumes every buffered and in-flight `event` until none arrives for `quietMs`. */
async function drain(client: SocketIOTestClient, event: string, quietMs: number): Promise<void> {
  for (;;) {
    const got = await client.next(event, quietMs).catch(() => null);
    if (!got) return;
  }
}

describe('iot-device example', () => {
  it('parses its commands', () => {
    expect(parseCommand(' set-interval  500 ')).toEqual({ kind: 'set-interval', ms: 500 });
    expect(parseCommand('set-interval 10').kind).toBe('invalid');
    expect(parseCommand('set-interval x').kind).toBe('invalid');
    expect(parseCommand('pause')).toEqual({ kind: 'pause' });
    expect(parseCommand('pause now').kind).toBe('invalid');
    expect(parseCommand('dance')).toEqual({ kind: 'invalid', reason: 'unknown command "dance"' });
  });

  it('publishes readings to a socket.io operator and obeys commands sent as direct messages', async () => {
    const { port } = await startService();
    const { client: operator } = await connectSocketIO(`http://127.0.0.1:${String(port)}`, 'operator');
    expect(await operator.call('roomJoin', 'sensors')).toEqual([null, 1]);
    expect(await operator.next('roomUserJoined')).toEqual(['sensors', 'operator']);

    const events: DeviceEvent[] = [];
    const device = startDevice(port, events);
    await device.start();
    // Presence crosses transports: the socket.io operator sees the ws device join.
    expect(await operator.next('roomUserJoined')).toEqual(['sensors', 'thermo-1']);
    const first = await nextReading(operator);
    expect(first).toMatchObject({ seq: 1, author: 'thermo-1', id: 1 });
    expect((await nextReading(operator)).seq).toBe(2);

    expect(await command(operator, 'set-interval 250')).toBe('ok set-interval 250');
    expect(device.intervalMs).toBe(250);
    expect(await command(operator, 'status')).toMatch(/^status interval=250 paused=false published=\d+$/);
    expect(await command(operator, 'ping')).toBe('pong');
    expect(await command(operator, 'dance')).toBe('error unknown command "dance"');

    expect(await command(operator, 'set-interval 50')).toBe('ok set-interval 50');
    expect(await command(operator, 'pause')).toBe('ok paused');
    await drain(operator, 'roomMessage', 150);
    await operator.expectNone('roomMessage', 300);
    expect(await command(operator, 'resume')).toBe('ok resumed');
    const resumed = await nextReading(operator);
    expect(resumed.seq).toBeGreaterThan(first.seq);

    // The readings are in the room's history, for clients that were away.
    const [error, history] = (await operator.call('roomRecentHistory', 'sensors')) as [unknown, { author: string }[]];
    expect(error).toBeNull();
    expect(history.length).toBeGreaterThan(2);
    expect(history.every((m) => m.author === 'thermo-1')).toBe(true);
    expect(events.filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.from : ''))).toContain('operator');
  });

  it('reconnects after the server disconnects it and keeps publishing', async () => {
    const { service, port } = await startService();
    const { client: operator } = await connectSocketIO(`http://127.0.0.1:${String(port)}`, 'operator');
    await operator.call('roomJoin', 'sensors');
    expect(await operator.next('roomUserJoined')).toEqual(['sensors', 'operator']);
    const events: DeviceEvent[] = [];
    const device = startDevice(port, events);
    await device.start();
    expect(await operator.next('roomUserJoined')).toEqual(['sensors', 'thermo-1']);

    await service.disconnectUserSockets('thermo-1');
    expect(await operator.next('roomUserLeft')).toEqual(['sensors', 'thermo-1']);
    expect(await operator.next('roomUserJoined')).toEqual(['sensors', 'thermo-1']);
    await drain(operator, 'roomMessage', 20);
    expect((await nextReading(operator)).author).toBe('thermo-1');
    expect(events).toContainEqual({ type: 'disconnected', code: 4000 });
    expect(events.filter((e) => e.type === 'connected')).toHaveLength(2);
  });

  it('fails to start when its room does not exist', async () => {
    const { port } = await startService();
    const device = new Device({ url: `ws://127.0.0.1:${String(port)}/chat-service`, name: 'lost', room: 'nowhere', reconnect: false });
    await expect(device.start()).rejects.toThrow('ChatServiceError: No such room nowhere');
  });
});
