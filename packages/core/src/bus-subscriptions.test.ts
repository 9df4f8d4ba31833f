import { describe, expect, it } from 'vitest';
import { BusSubscriptions } from './bus-subscriptions.js';
import type { Bus, BusTopic } from './ports.js';

/** A bus that only logs subscribe/unsubscribe calls, each settling a tick later (what is tested is their order). */
function loggedBus(log: string[]): Bus {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    listen: () => Promise.resolve(),
    publish: () => Promise.resolve(),
    onMessage: () => () => undefined,
    close: () => Promise.resolve(),
    subscribe: async (topic) => {
      log.push(`+${topic.kind === 'global' ? '' : topic.name}`);
      await tick();
    },
    unsubscribe: async (topic) => {
      log.push(`-${topic.kind === 'global' ? '' : topic.name}`);
      await tick();
    },
  };
}

const room: BusTopic = { kind: 'room', name: 'r' };

describe('BusSubscriptions', () => {
  it('subscribes for the first holder and unsubscribes after the last, in call order', async () => {
    const log: string[] = [];
    const subs = new BusSubscriptions(loggedBus(log));
    await subs.acquire('s1', room);
    await subs.acquire('s2', room);
    await subs.acquire('s2', room);
    expect(log).toEqual(['+r']);
    await subs.release('s1', room);
    await subs.release('s1', room);
    expect(log).toEqual(['+r']);
    const leaving = subs.release('s2', room);
    const back = subs.acquire('s3', room);
    await Promise.all([leaving, back]);
    expect(log).toEqual(['+r', '-r', '+r']);
    expect(subs.held()).toEqual(['room:r']);
    await subs.releaseAll('s3');
    expect(log).toEqual(['+r', '-r', '+r', '-r']);
    expect(subs.held()).toEqual([]);
  });

  it('releaseAll drops every topic of a socket and reports dropped topics', async () => {
    const dropped: string[] = [];
    const subs = new BusSubscriptions(loggedBus([]), (topic) => dropped.push(topic.kind === 'global' ? '' : topic.name));
    await subs.acquire('s1', room);
    await subs.acquire('s1', { kind: 'user', name: 'u' });
    await subs.acquire('s2', { kind: 'user', name: 'u' });
    await subs.releaseAll('s1');
    expect(dropped).toEqual(['r']);
    expect(subs.held()).toEqual(['user:u']);
  });

  it('tells topics of different kinds with one name apart, and releases one of several topics of a socket', async () => {
    const log: string[] = [];
    const subs = new BusSubscriptions(loggedBus(log));
    const user: BusTopic = { kind: 'user', name: 'r' };
    await subs.acquire('s1', room);
    await subs.acquire('s1', user);
    await subs.acquire('s1', { kind: 'global' });
    expect(subs.held().sort()).toEqual(['global', 'room:r', 'user:r']);
    await subs.release('s1', room);
    await subs.release('s2', user);
    expect([subs.isHeld(room), subs.isHeld(user)]).toEqual([false, true]);
    await subs.releaseAll('s1');
    expect(subs.held()).toEqual([]);
    expect(log).toEqual(['+r', '+r', '+', '-r', '-r', '-']);
  });

  it("a second holder waits for the first one's subscribe, also after a failed one", async () => {
    const log: string[] = [];
    let fail = true;
    const bus = loggedBus(log);
    const subscribe = bus.subscribe.bind(bus);
    bus.subscribe = async (topic) => {
      await subscribe(topic);
      if (fail) throw new Error('down');
    };
    const subs = new BusSubscriptions(bus);
    const first = subs.acquire('s1', room);
    let waited = false;
    const second = subs.acquire('s2', room).then(() => (waited = true));
    await expect(first).rejects.toThrow('down');
    await second;
    expect(waited).toBe(true);
    await subs.acquire('s3', room);
    await subs.releaseAll('s1');
    await subs.releaseAll('s2');
    await subs.releaseAll('s3');
    fail = false;
    await subs.acquire('s4', room);
    expect(log).toEqual(['+r', '-r', '+r']);
  });
});
