/**
 * Turns the accumulated passes into results (rates, ratios to the baseline of
 * the same run, latency percentiles, server CPU per operation, Redis commands
 * per operation, memory per connection) and renders them as markdown.
 */
import { fixed, int, markdownTable, summarize, times } from './stats.mjs';
import { SCENARIOS } from './scenarios.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function resultOf(impl, a) {
  const redisTotal = [...a.redisCommands.values()].reduce((sum, n) => sum + n, 0);
  return {
    key: impl.key,
    label: impl.label,
    baseline: impl.baseline,
    ops: a.ops,
    rate: (a.ops / a.ms) * 1000,
    latency: summarize(a.latencies),
    serverCpuMicrosPerOp: (a.serverCpuMs / a.ops) * 1000,
    serverCpu: a.serverCpuMs / a.ms,
    serverBusy: a.serverBusyMs / a.ms,
    generatorCpu: a.genCpuMs / a.ms,
    redisCommandsPerOp: a.redisCommands.size ? redisTotal / a.ops : undefined,
    redisCpuMicrosPerOp: a.redisCommands.size ? (a.redisCpuMs / a.ops) * 1000 : undefined,
    redisCommands: Object.fromEntries([...a.redisCommands].sort((x, y) => y[1] - x[1]).map(([name, n]) => [name, n / a.ops])),
    memoryPerConnection: a.memory.length
      ? { rss: median(a.memory.map((m) => m.rss)), heap: median(a.memory.map((m) => m.heap)) }
      : undefined,
    passes: a.passes,
  };
}

/**
 * The median over rounds of `of(pass) / of(base pass)`, pairing each pass with the baseline's pass of
 * the same round. ABBA order runs the two back to back, so a slow spell of the machine, which can
 * move one pass by a third on these shared cores, moves both sides of a pair, and the median keeps
 * one bad round from moving the result.
 */
function pairedRatio(passes, basePasses, of) {
  const n = Math.min(passes.length, basePasses.length);
  return median(Array.from({ length: n }, (_, i) => of(passes[i]) / of(basePasses[i])));
}

const passRate = (p) => p.ops / p.ms;
const passCpuPerOp = (p) => p.serverCpuMs / p.ops;
const passP99 = (p) => p.p99;

/**
 * Adds `group.results` (with ratios to each row's baseline) to every group that ran. `vsBaseline` holds
 * the paired ratios (the median over rounds, see {@link pairedRatio}); `vsBaselinePooled` the ratios of
 * the figures pooled over all passes.
 */
export function summarizeGroups(groups) {
  for (const group of groups) {
    if (!group.acc) continue;
    group.results = group.impls.filter((impl) => group.acc.has(impl.key)).map((impl) => resultOf(impl, group.acc.get(impl.key)));
    for (const r of group.results) {
      const base = group.results.find((b) => b.key === r.baseline);
      if (!base) continue;
      const memory =
        r.memoryPerConnection && base.memoryPerConnection
          ? { rss: r.memoryPerConnection.rss / base.memoryPerConnection.rss, heap: r.memoryPerConnection.heap / base.memoryPerConnection.heap }
          : {};
      r.vsBaseline = {
        of: base.key,
        rate: pairedRatio(r.passes, base.passes, passRate),
        p99: pairedRatio(r.passes, base.passes, passP99),
        serverCpuPerOp: pairedRatio(r.passes, base.passes, passCpuPerOp),
        ...memory,
      };
      r.vsBaselinePooled = {
        of: base.key,
        rate: r.rate / base.rate,
        p99: r.latency.p99 / base.latency.p99,
        serverCpuPerOp: r.serverCpuMicrosPerOp / base.serverCpuMicrosPerOp,
      };
    }
    delete group.acc;
  }
}

const pct = (value) => (Number.isFinite(value) ? `${Math.round(value * 100)}%` : 'n/a');
const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');

function mainTable(groups) {
  const header = [
    'scenario',
    'implementation',
    'rate',
    'vs base',
    'p50 ms',
    'p99 ms',
    'p99 vs base',
    'srv CPU µs/op',
    'vs base',
    'srv CPU',
    'gen CPU',
    'Redis cmds/op',
  ];
  const rows = [];
  for (const group of groups.filter((g) => g.results)) {
    for (const [i, r] of group.results.entries()) {
      const v = r.vsBaseline;
      rows.push([
        i === 0 ? `${group.scenario}, ${group.transport}` : '',
        r.label,
        `${int(r.rate)} ${SCENARIOS[group.scenario].unit}`,
        v ? `${times(v.rate)} ${v.of}` : r.baseline ? `no ${r.baseline} row` : 'baseline',
        fixed(r.latency.p50, 2),
        fixed(r.latency.p99, 2),
        v ? times(v.p99) : '',
        fixed(r.serverCpuMicrosPerOp, 1),
        v ? times(v.serverCpuPerOp) : '',
        pct(r.serverCpu),
        pct(r.generatorCpu),
        r.redisCommandsPerOp === undefined ? '' : fixed(r.redisCommandsPerOp, 1),
      ]);
    }
  }
  return markdownTable(header, rows);
}

function memoryTable(groups) {
  const rows = [];
  for (const group of groups.filter((g) => g.results && g.scenario === 'connect')) {
    for (const r of group.results) {
      const v = r.vsBaseline;
      rows.push([
        group.transport,
        r.label,
        kb(r.memoryPerConnection?.rss),
        kb(r.memoryPerConnection?.heap),
        v?.rss === undefined ? 'baseline' : `${times(v.rss)} ${v.of}`,
        v?.heap === undefined ? '' : times(v.heap),
      ]);
    }
  }
  return rows.length
    ? markdownTable(['transport', 'implementation', 'RSS / conn', 'heap / conn', 'RSS vs base', 'heap vs base'], rows)
    : '';
}

function redisNotes(groups) {
  const notes = [];
  for (const group of groups.filter((g) => g.results)) {
    for (const r of group.results.filter((x) => x.redisCommandsPerOp !== undefined)) {
      const detail = Object.entries(r.redisCommands)
        .filter(([, n]) => n >= 0.05)
        .map(([name, n]) => `${name} ${fixed(n, 2)}`)
        .join(', ');
      const per = SCENARIOS[group.scenario].countsMessages ? 'roomMessage' : SCENARIOS[group.scenario].op;
      notes.push(
        `- ${group.id}, ${r.label}: **${fixed(r.redisCommandsPerOp, 2)} Redis commands per ${per}** (${detail}); redis-server CPU ${fixed(r.redisCpuMicrosPerOp, 1)} µs/op`,
      );
    }
  }
  return notes;
}

/** The markdown report of a run. */
export function renderMarkdown({ info, settings, groups }) {
  const s = settings;
  const lines = [
    `# chat-service benchmark, ${info.date} (${info.quick ? 'QUICK run: smoke test only, not results' : 'full run'}, ${info.wallSeconds} s)`,
    '',
    `- node ${info.node}; ${info.os}; ${info.cpus}; ${info.memory}`,
    `- **load average** (1/5/15 min) at start ${info.loadStart}, at end ${info.loadEnd}${info.redisVersion ? `; redis-server ${info.redisVersion}` : ''}`,
    `- ${info.pinning}`,
    `- ${info.code}`,
    `- ${info.libraries}`,
    `- each implementation in its own server process; ${s.rounds} passes of ${s.passMs / 1000} s per implementation after a ${s.warmupMs / 1000} s warm-up, ABBA order; ` +
      `acks: ${s.acks.clients} clients, each in its own room, one message in flight each; fan-out: ${s.fanout.clients} subscribers and ${s.fanout.senders} senders in one room, one message in flight per sender; ` +
      `connect: ${s.connect.count} connections + login, ${s.connect.concurrency} in flight, a fresh server per pass warmed up by ${s.connect.warmup} connections opened and closed, ${s.connect.rounds} passes; ` +
      `history: ${s.history.clients} clients paging (${s.history.pageSize} per page, random positions) a room of ${s.history.historySize} messages`,
    '',
    mainTable(groups),
    '',
    '**rate** operations per second over all passes (acks: acks; fan-out: messages acked and delivered to every subscriber; connect: logins; history: pages). ' +
      '**vs base** ratio to the baseline of the same run named after it (bare = the bare server of the same transport; memory = ours on the memory store, same transport; redis = ours on the Redis store, same transport): ' +
      "each pass is divided by the baseline's pass of the same round (run next to it) and the median of these ratios is shown; the same for the p99 and CPU ratios (the JSON also has the ratios of the pooled figures, `vsBaselinePooled`). " +
      '**p50/p99** latency of one operation under that load (closed loop), over all passes. **srv CPU µs/op** CPU time (user + system) of the server process per operation; ' +
      "with Redis it excludes redis-server's own CPU. **srv CPU / gen CPU** CPU use of the server and generator processes over the passes " +
      '(a generator near 100% is the bottleneck: then compare the srv CPU µs/op ratio, not the rates).',
  ];
  const memory = memoryTable(groups);
  if (memory)
    lines.push(
      '',
      `Memory per idle logged-in connection at ${s.connect.count} connections (RSS and heapUsed after a full GC, minus before the logins and after the warm-up; median of the passes):`,
      '',
      memory,
    );
  const redis = redisNotes(groups);
  if (redis.length)
    lines.push(
      '',
      'Redis commands (INFO commandstats delta over the passes, commands inside Lua scripts included, / operations) and redis-server\'s CPU (INFO cpu, user + system, on the core the header gives) per operation:',
      '',
      ...redis,
    );
  const failed = groups.filter((g) => g.error || g.skipped);
  if (failed.length)
    lines.push('', ...failed.map((g) => `- ${g.id}: ${g.error ? `FAILED: ${g.error.split('\n')[0]}` : `skipped (${g.skipped})`}`));
  return `${lines.join('\n')}\n`;
}
