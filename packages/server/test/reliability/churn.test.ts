/**
 * Reliability: connection churn.
 * About 60 real socket.io and ws clients of 8 users connect at once, join
 * rooms, send messages, and half of them disconnect at random moments while
 * their own and others' joins, leaves and messages are in flight; some
 * reconnect. Once that settles, the state must describe exactly the clients
 * still connected (sockets, rooms, userlists); once every client is gone, it
 * must be empty: no instance sockets, no user sockets, empty userlists, and
 * no consistency-failure events. On memory, on Redis, and with two instances
 * sharing one Redis.
 *
 * The timing is random (the seed in the test name replays the choices, not
 * the interleaving); `FUZZ_SEED` fixes it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Store } from '@chat-service/core';
import type { TestClient } from '@chat-service/core/testing';
import type { ChatService } from '../../src/index.js';
import type { AnyClient, FailureRecorder, RunningService, Via } from './support.js';
import {
  Rng,
  describe as show,
  ownSocketsOf,
  randomPrefix,
  resolveSeed,
  startService,
  userlistOf,
  useFailureRecorder,
} from './support.js';

const SEED = resolveSeed();
const USERS = Array.from({ length: 8 }, (_, i) => `user${String(i)}`);
const ROOMS = ['room0', 'room1', 'room2', 'room3'];
const CLIENTS = 60;
const OPTIONS = { enableUserlistUpdates: true } as const;
/** How long the state may take to settle once the clients are done. */
const SETTLE_MS = 8000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One live connection of the test. */
interface Live {
  readonly user: string;
  readonly client: TestClient;
  closed: boolean;
}

/** Runs the churn against the instances (clients are spread over them) and returns the connections still open. */
async function churn(instances: readonly RunningService[], rng: Rng, problems: string[]): Promise<Live[]> {
  const live: Live[] = [];

  const connect = async (slot: number, user: string): Promise<Live> => {
    const instance = instances[slot % instances.length];
    if (instance === undefined) throw new Error('unreachable: the index is taken modulo the length');
    const via: Via = rng.chance(0.5) ? 'socket.io' : 'ws';
    const any: AnyClient = await instance.connect(user, via);
    const entry: Live = { user, client: any.client, closed: false };
    live.push(entry);
    return entry;
  };

  /** Fires joins, messages and maybe a leave without awaiting them; every ack is checked, a missing one only matters while connected. */
  const act = (entry: Live): Promise<unknown>[] => {
    const rooms = rng.sample(ROOMS, rng.between(1, 3));
    const calls: [string, unknown[]][] = rooms.map((room) => ['roomJoin', [room]]);
    for (let k = rng.between(1, 3); k > 0; k--) calls.push(['roomMessage', [rng.pick(rooms), { textMessage: `hi ${String(k)}` }]]);
    if (rng.chance(0.3)) calls.push(['roomLeave', [rng.pick(rooms)]]);
    return calls.map(async ([name, args]) => {
      try {
        const ack = await entry.client.call(name, ...args);
        const [error, data] = ack;
        const wellFormed = ack.length >= 2 && (error === null || (typeof error === 'string' && error.startsWith('ChatServiceError: ') && data === null));
        if (!wellFormed) problems.push(`${entry.user} ${name}(${show(args)}): malformed ack ${show(ack)}`);
      } catch (error) {
        if (!entry.closed) problems.push(`${entry.user} ${name}(${show(args)}) got no ack while connected: ${show(error)}`);
      }
    });
  };

  const close = async (entry: Live): Promise<void> => {
    entry.closed = true;
    await entry.client.close();
  };

  const script = async (slot: number): Promise<void> => {
    const user = USERS[slot % USERS.length];
    if (user === undefined) throw new Error('unreachable: the index is taken modulo the length');
    const first = await connect(slot, user);
    const pending = act(first);
    if (rng.chance(0.5)) {
      // Disconnect at a random moment, usually with this client's own commands still in flight.
      await pause(rng.int(120));
      await close(first);
      if (rng.chance(0.5)) {
        // Reconnect, to the next instance when there are several.
        const second = await connect(slot + 1, user);
        pending.push(...act(second));
      }
    }
    await Promise.all(pending);
  };

  await Promise.all(Array.from({ length: CLIENTS }, (_, slot) => script(slot)));
  return live.filter((entry) => !entry.closed);
}

/** The instance-socket registries of every instance, merged. */
async function instanceSockets(instances: readonly RunningService[]): Promise<Record<string, string>> {
  const registries = await Promise.all(instances.map((i) => i.service.state.getInstanceSockets()));
  return Object.assign({}, ...registries) as Record<string, string>;
}

/** Asserts that the state describes exactly the `open` connections: sockets, rooms and userlists agree. */
async function expectStateOf(service: ChatService, instances: readonly RunningService[], open: readonly Live[]): Promise<void> {
  const expected = Object.fromEntries(open.map((entry) => [entry.client.id ?? '', entry.user]));
  expect(await instanceSockets(instances)).toEqual(expected);
  const joined = new Map<string, Set<string>>(ROOMS.map((room) => [room, new Set<string>()]));
  for (const user of USERS) {
    const sockets = await ownSocketsOf(service, user);
    const ids = open.filter((entry) => entry.user === user).map((entry) => entry.client.id ?? '');
    expect(Object.keys(sockets).sort(), `sockets of ${user}`).toEqual(ids.sort());
    for (const rooms of Object.values(sockets)) {
      for (const room of rooms) {
        expect(ROOMS, `${user} is in an unknown room`).toContain(room);
        joined.get(room)?.add(user);
      }
    }
  }
  for (const room of ROOMS) expect(await userlistOf(service, room), `userlist of ${room}`).toEqual([...(joined.get(room) ?? [])].sort());
}

async function runChurn(instances: readonly RunningService[], recorder: FailureRecorder, seed: number): Promise<void> {
  const [first] = instances;
  if (!first) throw new Error('no instance');
  instances.forEach((instance, i) => { recorder.watch(instance.service, `instance ${String(i)}`); });
  for (const room of ROOMS) await first.service.addRoom(room, { enableUserlistUpdates: true });

  const problems: string[] = [];
  const open = await churn(instances, new Rng(seed), problems);
  expect(problems).toEqual([]);
  expect(open.length).toBeGreaterThan(0);

  // Once the disconnect cleanups are done, the state is exactly that of the open connections.
  await vi.waitFor(() => expectStateOf(first.service, instances, open), { timeout: SETTLE_MS, interval: 50 });

  // Everyone leaves: nothing may remain.
  await Promise.all(open.map((entry) => entry.client.close()));
  await vi.waitFor(() => expectStateOf(first.service, instances, []), { timeout: SETTLE_MS, interval: 50 });
  for (const { service } of instances) expect(await service.state.getInstanceSockets()).toEqual({});
  for (const user of USERS) expect(await ownSocketsOf(first.service, user)).toEqual({});
  for (const room of ROOMS) expect(await userlistOf(first.service, room)).toEqual([]);
  expect(recorder.problems).toEqual([]);
}

/**
 * Holds the next `roomUserlistRemove` (armed just before a disconnect) until
 * the racing join of `joinerId` has either recorded its socket or found the
 * (user, room) lock held, whichever comes first.
 */
class RaceGate {
  armed = false;
  holding = false;
  joinerId: string | undefined;
  #release: () => void = () => undefined;
  readonly released = new Promise<void>((resolve) => {
    this.#release = resolve;
  });

  release(): void {
    this.#release();
  }

  /** The store with the gate on `roomUserlistRemove`, `addSocketToRoom` and `lockAcquire`. */
  wrap(store: Store): Store {
    const wrapped: Store = Object.create(store) as Store;
    wrapped.roomUserlistRemove = async (room, user, now) => {
      if (this.armed) {
        this.armed = false;
        this.holding = true;
        await this.released;
      }
      return store.roomUserlistRemove(room, user, now);
    };
    wrapped.addSocketToRoom = async (user, socketId, room) => {
      const change = await store.addSocketToRoom(user, socketId, room);
      if (socketId === this.joinerId && this.holding) this.release();
      return change;
    };
    wrapped.lockAcquire = async (resource, ttl) => {
      const token = await store.lockAcquire(resource, ttl);
      if (token === null && this.holding) this.release();
      return token;
    };
    return wrapped;
  }
}

describe(`connection churn (FUZZ_SEED=${String(SEED)})`, () => {
  const recorder = useFailureRecorder();

  it.each(['memory', 'redis'] as const)(
    `one instance on %s: ${String(CLIENTS)} socket.io and ws clients of 8 users churn, then the state is exact, then empty`,
    async (kind) => {
      const instance = await startService({ kind }, OPTIONS);
      await runChurn([instance], recorder, SEED ^ (kind === 'memory' ? 0x1111 : 0x2222));
    },
    15_000,
  );

  it.each(['memory', 'redis'] as const)(
    "on %s, a disconnect racing a join of the same user's other socket leaves the user in the userlist",
    async (kind) => {
      const gate = new RaceGate();
      const { service, connect } = await startService({ kind, wrap: (store) => gate.wrap(store) }, OPTIONS);
      recorder.watch(service);
      await service.addRoom('room0', { enableUserlistUpdates: true });
      const leaving = (await connect('user0', 'socket.io')).client;
      const joining = (await connect('user0', 'ws')).client;
      gate.joinerId = joining.id;
      expect(await leaving.call('roomJoin', 'room0')).toEqual([null, 1]);

      // The disconnect found no other socket of user0 in room0 and is about to drop user0 from the userlist...
      gate.armed = true;
      await leaving.close();
      await vi.waitFor(() => { expect(gate.holding).toBe(true); }, { timeout: 3000, interval: 5 });
      // ...while the other socket joins.
      expect(await joining.call('roomJoin', 'room0')).toEqual([null, 1]);

      await vi.waitFor(async () => { expect(await service.state.getInstanceSockets()).toEqual({ [joining.id ?? '']: 'user0' }); }, { timeout: SETTLE_MS, interval: 20 });
      expect(await ownSocketsOf(service, 'user0')).toEqual({ [joining.id ?? '']: ['room0'] });
      expect(await userlistOf(service, 'room0')).toEqual(['user0']);
      expect(recorder.problems).toEqual([]);
    },
    15_000,
  );

  it(
    `two instances on one Redis: ${String(CLIENTS)} clients spread over both churn, then the state is exact, then empty`,
    async () => {
      const prefix = randomPrefix();
      const instances = await Promise.all([startService({ redisPrefix: prefix }, OPTIONS), startService({ redisPrefix: prefix }, OPTIONS)]);
      await runChurn(instances, recorder, SEED ^ 0x3333);
    },
    15_000,
  );
});
