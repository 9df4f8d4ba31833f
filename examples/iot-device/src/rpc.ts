/**
 * A minimal JSON-RPC 2.0 client over one WebSocket, as a device would write
 * it: requests with ids, notifications both ways, nothing else.
 *
 * @module
 */
import WebSocket from 'ws';

/** An error answer of the server: the JSON-RPC `error` member as an Error. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  /** The JSON-RPC code (-32000 for service errors, see PROTOCOL-WS.md §4). */
  readonly code: number;
  /** The service error `{name, code, args}`, when there is one. */
  readonly data: unknown;

  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message);
    this.code = error.code;
    this.data = error.data;
  }
}

/** A server notification: `method` and positional `params`. */
export type NotificationHandler = (method: string, params: unknown[]) => void;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/** Whether a decoded JSON value is an object (not `null`, not an array): the one check every frame needs. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One JSON-RPC connection. */
export class RpcSocket {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /**
   * @param ws - an open (or opening) WebSocket speaking `chat-service.json`
   * @param onNotification - called for every server notification
   */
  constructor(ws: WebSocket, onNotification: NotificationHandler) {
    this.#ws = ws;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.#onFrame(String(data), onNotification);
    });
    ws.on('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new Error('connection closed'));
      this.#pending.clear();
    });
  }

  /** Sends a request and resolves with its `result` (rejects with an {@link RpcError}). */
  request(method: string, params: unknown[] = []): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#ws.readyState !== WebSocket.OPEN) {
        reject(new Error('not connected'));
        return;
      }
      this.#pending.set(id, { resolve, reject });
      this.#ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Sends a notification (no answer, not even an error). */
  notify(method: string, params: unknown[] = []): void {
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  #onFrame(text: string, onNotification: NotificationHandler): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    if (typeof frame['method'] === 'string' && !('id' in frame)) {
      onNotification(frame['method'], Array.isArray(frame['params']) ? (frame['params'] as unknown[]) : []);
      return;
    }
    const id = frame['id'];
    const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
    if (!pending || typeof id !== 'number') return;
    this.#pending.delete(id);
    const error = frame['error'];
    if (isRecord(error) && typeof error['code'] === 'number') {
      pending.reject(new RpcError({ code: error['code'], message: String(error['message']), data: error['data'] }));
    } else {
      pending.resolve(frame['result']);
    }
  }
}
