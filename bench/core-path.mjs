// The core alone: CPU per roomMessage through TransportHost.command with a null transport (no network, no
// socket library), 200 sockets each in its own room. A profiling aid for the command path, not a result:
// results are ratios to a bare server measured in the same run (run.mjs). Usage: node --expose-gc bench/core-path.mjs [messages]
import console from 'node:console';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { ChatService } from '@chat-service/server';
const K = 200,
  N = Number(process.argv[2] ?? 300000);
let host;
const channels = new Map();
let sent = 0;
const transport = {
  name: 'null',
  attach: async (h) => {
    host = h;
  },
  send: () => {
    sent++;
  },
  joinChannel: async (id, ch) => {
    (channels.get(ch) ?? channels.set(ch, new Set()).get(ch)).add(id);
  },
  leaveChannel: async (id, ch) => {
    channels.get(ch)?.delete(id);
  },
  emitToChannel: (ch, ev, args) => {
    sent += channels.get(ch)?.size ?? 0;
    JSON.stringify(args);
  },
  disconnect: () => {},
  close: async () => {},
};
const service = new ChatService({ transport, rateLimit: false, userRateLimit: false }, { onConnect: (_s, id) => `u${id}` });
await service.whenReady();
await service.addUser('admin');
const ids = [];
for (let i = 0; i < K; i++) {
  const id = `s${i}`;
  await service.addRoom(`a${i}`, { owner: 'admin' });
  host.connection({ id, handshake: { query: {}, headers: {} }, socket: {} });
  ids.push(id);
}
// wait until logged in: a command answers
for (const id of ids) {
  for (;;) {
    const r = await host.command(id, 'roomJoin', [`a${id.slice(1)}`]);
    if (r.kind !== 'dropped') break;
    await new Promise((r) => setImmediate(r));
  }
}
const run = async (n) => {
  let left = n;
  await Promise.all(
    ids.map(async (id, i) => {
      const room = `a${i}`;
      while (left-- > 0) {
        const r = await host.command(id, 'roomMessage', [room, JSON.parse('{"textMessage":"hello world"}')]);
        if (r.kind !== 'result') throw new Error(JSON.stringify(r));
        JSON.stringify({ jsonrpc: '2.0', id: 1, result: r.results[0] });
      }
    }),
  );
};
await run(50000);
globalThis.gc?.();
sent = 0;
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
await run(N);
const ns = Number(process.hrtime.bigint() - t0);
const cpu = process.cpuUsage(c0);
if (sent !== N) throw new Error(`${sent} notifications delivered for ${N} messages`);
console.log(`${(ns / N / 1000).toFixed(2)} µs/op wall, ${((cpu.user + cpu.system) / N).toFixed(2)} µs/op cpu`);
await service.close();
process.exit(0);
