/**
 * What `npm run bench` measures: the settings (full or `--quick`) and the
 * groups, one per scenario and transport, each with its three implementations:
 * the bare server of the transport, ours on the memory store, ours on the Redis
 * store. A row's baseline: bare for ours-memory, ours-memory for ours-Redis.
 */

/** Counts and durations. Each measured phase is split into `rounds` passes per implementation, run in ABBA order. */
export function settingsFor(quick) {
  return quick
    ? {
        rounds: 2,
        warmupMs: 300,
        passMs: 600,
        acks: { clients: 20 },
        fanout: { clients: 50, senders: 2 },
        connect: { count: 300, concurrency: 20, rounds: 2, warmup: 20 },
        history: { historySize: 1000, pageSize: 100, clients: 5 },
      }
    : {
        rounds: 4,
        warmupMs: 1500,
        passMs: 2500,
        acks: { clients: 200 },
        fanout: { clients: 500, senders: 5 },
        connect: { count: 10000, concurrency: 50, rounds: 2, warmup: 200 },
        history: { historySize: 10000, pageSize: 100, clients: 20 },
      };
}

export const SCENARIOS = {
  acks: { unit: 'acks/s', op: 'roomMessage + ack', countsMessages: true },
  fanout: { unit: 'msgs/s', op: 'message acked and delivered to every subscriber', countsMessages: true },
  connect: { unit: 'conns/s', op: 'connect + loginConfirmed' },
  history: { unit: 'pages/s', op: 'roomHistoryGet page' },
};

const TRANSPORTS = [
  { proto: 'sio', transport: 'socket.io', bare: 'bare socket.io' },
  { proto: 'ws', transport: 'ws', bare: 'bare ws' },
];

/** The server-process `start` payload of one implementation in one scenario. */
function startPayload(scenario, settings) {
  if (scenario === 'acks') return { rooms: Array.from({ length: settings.acks.clients }, (_, i) => `a${i}`) };
  if (scenario === 'fanout') return { rooms: ['fanout'] };
  if (scenario === 'history') return { rooms: ['history'], fill: { history: settings.history.historySize } };
  return {};
}

/** All groups, in run order. */
export function allGroups(settings) {
  const groups = [];
  for (const scenario of Object.keys(SCENARIOS)) {
    for (const t of TRANSPORTS) {
      const base = { transport: t.transport, ...startPayload(scenario, settings) };
      groups.push({
        id: `${scenario}-${t.proto}`,
        scenario,
        proto: t.proto,
        transport: t.transport,
        impls: [
          { key: 'bare', label: t.bare, baseline: undefined, start: { ...base, impl: 'bare' } },
          {
            key: 'memory',
            label: `ours ${t.transport}, memory store`,
            baseline: 'bare',
            start: { ...base, impl: 'ours', state: 'memory' },
          },
          {
            key: 'redis',
            label: `ours ${t.transport}, Redis store`,
            baseline: 'memory',
            redis: true,
            start: { ...base, impl: 'ours', state: 'redis' },
          },
          // --against=CHECKOUT: the memory row as built in another checkout (compared to this one's).
          ...(settings.against
            ? [
                {
                  key: 'against',
                  label: `ours ${t.transport}, memory store, built in ${settings.againstLabel}`,
                  baseline: 'memory',
                  start: { ...base, impl: 'ours', state: 'memory', from: settings.against },
                },
              ]
            : []),
          // Variants of the Redis row, run only when named in --impl (they compare to it).
          {
            key: 'redis-autopipeline',
            label: `ours ${t.transport}, Redis store, ioredis enableAutoPipelining`,
            baseline: 'redis',
            redis: true,
            optional: true,
            start: { ...base, impl: 'ours', state: 'redis', redisOptions: { enableAutoPipelining: true } },
          },
          {
            key: 'redis-adapter',
            label: `ours ${t.transport}, Redis store, adapter: 'redis'`,
            baseline: 'redis',
            redis: true,
            optional: true,
            start: { ...base, impl: 'ours', state: 'redis', adapter: 'redis' },
          },
        ],
      });
    }
  }
  return groups;
}

/** ABBA order over `impls`: forward on even rounds, backward on odd ones. */
export const orderOf = (impls, round) => (round % 2 === 0 ? impls : [...impls].reverse());
