/**
 * A real `ws` client speaking the JSON-RPC protocol of transport-ws, shaped as
 * the shared `TestClient`, so one behaviour suite runs over socket.io and ws.
 * Raw on purpose (see `raw-client.ts`): frames are sorted by the client's
 * `readFrame`, the login is awaited as by the socket.io test clients.
 *
 * @module
 */
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { readFrame } from '@chat-service/client';
import { resultAckArgs } from '@chat-service/core';
import { toBuffers } from '@chat-service/transport-ws';
import { EventQueue, queryParams, socketIdOf } from '@chat-service/core/testing';
import type { ConnectQuery, Connected, TestClient } from '@chat-service/core/testing';
import { FirstLogin, OpenClients, loggedIn } from './raw-client.js';
import { withTimeout } from './timeout.js';

/** The subprotocols a ws client may ask for. */
export type WsProtocol = 'chat-service.json' | 'chat-service.msgpack';

/** Options of {@link connectWs}. */
export interface WsConnectOptions {
  /** Resolve errors as the raw `{name, code, args}` object (`error.data`), as with `useRawErrorObjects`; else the message string. */
  rawErrors?: boolean;
  /** The subprotocol to ask for. @default 'chat-service.json' */
  protocol?: WsProtocol;
  /** How long to wait for loginConfirmed / loginRejected, in ms. @default 3000 */
  timeoutMs?: number;
}

/** A JSON-RPC response as the client receives it. */
export interface WsResponse {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: unknown;
  results?: unknown[];
  error?: { code: number; message: string; data?: unknown };
}

/** The ws test client: the shared `TestClient` plus raw access for protocol tests. */
export interface WsTestClient extends TestClient {
  /** The underlying socket. */
  readonly ws: WebSocket;
  /** The close code once closed (1006 when the connection was cut without a close frame). */
  readonly closeCode: number | undefined;
  /** Sends a raw frame (an object is encoded with the connection's encoding) and resolves with the next response frame that is not a reply to `call`. */
  raw(frame: unknown, timeoutMs?: number): Promise<unknown>;
  /** The full JSON-RPC response of a request. */
  request(method: string, params?: unknown): Promise<WsResponse>;
}

const open = new OpenClients();

/** Closes every ws client opened by {@link connectWs} that is still open (call it from `afterEach`). */
export function closeAllWsClients(): Promise<void> {
  return open.closeAll();
}

function buildUrl(url: string, query: ConnectQuery): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(queryParams(query))) target.searchParams.set(name, value);
  return target.toString();
}

/** A frame as a Node client reads it: MessagePack byte strings as Buffers, as a socket.io client receives them. */
function decodeData(data: WebSocket.RawData, isBinary: boolean): unknown {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  return isBinary ? toBuffers(decode(bytes)) : (JSON.parse(bytes.toString('utf8')) as unknown);
}

/** A response as a socket.io ack: `[error, result, ...extra results]`, the results read as the client reads them. */
function ackOf(response: WsResponse, rawErrors: boolean): unknown[] {
  if (response.error) return [rawErrors ? (response.error.data ?? response.error.message) : response.error.message, null];
  const frame = readFrame(response);
  return resultAckArgs(frame.kind === 'response' ? frame.results : []);
}

/**
 * Connects a real ws client and resolves once the server sent
 * loginConfirmed or loginRejected.
 *
 * @param url - e.g. `ws://localhost:8000/chat-service`
 * @param query - a user name for `?user=`, or a full query
 * @param options - see {@link WsConnectOptions}
 */
export function connectWs(url: string, query?: ConnectQuery, options: WsConnectOptions = {}): Promise<Connected & { client: WsTestClient }> {
  const { rawErrors = false, protocol = 'chat-service.json', timeoutMs = 3000 } = options;
  const ws = new WebSocket(buildUrl(url, query), protocol);
  const queue = new EventQueue();
  const pending = new Map<number, (response: WsResponse) => void>();
  const rawWaiters: ((frame: unknown) => void)[] = [];
  const rawFrames: unknown[] = [];
  let nextId = 1;
  let id: string | undefined;
  let closeCode: number | undefined;
  const firstLogin = new FirstLogin();
  const login = firstLogin.wait(timeoutMs);
  const closed = new Promise<void>((resolve) => {
    ws.once('close', (code) => {
      closeCode = code;
      open.delete(client);
      resolve();
    });
  });
  ws.on('error', () => undefined);

  const sendFrame = (frame: unknown): void => {
    ws.send(protocol === 'chat-service.msgpack' ? encode(frame, { ignoreUndefined: true }) : JSON.stringify(frame));
  };
  const onRaw = (frame: unknown): void => {
    const waiter = rawWaiters.shift();
    if (waiter) waiter(frame);
    else rawFrames.push(frame);
  };

  const onNotification = (method: string, params: unknown[]): void => {
    const outcome = firstLogin.take(method, params);
    if (outcome) id = socketIdOf(outcome);
    else queue.push(method, params);
  };

  ws.on('message', (data, isBinary) => {
    let value: unknown;
    try {
      value = decodeData(data, isBinary);
    } catch {
      return;
    }
    // Sorted as the client sorts it; a batch answer, an unknown id or anything else goes whole to raw().
    const frame = Array.isArray(value) ? undefined : readFrame(value);
    if (frame?.kind === 'notification') {
      onNotification(frame.method, frame.params);
      return;
    }
    const responseId = frame?.kind === 'response' || frame?.kind === 'error' ? frame.id : null;
    const resolve = responseId === null ? undefined : pending.get(responseId);
    if (resolve && responseId !== null) {
      pending.delete(responseId);
      resolve(value as WsResponse);
    } else {
      onRaw(value);
    }
  });

  const request = (method: string, params?: unknown): Promise<WsResponse> => {
    const requestId = nextId++;
    return new Promise((resolve, reject) => {
      if (ws.readyState !== WebSocket.OPEN) {
        reject(new Error(`ws client is not open (readyState ${String(ws.readyState)})`));
        return;
      }
      pending.set(requestId, resolve);
      sendFrame({ jsonrpc: '2.0', id: requestId, method, ...(params === undefined ? {} : { params }) });
      void closed.then(() => {
        if (pending.delete(requestId)) reject(new Error(`connection closed before the reply to ${method}`));
      });
    });
  };

  const client: WsTestClient = {
    get id() {
      return id;
    },
    get ws() {
      return ws;
    },
    get closeCode() {
      return closeCode;
    },
    async call(command, ...args) {
      return ackOf(await request(command, args), rawErrors);
    },
    emit(command, ...args) {
      sendFrame({ jsonrpc: '2.0', method: command, params: args });
    },
    next: (event, ms) => queue.next(event, ms),
    expectNone: (event, ms) => queue.expectNoneFor(event, ms, (command) => client.call(command)),
    request,
    raw(frame, ms = 3000) {
      if (typeof frame === 'string' || frame instanceof Uint8Array) ws.send(frame);
      else sendFrame(frame);
      const buffered = rawFrames.shift();
      if (buffered !== undefined) return Promise.resolve(buffered);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error('timeout waiting for a raw response'));
        }, ms);
        rawWaiters.push((f) => {
          clearTimeout(timer);
          resolve(f);
        });
      });
    },
    disconnected: (ms = 3000) => withTimeout(closed, ms, 'waiting for the ws client to disconnect'),
    async close() {
      open.delete(client);
      if (ws.readyState === WebSocket.CLOSED) return;
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close();
      const timer = setTimeout(() => {
        ws.terminate();
      }, 1000);
      await closed;
      clearTimeout(timer);
    },
  };
  open.add(client);

  void closed.then(() => {
    firstLogin.refuse(new Error(`connection closed (${String(closeCode)}) before login`));
  });
  return loggedIn(client, login);
}
