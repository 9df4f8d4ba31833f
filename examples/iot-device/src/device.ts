/**
 * The device: connects with `?user=<name>`, waits for loginConfirmed, joins
 * its room, publishes readings as room messages, obeys commands sent to it as
 * direct messages, and reconnects when the connection drops.
 *
 * @module
 */
import WebSocket from 'ws';
import { parseCommand } from './commands.js';
import type { DeviceCommand } from './commands.js';
import { RpcSocket, isRecord } from './rpc.js';
import { createSimulatedSensor } from './sensor.js';

/** What the device reports while it runs (for logs and tests). */
export type DeviceEvent =
  | { type: 'connected'; socketId: string }
  | { type: 'published'; id: number; reading: unknown }
  | { type: 'command'; from: string; text: string; reply: string }
  | { type: 'error'; error: Error }
  | { type: 'disconnected'; code: number };

/** Options of {@link Device}. */
export interface DeviceOptions {
  /** The service's WebSocket endpoint, e.g. `ws://localhost:8000/chat-service`. */
  url: string;
  /** The device's user name, sent as `?user=`. */
  name: string;
  /** The room the readings go to; it must exist. */
  room: string;
  /** Publishing interval in ms. @default 5000 */
  intervalMs?: number;
  /** Extra query parameters of the handshake (e.g. a token). */
  query?: Record<string, string>;
  /** Reads the sensor. @default a simulated thermometer */
  readSensor?: () => unknown;
  /** Reconnect after the connection drops (not after a rejected login). @default true */
  reconnect?: boolean;
  /** First reconnection delay in ms, doubled up to 30 s. @default 1000 */
  reconnectDelayMs?: number;
  /** Called for every {@link DeviceEvent}. */
  onEvent?: (event: DeviceEvent) => void;
}

const LOGIN_REJECTED = 4001;

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** A device client using nothing but `ws` and PROTOCOL-WS.md. */
export class Device {
  readonly #options: DeviceOptions;
  readonly #readSensor: () => unknown;
  #intervalMs: number;
  #paused = false;
  #published = 0;
  #stopping = false;
  #attempts = 0;
  #ws: WebSocket | undefined;
  #rpc: RpcSocket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #login: { resolve: (socketId: string) => void; reject: (error: Error) => void } | undefined;

  constructor(options: DeviceOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? 5000;
    this.#readSensor = options.readSensor ?? createSimulatedSensor();
  }

  /** The current publishing interval in ms. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Whether publishing is paused. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Readings published so far. */
  get published(): number {
    return this.#published;
  }

  /** Connects, logs in and joins the room; rejects if the first attempt fails. */
  async start(): Promise<void> {
    this.#stopping = false;
    try {
      await this.#session();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops publishing and closes the connection. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#reconnectTimer);
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close(1000, 'device stopping');
    await closed;
  }

  // --- connection ---

  async #session(): Promise<void> {
    const url = new URL(this.#options.url);
    url.searchParams.set('user', this.#options.name);
    for (const [key, value] of Object.entries(this.#options.query ?? {})) url.searchParams.set(key, value);
    const ws = new WebSocket(url, 'chat-service.json');
    this.#ws = ws;
    const rpc = new RpcSocket(ws, (method, params) => {
      this.#onNotification(method, params);
    });
    this.#rpc = rpc;
    const socketId = new Promise<string>((resolve, reject) => {
      this.#login = { resolve, reject };
    });
    ws.on('error', (error) => {
      this.#login?.reject(error);
      this.#emit({ type: 'error', error });
    });
    ws.on('close', (code) => {
      this.#onClose(ws, code);
    });
    const id = await socketId;
    this.#emit({ type: 'connected', socketId: id });
    await rpc.request('roomJoin', [this.#options.room]);
    this.#attempts = 0;
    this.#schedule();
  }

  #onClose(ws: WebSocket, code: number): void {
    this.#login?.reject(new Error(`connection closed (${String(code)}) before loginConfirmed`));
    if (ws !== this.#ws) return;
    clearTimeout(this.#timer);
    this.#emit({ type: 'disconnected', code });
    if (this.#stopping || this.#options.reconnect === false || code === LOGIN_REJECTED) return;
    const delay = Math.min(30_000, (this.#options.reconnectDelayMs ?? 1000) * 2 ** this.#attempts++);
    this.#reconnectTimer = setTimeout(() => {
      // Closing a failed attempt's socket schedules the next attempt.
      this.#session().catch((error: unknown) => {
        this.#emit({ type: 'error', error: asError(error) });
        this.#ws?.close(1000, 'retrying');
      });
    }, delay);
  }

  #onNotification(method: string, params: unknown[]): void {
    if (method === 'loginConfirmed') {
      const authData = params[1];
      this.#login?.resolve(isRecord(authData) && typeof authData['id'] === 'string' ? authData['id'] : '');
      this.#login = undefined;
    } else if (method === 'loginRejected') {
      this.#login?.reject(new Error(`login rejected: ${JSON.stringify(params[0])}`));
      this.#login = undefined;
    } else if (method === 'directMessage') {
      void this.#onDirectMessage(params[0]);
    }
  }

  // --- publishing ---

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.#publish().finally(() => {
        if (!this.#stopping && this.#ws?.readyState === WebSocket.OPEN) this.#schedule();
      });
    }, this.#intervalMs);
  }

  async #publish(): Promise<void> {
    const rpc = this.#rpc;
    if (this.#paused || !rpc) return;
    const reading = this.#readSensor();
    try {
      const id = await rpc.request('roomMessage', [this.#options.room, { textMessage: JSON.stringify(reading) }]);
      this.#published += 1;
      this.#emit({ type: 'published', id: Number(id), reading });
    } catch (error) {
      this.#emit({ type: 'error', error: asError(error) });
    }
  }

  // --- commands ---

  async #onDirectMessage(message: unknown): Promise<void> {
    if (!isRecord(message) || typeof message['textMessage'] !== 'string' || typeof message['author'] !== 'string') return;
    const from = message['author'];
    const text = message['textMessage'];
    const reply = this.#apply(parseCommand(text));
    this.#emit({ type: 'command', from, text, reply });
    try {
      await this.#rpc?.request('directMessage', [from, { textMessage: reply }]);
    } catch (error) {
      this.#emit({ type: 'error', error: asError(error) });
    }
  }

  #apply(command: DeviceCommand): string {
    switch (command.kind) {
      case 'set-interval':
        this.#intervalMs = command.ms;
        this.#schedule();
        return `ok set-interval ${String(command.ms)}`;
      case 'pause':
        this.#paused = true;
        return 'ok paused';
      case 'resume':
        this.#paused = false;
        return 'ok resumed';
      case 'status':
        return `status interval=${String(this.#intervalMs)} paused=${String(this.#paused)} published=${String(this.#published)}`;
      case 'ping':
        return 'pong';
      case 'invalid':
        return `error ${command.reason}`;
      default: {
        const exhaustive: never = command;
        return exhaustive;
      }
    }
  }

  #emit(event: DeviceEvent): void {
    this.#options.onEvent?.(event);
  }
}
