/**
 * One client implementation per protocol, used by the load generator for ours
 * and the bare servers alike (they speak the same events). Each resolves, once
 * `loginConfirmed` has arrived, to `{ request(method, ...params), on(event, handler), close() }`.
 */
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const LOGIN_TIMEOUT_MS = 30000;

function timeout(reject, what) {
  return setTimeout(() => reject(new Error(`${what}: timed out`)), LOGIN_TIMEOUT_MS);
}

/** A socket.io 4 client (websocket transport only) logged in as `user`. */
export function connectSio(url, user) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], query: { user }, forceNew: true, reconnection: false });
    const timer = timeout(reject, `socket.io login ${user} at ${url}`);
    const fail = (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    socket.once('connect_error', fail);
    socket.once('loginRejected', (error) => fail(new Error(`loginRejected: ${JSON.stringify(error)}`)));
    socket.once('loginConfirmed', () => {
      clearTimeout(timer);
      socket.off('connect_error', fail);
      resolve({
        request: (method, ...params) =>
          new Promise((ok, ko) => {
            socket.emit(method, ...params, (error, result) => (error ? ko(new Error(`${method}: ${JSON.stringify(error)}`)) : ok(result)));
          }),
        on: (event, handler) => socket.on(event, handler),
        close: () => socket.close(),
      });
    });
  });
}

/** A `ws` client speaking JSON-RPC 2.0 (no compression), logged in as `user` (the `user` query parameter). */
export function connectWs(url, user) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    target.searchParams.set('user', user);
    const ws = new WebSocket(target, { perMessageDeflate: false });
    const pending = new Map();
    const handlers = new Map();
    let nextId = 0;
    const timer = timeout(reject, `ws login ${user} at ${url}`);
    const fail = (error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    ws.on('error', fail);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.method === undefined) {
        const waiter = pending.get(frame.id);
        if (!waiter) return;
        pending.delete(frame.id);
        if (frame.error) waiter.ko(new Error(`${waiter.method}: ${JSON.stringify(frame.error)}`));
        else waiter.ok(frame.result);
        return;
      }
      handlers.get(frame.method)?.(...(frame.params ?? []));
    });
    handlers.set('loginRejected', (error) => fail(new Error(`loginRejected: ${JSON.stringify(error)}`)));
    handlers.set('loginConfirmed', () => {
      clearTimeout(timer);
      resolve({
        request: (method, ...params) =>
          new Promise((ok, ko) => {
            const id = ++nextId;
            pending.set(id, { ok, ko, method });
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
          }),
        on: (event, handler) => handlers.set(event, handler),
        close: () => ws.close(),
      });
    });
  });
}

/** `proto` 'sio' or 'ws'. */
export const connect = (proto, url, user) => (proto === 'ws' ? connectWs(url, user) : connectSio(url, user));
