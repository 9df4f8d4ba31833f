/**
 * Smoke test of the bench harness on a tiny configuration: it checks that a
 * run produces a well-formed table and JSON with ratios to the baseline of the
 * same run, never what the numbers are. Needs the built packages
 * (`npx turbo run build --filter=@chat-service/server...`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../run.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function bench(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--expose-gc', RUN, ...args], { encoding: 'utf8', timeout: 55_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run bench', () => {
  it('measures ours beside the bare server of the same transport and writes a dated table and JSON', async () => {
    const { code, stdout, stderr } = await bench('--quick', '--only=acks-ws', '--no-redis', '--rounds=2', '--pass-ms=200', `--out=${out}`);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/\[1\/4 \d+ s\] acks-ws (bare|memory) 1\/2: +[\d,]+ acks\/s/);

    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d{4}-quick\.json$/);
    expect(files[1]).toBe(files[0].replace(/json$/, 'md'));

    const markdown = readFileSync(join(out, files[1]), 'utf8');
    expect(stdout).toContain(markdown.trim());
    expect(markdown).toMatch(/^\| scenario +\| implementation +\| +rate \| +vs base \| +p50 ms \| +p99 ms \|/m);
    expect(markdown).toMatch(/^\| acks, ws +\| bare ws +\| +[\d,]+ acks\/s \| +baseline \|/m);
    expect(markdown).toMatch(/^\| +\| ours ws, memory store +\| +[\d,]+ acks\/s \| +\d+\.\d\d× bare \|/m);
    expect(markdown).toContain('load average');

    const { groups, info } = JSON.parse(readFileSync(join(out, files[0]), 'utf8'));
    expect(info.quick).toBe(true);
    expect(groups.map((g) => g.id)).toEqual(['acks-ws']);
    const [bare, ours] = groups[0].results;
    expect([bare.key, ours.key]).toEqual(['bare', 'memory']);
    for (const r of [bare, ours]) {
      expect(r.ops).toBeGreaterThan(0);
      expect(r.passes).toHaveLength(2);
      expect(r.latency.p99).toBeGreaterThanOrEqual(r.latency.p50);
    }
    expect(ours.vsBaseline.of).toBe('bare');
    // vs base: the median of the per-round ratios (2 rounds: their mean); the pooled ratio is kept beside it
    const perRound = ours.passes.map((p, i) => p.ops / p.ms / (bare.passes[i].ops / bare.passes[i].ms));
    expect(ours.vsBaseline.rate).toBeCloseTo((perRound[0] + perRound[1]) / 2, 10);
    const p99s = ours.passes.map((p, i) => p.p99 / bare.passes[i].p99);
    expect(ours.vsBaseline.p99).toBeCloseTo((p99s[0] + p99s[1]) / 2, 10);
    expect(ours.vsBaselinePooled.rate).toBeCloseTo(ours.rate / bare.rate, 10);
    for (const p of ours.passes) expect(p.p99).toBeGreaterThan(0);
  });

  it('profiles exactly the measured passes with --profile: CPU per pass, and the heap the logins left', async () => {
    const dir = join(out, 'profiles');
    const { code, stderr } = await bench(
      '--quick',
      '--only=connect-ws',
      '--impl=memory',
      '--connections=50',
      `--out=${out}/runs`,
      `--profile=${dir}`,
    );
    expect(code, stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'connect-ws-memory-0.cpuprofile',
      'connect-ws-memory-0.heapprofile',
      'connect-ws-memory-1.cpuprofile',
      'connect-ws-memory-1.heapprofile',
    ]);
    const cpu = JSON.parse(readFileSync(join(dir, 'connect-ws-memory-0.cpuprofile'), 'utf8'));
    expect(cpu.nodes.some((n) => n.callFrame.url.includes('transport-ws'))).toBe(true);
    const heap = JSON.parse(readFileSync(join(dir, 'connect-ws-memory-0.heapprofile'), 'utf8'));
    expect(heap.head.children.length).toBeGreaterThan(0);
  });

  it('runs another checkout beside this one (--against), passes --server-flags to the servers, profiles allocations', async () => {
    const dir = join(out, 'alloc');
    const runs = join(out, 'against');
    const { code, stdout, stderr } = await bench(
      '--quick',
      '--only=acks-ws',
      '--impl=memory,against',
      `--against=${ROOT}`,
      '--server-flags=--trace-gc',
      '--rounds=1',
      '--pass-ms=200',
      `--out=${runs}`,
      `--profile=${dir}`,
    );
    expect(code, stderr).toBe(0);
    // --trace-gc reaches the servers: the full collections before each pass are printed.
    expect(stdout).toMatch(/Mark-Compact/);
    const [json] = readdirSync(runs).filter((f) => f.endsWith('.json'));
    const { groups } = JSON.parse(readFileSync(join(runs, json), 'utf8'));
    const [ours, against] = groups[0].results;
    expect([ours.key, against.key]).toEqual(['memory', 'against']);
    expect(against.label).toContain(ROOT.replace(/\/$/, ''));
    expect(against.vsBaseline.of).toBe('memory');
    expect(against.ops).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual([
      'acks-ws-against-0.allocations.heapprofile',
      'acks-ws-against-0.cpuprofile',
      'acks-ws-memory-0.allocations.heapprofile',
      'acks-ws-memory-0.cpuprofile',
    ]);
    const allocations = JSON.parse(readFileSync(join(dir, 'acks-ws-memory-0.allocations.heapprofile'), 'utf8'));
    expect(allocations.samples.length).toBeGreaterThan(0);
  });

  it('refuses --against without a built checkout, in one line and exit code 2', async () => {
    const { code, stderr } = await bench('--quick', '--only=acks-ws', `--against=${out}`);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^bench: --against needs a built checkout: .*bench\/lib\/servers\.mjs is missing/),
    ]);
  });

  it('rejects an unknown option with one line and exit code 2', async () => {
    const { code, stderr } = await bench('--fast');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('bench: unknown option --fast');
  });
});
