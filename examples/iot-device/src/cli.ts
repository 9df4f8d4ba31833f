#!/usr/bin/env node
/**
 * Runs one simulated device:
 *
 *   iot-device [--url ws://localhost:8000/chat-service] [--name thermo-1] [--room sensors] [--interval 5000]
 *
 * Every flag can also come from the environment: CHAT_URL, DEVICE_NAME, DEVICE_ROOM, DEVICE_INTERVAL_MS.
 */
import { parseArgs } from 'node:util';
import { Device } from './device.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env['CHAT_URL'] ?? 'ws://localhost:8000/chat-service' },
    name: { type: 'string', default: process.env['DEVICE_NAME'] ?? 'thermo-1' },
    room: { type: 'string', default: process.env['DEVICE_ROOM'] ?? 'sensors' },
    interval: { type: 'string', default: process.env['DEVICE_INTERVAL_MS'] ?? '5000' },
  },
});

const device = new Device({
  url: values.url,
  name: values.name,
  room: values.room,
  intervalMs: Number(values.interval),
  onEvent: (event) => {
    // A command-line program: its log lines are its output.
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...event, ...('error' in event ? { error: event.error.message } : {}) })}\n`);
  },
});

const shutdown = (): void => {
  void device.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

device.start().catch((error: unknown) => {
  process.stderr.write(`device failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
