/**
 * The load generator, in a worker thread: every client of every scenario
 * lives here, so the servers have the main thread's event loop to
 * themselves. One client implementation per protocol drives ours and the
 * bare baselines alike (they speak the same events).
 *
 * Messages from the runner: `{ id, op, ... }`, answered `{ id, result }` or
 * `{ id, error }`.
 * - setup    { key, proto: 'sio'|'ws', url, scenario: 'rtt'|'fanout', receivers }
 * - pass     { key, phase: 'load'|'latency', count, concurrency }
 *            load: closed loop with `concurrency` operations in flight, returns { ops, ms };
 *            latency: one operation at a time, returns { ops, ms, latencies }.
 * - teardown { key }
 */
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const LOGIN_TIMEOUT_MS = 15000;

function timeout(reject, what) {
  return setTimeout(() => reject(new Error(`${what}: timed out`)), LOGIN_TIMEOUT_MS);
}

/** A socket.io client logged in (loginConfirmed received). */
function connectSio(url, user) {
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

/** A ws client speaking JSON-RPC 2.0, logged in (loginConfirmed received). */
function connectWs(url, user) {
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

const connect = (proto, url, user) => (proto === 'ws' ? connectWs(url, user) : connectSio(url, user));

/** key → scenario context */
const contexts = new Map();

async function setup({ key, proto, url, scenario, receivers = 0 }) {
  if (scenario === 'rtt') {
    const sender = await connect(proto, url, `${key}-sender`);
    await sender.request('roomJoin', 'bench');
    let n = 0;
    const op = () => sender.request('roomMessage', 'bench', { textMessage: `m${++n}` });
    contexts.set(key, { clients: [sender], op });
    return { clients: 1 };
  }
  // fanout: `receivers` clients and one sender joined to one room; an operation
  // ends when the sender has its ack and every receiver has the message.
  const room = 'fanout';
  const clients = [];
  const waiting = new Map();
  const onMessage = (_room, message) => {
    const seq = Number(message?.textMessage);
    const entry = waiting.get(seq);
    if (entry && ++entry.count === receivers) {
      waiting.delete(seq);
      entry.done();
    }
  };
  for (let i = 0; i < receivers; i += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, receivers - i) }, (_, j) => connect(proto, url, `${key}-r${i + j}`)));
    for (const client of batch) {
      client.on('roomMessage', onMessage);
      await client.request('roomJoin', room);
      clients.push(client);
    }
  }
  const sender = await connect(proto, url, `${key}-sender`);
  await sender.request('roomJoin', room);
  clients.push(sender);
  let seq = 0;
  const op = () => {
    const mine = ++seq;
    const delivered = new Promise((done) => waiting.set(mine, { count: 0, done }));
    return Promise.all([sender.request('roomMessage', room, { textMessage: String(mine) }), delivered]);
  };
  contexts.set(key, { clients, op });
  return { clients: clients.length };
}

async function pass({ key, phase, count, concurrency = 1 }) {
  const { op } = contexts.get(key);
  if (phase === 'latency') {
    const latencies = new Float64Array(count);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await op();
      latencies[i] = performance.now() - start;
    }
    return { ops: count, ms: performance.now() - t0, latencies: Array.from(latencies) };
  }
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await op();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { ops: count, ms: performance.now() - t0 };
}

async function teardown({ key }) {
  const context = contexts.get(key);
  contexts.delete(key);
  for (const client of context?.clients ?? []) client.close();
  return {};
}

const ops = { setup, pass, teardown, gc: async () => (globalThis.gc?.(), {}) };

parentPort.on('message', async (message) => {
  try {
    const result = await ops[message.op](message);
    parentPort.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
