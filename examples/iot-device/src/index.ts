/**
 * @module @chat-service/example-iot-device
 * A device client for the plain WebSocket protocol of chat-service.
 */
export { Device } from './device.js';
export type { DeviceEvent, DeviceOptions } from './device.js';
export { MIN_INTERVAL_MS, parseCommand } from './commands.js';
export type { DeviceCommand } from './commands.js';
export { RpcError, RpcSocket } from './rpc.js';
export { createSimulatedSensor } from './sensor.js';
export type { Reading } from './sensor.js';
