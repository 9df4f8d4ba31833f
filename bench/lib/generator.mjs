/**
 * The load generator: its own Node process (pinned to the generator's core),
 * holding every client of every scenario. One client implementation per
 * protocol (lib/clients.mjs) drives ours and the bare servers alike.
 *
 * Calls (see lib/processes.mjs):
 * - setup { key, proto, url, scenario: 'acks'|'fanout'|'history', clients, senders, historySize, pageSize }
 * - run { key, ms }: every client (acks, history) or sender (fanout) runs a closed loop, one operation
 *   in flight, for `ms`; → { ops, ms, latencies, cpuMs, busyMs }
 * - connect { key, proto, url, count, concurrency, prefix }: opens and logs in `count` connections,
 *   `concurrency` at a time, and keeps them open; → the same shape as run
 * - teardown { key }: closes the clients of `key`
 */
import { performance } from 'node:perf_hooks';
import { connect } from './clients.mjs';
import { meter, serveRpc } from './processes.mjs';

/** key → { clients, lanes: (() => Promise)[] } */
const contexts = new Map();
const usage = meter(performance);

async function connectMany(proto, url, users, concurrency = 20) {
  const clients = new Array(users.length);
  let next = 0;
  const lane = async () => {
    while (next < users.length) {
      const i = next++;
      clients[i] = await connect(proto, url, users[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, lane));
  return clients;
}

const names = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** acks: client i joined to its own room `a<i>`; one operation is a roomMessage and its ack. */
async function setupAcks({ proto, url, key, clients: n }) {
  const clients = await connectMany(proto, url, names(`${key}-a`, n));
  await Promise.all(clients.map((c, i) => c.request('roomJoin', `a${i}`)));
  const lanes = clients.map((client, i) => {
    let seq = 0;
    return () => client.request('roomMessage', `a${i}`, { textMessage: `m${++seq}` });
  });
  return { clients, lanes };
}

/** fanout: `clients` subscribers and `senders` senders in room `fanout`; an operation ends when acked AND delivered to every subscriber. */
async function setupFanout({ proto, url, key, clients: n, senders: s }) {
  const waiting = new Map();
  const subscribers = await connectMany(proto, url, names(`${key}-s`, n));
  for (const client of subscribers) {
    client.on('roomMessage', (_room, message) => {
      const entry = waiting.get(message?.textMessage);
      if (entry && ++entry.count === n) {
        waiting.delete(message.textMessage);
        entry.done();
      }
    });
  }
  const senders = await connectMany(proto, url, names(`${key}-p`, s));
  await Promise.all([...subscribers, ...senders].map((c) => c.request('roomJoin', 'fanout')));
  const lanes = senders.map((sender, i) => {
    let seq = 0;
    return () => {
      const text = `${i}:${++seq}`;
      const delivered = new Promise((done) => waiting.set(text, { count: 0, done }));
      return Promise.all([sender.request('roomMessage', 'fanout', { textMessage: text }), delivered]);
    };
  });
  return { clients: [...subscribers, ...senders], lanes };
}

/** history: clients joined to room `history` (holding `historySize` messages) ask for pages at pseudo-random positions. */
async function setupHistory({ proto, url, key, clients: n, historySize, pageSize }) {
  const clients = await connectMany(proto, url, names(`${key}-h`, n));
  await Promise.all(clients.map((c) => c.request('roomJoin', 'history')));
  const lanes = clients.map((client, i) => {
    let seed = i + 1;
    return async () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const id = seed % (historySize - pageSize + 1);
      const page = await client.request('roomHistoryGet', 'history', id, pageSize);
      if (!Array.isArray(page) || page.length !== pageSize)
        throw new Error(`roomHistoryGet(${id}, ${pageSize}) returned ${JSON.stringify(page).slice(0, 200)}`);
    };
  });
  return { clients, lanes };
}

const setups = { acks: setupAcks, fanout: setupFanout, history: setupHistory };

async function setup(payload) {
  contexts.set(payload.key, await setups[payload.scenario](payload));
  return {};
}

async function run({ key, ms }) {
  const { lanes } = contexts.get(key);
  const latencies = [];
  usage.mark();
  const t0 = performance.now();
  const deadline = t0 + ms;
  await Promise.all(
    lanes.map(async (op) => {
      while (performance.now() < deadline) {
        const start = performance.now();
        await op();
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  return { ops: latencies.length, ms: elapsed, latencies: Float64Array.from(latencies), ...usage.read() };
}

async function connectPass({ key, proto, url, count, concurrency, prefix }) {
  const latencies = new Float64Array(count);
  const clients = new Array(count);
  let next = 0;
  usage.mark();
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const start = performance.now();
      clients[i] = await connect(proto, url, `${prefix}${i}`);
      latencies[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const elapsed = performance.now() - t0;
  contexts.set(key, { clients, lanes: [] });
  return { ops: count, ms: elapsed, latencies, ...usage.read() };
}

async function teardown({ key }) {
  for (const client of contexts.get(key)?.clients ?? []) client?.close();
  contexts.delete(key);
  return {};
}

serveRpc({ setup, run, connect: connectPass, teardown });
