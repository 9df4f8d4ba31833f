import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat.js';
import type { Pingable } from './heartbeat.js';

interface FakeConnection extends Pingable {
  name: string;
  open: boolean;
  pings: number;
}

function fake(name: string): FakeConnection {
  return {
    name,
    open: true,
    pings: 0,
    pingRound: 0,
    ping() {
      if (!this.open) return false;
      this.pings++;
      return true;
    },
  };
}

function start(init: { interval: number; timeout: number; connections: FakeConnection[] }): { timedOut: string[]; heartbeat: Heartbeat<FakeConnection> } {
  const timedOut: string[] = [];
  const { connections } = init;
  const heartbeat = new Heartbeat<FakeConnection>({
    interval: init.interval,
    timeout: init.timeout,
    connections: () => connections,
    onTimeout: (connection) => {
      timedOut.push(connection.name);
      connections.splice(connections.indexOf(connection), 1);
    },
  });
  heartbeat.start();
  return { timedOut, heartbeat };
}

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every interval and times out only a connection that did not answer within the timeout', () => {
    const [healthy, silent] = [fake('healthy'), fake('silent')];
    const { timedOut, heartbeat } = start({ interval: 100, timeout: 50, connections: [healthy, silent] });
    vi.advanceTimersByTime(100);
    expect([healthy.pings, silent.pings]).toEqual([1, 1]);
    healthy.pingRound = 0; // its pong
    vi.advanceTimersByTime(49);
    expect(timedOut).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(timedOut).toEqual(['silent']);
    vi.advanceTimersByTime(100);
    expect(healthy.pings).toBe(2);
    heartbeat.stop();
  });

  it('does not ping again a connection that still owes a pong, and holds it to its first deadline', () => {
    const slow = fake('slow');
    const { timedOut, heartbeat } = start({ interval: 100, timeout: 250, connections: [slow] });
    vi.advanceTimersByTime(300);
    expect(slow.pings).toBe(1);
    expect(timedOut).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(timedOut).toEqual(['slow']);
    heartbeat.stop();
  });

  it('keeps a connection whose pong came late but before its deadline', () => {
    const late = fake('late');
    const { timedOut, heartbeat } = start({ interval: 100, timeout: 250, connections: [late] });
    vi.advanceTimersByTime(340);
    late.pingRound = 0;
    vi.advanceTimersByTime(20);
    expect(timedOut).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(late.pings).toBe(2);
    heartbeat.stop();
  });

  it('skips a closed socket, and runs nothing with interval 0 or once stopped', () => {
    const closed = fake('closed');
    closed.open = false;
    const first = start({ interval: 100, timeout: 50, connections: [closed] });
    vi.advanceTimersByTime(1000);
    expect(first.timedOut).toEqual([]);
    first.heartbeat.stop();

    const idle = fake('idle');
    start({ interval: 0, timeout: 50, connections: [idle] });
    vi.advanceTimersByTime(1000);
    expect(idle.pings).toBe(0);

    const stopped = fake('stopped');
    const last = start({ interval: 100, timeout: 50, connections: [stopped] });
    vi.advanceTimersByTime(100);
    last.heartbeat.stop();
    vi.advanceTimersByTime(1000);
    expect(last.timedOut).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
