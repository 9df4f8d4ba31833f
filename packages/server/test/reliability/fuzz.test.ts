/**
 * Reliability: command fuzzing
 * over real socket.io and ws (JSON) clients. A seeded PRNG draws, for a few
 * hundred iterations per run, a command name (one of the 24, or junk) and
 * 0-5 arguments of every shape (odd strings and names, NaN / huge / negative
 * numbers, nested objects with `__proto__` keys, message-like objects with
 * extra keys, strings up to 100 KB). Every call must be answered with a
 * well-formed ack (`[null, data, ...]` or `['ChatServiceError: ...', null]`),
 * unknown names must be dropped (socket.io) or answered "Method not found"
 * (ws), and afterwards the service must be alive and its state consistent.
 *
 * Replay a failure with the seed printed in the test name:
 * `FUZZ_SEED=1234 npx vitest run packages/server/test/reliability/fuzz.test.ts`
 * (`FUZZ_ITERATIONS` changes the number of iterations per run; `FUZZ_STATS=1`
 * prints how often each command succeeded or failed with which error).
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/index.js';
import type { ChatService, Hooks, RoomState } from '../../src/index.js';
import type { StoreKind } from '../helpers/harness.js';
import type { AnyClient, Via } from './support.js';
import {
  Rng,
  describe as show,
  lastMessageIdOf,
  mulberry32,
  ownSocketsOf,
  resolveSeed,
  startService,
  userlistOf,
  QUERY_AUTH,
  useFailureRecorder,
} from './support.js';

const SEED = resolveSeed();
const ITERATIONS = Number(process.env['FUZZ_ITERATIONS'] ?? '') || 400;

type CommandName = (typeof COMMAND_NAMES)[number];

// --- the world every run starts from ---

/** Users and how many sockets each connects. */
const USERS: readonly (readonly [string, number])[] = [
  ['alice', 2],
  ['bob', 1],
  ['carol', 1],
  ['__proto__', 1],
];
const USER_NAMES = USERS.map(([name]) => name);

/** Rooms created before the fuzzing: open, whitelist-only, with admins, with a blacklist, odd names. */
const ROOMS: Readonly<Record<string, RoomState>> = {
  lobby: { owner: 'alice', adminlist: ['bob'] },
  staff: { owner: 'bob', whitelistOnly: true, whitelist: ['alice', 'carol'], adminlist: ['alice'] },
  vip: { whitelistOnly: true, adminlist: ['__proto__'], whitelist: ['carol'] },
  banned: { owner: 'carol', blacklist: ['bob'] },
  constructor: {},
};

const OPTIONS = {
  enableDirectMessages: true,
  enableRoomsManagement: true,
  enableUserlistUpdates: true,
  enableAccessListsUpdates: true,
  // Small limits, so trimming and listLimitExceeded are reached; 10 × 100 KB history stays below the ws send buffer bound.
  historyMaxSize: 10,
  historyMaxGetMessages: 10,
  directListSizeLimit: 8,
  roomListSizeLimit: 12,
} as const;

/** Message checkers accepting any plain object: the message then reaches the store as it is. */
const PERMISSIVE_CHECKERS: Hooks<ChatService> = {
  roomMessagesChecker: () => Promise.resolve(),
  directMessagesChecker: () => Promise.resolve(),
};

// --- value generators ---

const bigString = (rng: Rng): string => 'x'.repeat(rng.pick([1_000, 10_000, 100_000]));

/** Strings that are odd as names: empty, prototype keys, reserved characters, controls, lone surrogates. */
const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  'a:b',
  '{x}',
  'x}',
  ':',
  'tab\there',
  'nul\u0000',
  '\u001f',
  'del\u007f',
  'line\nbreak',
  'emoji 😀',
  'r'.repeat(300),
  '%7B',
  '*',
  '?',
  '[a]',
  'echo:alice',
];

/**
 * Strings that are not well-formed UTF-16. The core refuses them as names
 * with `invalidName` on every store (a UTF-8 store such as Redis would turn
 * each lone surrogate into U+FFFD, so `'lone\ud800'` and `'lone\udfff'` would
 * name one room), so every run uses them.
 */
const LONE_SURROGATES: readonly string[] = ['lone\ud800', 'lone\udfff', '\udc00x'];

/** The run's PRNG with the run's pool of odd strings. */
class FuzzRng extends Rng {
  readonly oddStrings: readonly string[];

  constructor(seed: number) {
    super(seed);
    this.oddStrings = [...ODD_STRINGS, ...LONE_SURROGATES];
  }
}

const ROOM_POOL: readonly string[] = [...Object.keys(ROOMS), 'fresh', 'toString', '__proto__', 'nope'];
const USER_POOL: readonly string[] = [...USER_NAMES, 'nobody', 'toString'];
const LIST_POOL: readonly string[] = ['whitelist', 'blacklist', 'adminlist', 'userlist'];
const NUMBERS: readonly number[] = [0, 1, -1, 2, 0.5, 3.7, -0.25, NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 31, 1e21, 100];

function oddString(rng: FuzzRng): string {
  if (rng.chance(0.03)) return bigString(rng);
  if (rng.chance(0.15)) return String.fromCharCode(...Array.from({ length: rng.between(1, 8) }, () => rng.int(0x3000)));
  return rng.pick(rng.oddStrings);
}

function anyString(rng: FuzzRng): string {
  const r = rng.float();
  if (r < 0.3) return rng.pick(ROOM_POOL);
  if (r < 0.5) return rng.pick(USER_POOL);
  if (r < 0.6) return rng.pick(LIST_POOL);
  return oddString(rng);
}

/** An object with own keys that are prototype names (made with JSON.parse, so `__proto__` is a plain own key). */
function prototypeKeysObject(rng: FuzzRng): Record<string, unknown> {
  return rng.pick([
    () => JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>,
    () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as Record<string, unknown>,
    () => JSON.parse('{"toString":"x","valueOf":1,"hasOwnProperty":null}') as Record<string, unknown>,
    () => JSON.parse('{"__proto__":[],"length":3}') as Record<string, unknown>,
    () => ({ _placeholder: true, num: 0 }),
    () => ({ type: 'Buffer', data: [1, 2, 3] }),
    () => ({ toJSON: 'not a function', then: 'not a function either' }),
  ])();
}

/** Message-like objects: valid text messages, extra keys, wrong types, prototype keys, big bodies. */
function messageLike(rng: FuzzRng): unknown {
  return rng.pick<() => unknown>([
    () => ({ textMessage: `hello ${String(rng.int(1000))}` }),
    () => ({ textMessage: `hello ${String(rng.int(1000))}` }),
    () => ({ textMessage: anyString(rng) }),
    () => ({ textMessage: bigString(rng) }),
    () => ({ textMessage: 'hi', extra: randomValue(rng, 1) }),
    () => ({ textMessage: rng.pick(NUMBERS) }),
    () => ({ textMessage: null }),
    () => ({}),
    () => ({ textMessage: 'x', id: 99, timestamp: 'yesterday', author: 'mallory' }),
    () => JSON.parse('{"textMessage":"x","__proto__":{"polluted":true}}') as unknown,
    () => JSON.parse('{"__proto__":{"textMessage":"x"}}') as unknown,
    () => ({ textMessage: 'nested', deep: { a: [1, { b: [null, true] }] } }),
    () => [{ textMessage: 'in an array' }],
    () => 'textMessage',
  ])();
}

function randomValue(rng: FuzzRng, depth = 0): unknown {
  const r = rng.float();
  if (r < 0.3) return anyString(rng);
  if (r < 0.45) return rng.pick(NUMBERS);
  if (r < 0.52) return rng.chance(0.5);
  if (r < 0.58) return null;
  if (r < 0.72 && depth < 2) return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
  if (r < 0.82 && depth < 2) {
    const out: Record<string, unknown> = {};
    for (let i = rng.int(4); i > 0; i--) {
      Object.defineProperty(out, rng.pick(['__proto__', 'constructor', 'toString', 'a', 'textMessage', '']), {
        value: randomValue(rng, depth + 1),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return out;
  }
  if (r < 0.9) return prototypeKeysObject(rng);
  return messageLike(rng);
}

// --- argument lists ---

type Kind = 'room' | 'list' | 'dlist' | 'user' | 'users' | 'bool' | 'historyId' | 'historyLimit' | 'message' | 'any';

/** What each command takes, in the fuzzer's finer kinds. */
const SIGNATURES: Readonly<Record<CommandName, readonly Kind[]>> = {
  directAddToList: ['dlist', 'users'],
  directGetAccessList: ['dlist'],
  directGetWhitelistMode: [],
  directMessage: ['user', 'message'],
  directRemoveFromList: ['dlist', 'users'],
  directSetWhitelistMode: ['bool'],
  listOwnSockets: [],
  roomAddToList: ['room', 'list', 'users'],
  roomCreate: ['room', 'bool'],
  roomDelete: ['room'],
  roomGetAccessList: ['room', 'list'],
  roomGetOwner: ['room'],
  roomGetWhitelistMode: ['room'],
  roomHistoryGet: ['room', 'historyId', 'historyLimit'],
  roomHistoryInfo: ['room'],
  roomJoin: ['room'],
  roomLeave: ['room'],
  roomMessage: ['room', 'message'],
  roomNotificationsInfo: ['room'],
  roomRecentHistory: ['room'],
  roomRemoveFromList: ['room', 'list', 'users'],
  roomSetWhitelistMode: ['room', 'bool'],
  roomUserSeen: ['room', 'user'],
  systemMessage: ['any'],
};

/** Commands that build state come up more often. */
const WEIGHTED_COMMANDS: readonly CommandName[] = [
  ...COMMAND_NAMES,
  ...(['roomJoin', 'roomJoin', 'roomJoin', 'roomMessage', 'roomMessage', 'roomMessage', 'roomMessage', 'roomLeave'] as const),
  ...(['roomAddToList', 'roomRemoveFromList', 'roomCreate', 'directAddToList'] as const),
];

/** Names no command has (the reserved socket.io event names are left out: socket.io-client refuses to send them). */
const JUNK_NAMES: readonly string[] = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'roomJoin ',
  ' roomJoin',
  'ROOMJOIN',
  'roomjoin',
  'roomJoin\u0000',
  'loginConfirmed',
  'roomMessageEcho',
  'rpc.discover',
  'Before',
  'roomJoinBefore',
  'c'.repeat(10_000),
];

function typedArg(rng: FuzzRng, kind: Kind, lastJoined: string | undefined): unknown {
  const pool = (main: readonly string[]): string => (rng.chance(0.85) ? rng.pick(main) : anyString(rng));
  switch (kind) {
    case 'room':
      // Mostly the room this socket joined last, or an open one, so that messages and leaves often succeed.
      if (lastJoined !== undefined && rng.chance(0.6)) return lastJoined;
      return rng.chance(0.5) ? rng.pick(['lobby', 'constructor', 'fresh']) : pool(ROOM_POOL);
    case 'list':
      return pool(LIST_POOL);
    case 'dlist':
      return pool(['whitelist', 'blacklist']);
    case 'user':
      return pool(USER_POOL);
    case 'users':
      return Array.from({ length: rng.int(4) }, () => pool(USER_POOL));
    case 'bool':
      return rng.chance(0.5);
    case 'historyId':
      return rng.pick([0, 1, 3, 0.5, 100, 1e308, 2 ** 53]);
    case 'historyLimit':
      return rng.pick([1, 2, 5, 10, 1.5, 1000, 1e308]);
    case 'message':
      return rng.chance(0.7) ? { textMessage: `m${String(rng.int(1000))}` } : messageLike(rng);
    case 'any':
      return randomValue(rng);
  }
}

/** Well-typed arguments mostly, sometimes one replaced, one too many or one too few. */
function argumentsFor(rng: FuzzRng, name: CommandName, lastJoined: string | undefined): unknown[] {
  if (rng.chance(0.2)) return Array.from({ length: rng.int(6) }, () => randomValue(rng));
  const args = SIGNATURES[name].map((kind) => typedArg(rng, kind, lastJoined));
  const r = rng.float();
  if (r < 0.15 && args.length > 0) args[rng.int(args.length)] = randomValue(rng);
  else if (r < 0.22) args.push(randomValue(rng));
  else if (r < 0.27 && args.length > 0) args.pop();
  return args.slice(0, 5);
}

// --- raw JSON-RPC frames (ws) and the error code each must get ---

const RAW_FRAMES: readonly (readonly [frame: string, code: number])[] = [
  ['not json', -32700],
  ['{"jsonrpc":"2.0","id":"r1","method":"roomJoin","params":["lobby"]', -32700],
  ['', -32700],
  ['42', -32600],
  ['"roomJoin"', -32600],
  ['null', -32600],
  ['[]', -32600],
  ['{"jsonrpc":"1.0","id":"r2","method":"roomJoin","params":["lobby"]}', -32600],
  ['{"jsonrpc":"2.0","id":{},"method":"roomJoin"}', -32600],
  ['{"jsonrpc":"2.0","id":"r3","method":7}', -32600],
  ['{"jsonrpc":"2.0","id":"r4","method":"roomJoin","params":"lobby"}', -32600],
  ['{"jsonrpc":"2.0","id":"r5","method":"roomJoin","params":{"roomName":"lobby"}}', -32602],
  ['{"jsonrpc":"2.0","id":"r6","method":"roomJoin","params":[]}', -32602],
  ['{"jsonrpc":"2.0","id":"r7","method":"__proto__","params":[]}', -32601],
  ['{"jsonrpc":"2.0","id":"r8","method":"rpc.discover"}', -32601],
  ['{"__proto__":{"polluted":true},"jsonrpc":"2.0","id":"r9","method":"nope","params":[]}', -32601],
];

// --- the run ---

interface FuzzClient {
  readonly user: string;
  readonly id: string;
  readonly any: AnyClient;
  /** The room this socket joined last (a hint for the generator). */
  lastJoined?: string;
}

/** What the state must be after the run, maintained from the successful acks. */
interface Model {
  rooms: Set<string>;
  /** Successful roomMessage acks per existing room. */
  messages: Map<string, number>;
  directMode: Map<string, boolean>;
}

type Outcome = { kind: 'ack'; ack: unknown[] } | { kind: 'dropped' };

/** Sends a command; for socket.io without a command of that name, checks that no ack comes (a later call is answered first). */
async function send(c: FuzzClient, name: string, args: unknown[], expectAck: boolean): Promise<Outcome> {
  const { any } = c;
  if (any.via === 'ws' || expectAck) return { kind: 'ack', ack: await any.client.call(name, ...args) };
  let acked: unknown[] | undefined;
  any.client.socket.emit(name, ...args, (...ack: unknown[]) => {
    acked = ack;
  });
  // Commands are served in arrival order up to their first store access, so a dropped one would have been acked by now.
  await any.client.call('listOwnSockets');
  return acked === undefined ? { kind: 'dropped' } : { kind: 'ack', ack: acked };
}

/** Why an ack is malformed, or null. */
function ackProblem(ack: unknown[]): string | null {
  if (!Array.isArray(ack) || ack.length < 2) return `ack must have at least 2 entries, got ${show(ack)}`;
  const [error, data] = ack;
  if (error === null) return null;
  if (typeof error !== 'string') return `error must be a string, got ${show(error)}`;
  if (!error.startsWith('ChatServiceError: ')) return `error must start with "ChatServiceError: ", got ${show(error)}`;
  if (data !== null) return `an error ack must carry null data, got ${show(data)}`;
  return null;
}

/** One answered call. */
interface Answered {
  user: string;
  name: string;
  args: unknown[];
  data: unknown;
}

/** Applies a successful command to the model; returns a problem if its result contradicts the model. */
function applySuccess(model: Model, { user, name, args, data }: Answered): string | null {
  const [first] = args;
  switch (name) {
    case 'roomCreate':
      if (typeof first !== 'string') return 'roomCreate succeeded without a string name';
      if (model.rooms.has(first)) return `roomCreate(${show(first)}) succeeded for an existing room`;
      model.rooms.add(first);
      model.messages.set(first, 0);
      return null;
    case 'roomDelete':
      if (typeof first !== 'string' || !model.rooms.has(first)) return `roomDelete(${show(first)}) succeeded for a room that does not exist`;
      model.rooms.delete(first);
      model.messages.delete(first);
      return null;
    case 'roomMessage': {
      if (typeof first !== 'string' || !model.rooms.has(first)) return `roomMessage(${show(first)}) succeeded for a room that does not exist`;
      const id = (model.messages.get(first) ?? 0) + 1;
      model.messages.set(first, id);
      return data === id ? null : `roomMessage(${show(first)}) got id ${show(data)}, expected ${String(id)}`;
    }
    case 'directSetWhitelistMode':
      if (typeof first !== 'boolean') return 'directSetWhitelistMode succeeded without a boolean';
      model.directMode.set(user, first);
      return null;
    case 'roomJoin':
    case 'roomLeave':
      return typeof data === 'number' && Number.isInteger(data) && data >= 0 ? null : `${name} must give a count, got ${show(data)}`;
    case 'roomGetAccessList':
    case 'directGetAccessList':
      return Array.isArray(data) && data.every((v) => typeof v === 'string') ? null : `${name} must give names, got ${show(data)}`;
    default:
      return null;
  }
}

interface RunConfig {
  name: string;
  store: StoreKind;
  via: Via;
  hooks: Hooks<ChatService>;
  /** Salt of the run's seed, so runs differ for one master seed. */
  salt: number;
}

const RUNS: readonly RunConfig[] = [
  { name: 'socket.io × memory, default message format', store: 'memory', via: 'socket.io', hooks: QUERY_AUTH, salt: 1 },
  { name: 'ws JSON × memory, any message accepted by a checker', store: 'memory', via: 'ws', hooks: { ...QUERY_AUTH, ...PERMISSIVE_CHECKERS }, salt: 2 },
  { name: 'socket.io × Redis, any message accepted by a checker', store: 'redis', via: 'socket.io', hooks: { ...QUERY_AUTH, ...PERMISSIVE_CHECKERS }, salt: 3 },
];

describe(`command fuzzing (FUZZ_SEED=${String(SEED)})`, () => {
  const recorder = useFailureRecorder();

  it.each(RUNS)(`$name: ${String(ITERATIONS)} calls, well-formed acks, consistent state`, async (run) => {
    const runSeed = Math.floor(mulberry32(SEED ^ Math.imul(run.salt, 0x9e3779b1))() * 2 ** 32);
    const rng = new FuzzRng(runSeed);
    const replay = `(replay: FUZZ_SEED=${String(SEED)}, run "${run.name}")`;

    const { service, connect } = await startService({ kind: run.store }, OPTIONS, run.hooks);
    recorder.watch(service);
    for (const [room, state] of Object.entries(ROOMS)) await service.addRoom(room, state);
    const clients: FuzzClient[] = [];
    for (const [user, sockets] of USERS) {
      for (let i = 0; i < sockets; i++) {
        const any = await connect(user, run.via);
        clients.push({ user, id: any.client.id ?? '', any });
      }
    }
    const model: Model = { rooms: new Set(Object.keys(ROOMS)), messages: new Map(Object.keys(ROOMS).map((r) => [r, 0])), directMode: new Map() };
    const problems: string[] = [];
    const stats = new Map<string, number>();

    for (let iteration = 0; iteration < ITERATIONS && problems.length < 5; iteration++) {
      const c = rng.pick(clients);
      const where = `#${String(iteration)} ${c.user}`;

      if (c.any.via === 'ws' && rng.chance(0.05)) {
        const [frame, code] = rng.pick(RAW_FRAMES);
        const response = (await c.any.client.raw(frame)) as { error?: { code?: unknown } };
        if (response.error?.code !== code) problems.push(`${where} raw ${show(frame)}: expected error ${String(code)}, got ${show(response)}`);
        continue;
      }

      const known = rng.chance(0.88);
      const name = known ? rng.pick(WEIGHTED_COMMANDS) : rng.pick(JUNK_NAMES);
      const args = known ? argumentsFor(rng, name as CommandName, c.lastJoined) : Array.from({ length: rng.int(6) }, () => randomValue(rng));
      const call = `${where} ${show(name, 60)}(${args.map((a) => show(a, 80)).join(', ')})`;

      let outcome: Outcome;
      try {
        outcome = await send(c, name, args, known);
      } catch (error) {
        problems.push(`${call}: no answer: ${show(error)}`);
        continue;
      }
      if (!known) {
        const expected = c.any.via === 'ws' ? 'Method not found' : 'dropped';
        const got = outcome.kind === 'dropped' ? 'dropped' : outcome.ack[0];
        if (got !== expected || (outcome.kind === 'ack' && outcome.ack[1] !== null)) problems.push(`${call}: expected ${expected}, got ${show(outcome)}`);
        continue;
      }
      if (outcome.kind === 'dropped') {
        problems.push(`${call}: dropped`);
        continue;
      }
      const [error, data] = outcome.ack;
      const statsKey = `${name} ${error === null ? 'ok' : (typeof error === 'string' ? error : inspect(error)).replace(/^ChatServiceError: /, '').split(' ').slice(0, 3).join(' ')}`;
      stats.set(statsKey, (stats.get(statsKey) ?? 0) + 1);
      const problem = ackProblem(outcome.ack) ?? (error === null ? applySuccess(model, { user: c.user, name, args, data }) : null);
      if (error === null && name === 'roomJoin' && typeof args[0] === 'string') c.lastJoined = args[0];
      if (problem) problems.push(`${call}: ${problem}`);
    }
    if (process.env['FUZZ_STATS']) console.log(`${run.name}\n${[...stats].sort().map(([k, v]) => `  ${k}: ${String(v)}`).join('\n')}`);
    expect(problems, replay).toEqual([]);

    // The service is alive: every client is still connected and answered.
    for (const c of clients) {
      expect(await c.any.client.call('directGetWhitelistMode'), `${c.user} ${replay}`).toEqual([null, model.directMode.get(c.user) ?? false]);
    }
    // Nothing polluted the prototypes.
    expect(({} as Record<string, unknown>)['polluted'], replay).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), replay).toBe(false);

    // State invariants.
    for (const room of ROOM_POOL) expect(await service.hasRoom(room), `hasRoom(${room}) ${replay}`).toBe(model.rooms.has(room));
    const expectedSockets = Object.fromEntries(clients.map((c) => [c.id, c.user]));
    expect(await service.state.getInstanceSockets(), replay).toEqual(expectedSockets);
    const joined = new Map<string, Set<string>>([...model.rooms].map((room) => [room, new Set<string>()]));
    for (const user of USER_NAMES) {
      const sockets = await ownSocketsOf(service, user);
      const ids = clients.filter((c) => c.user === user).map((c) => c.id);
      expect(Object.keys(sockets).sort(), `sockets of ${user} ${replay}`).toEqual(ids.sort());
      for (const rooms of Object.values(sockets)) {
        for (const room of rooms) {
          expect(model.rooms.has(room), `${user} has a socket in ${show(room)}, which does not exist ${replay}`).toBe(true);
          joined.get(room)?.add(user);
        }
      }
    }
    for (const room of model.rooms) {
      expect(await userlistOf(service, room), `userlist of ${room} ${replay}`).toEqual([...(joined.get(room) ?? [])].sort());
      expect(await lastMessageIdOf(service, room), `lastMessageId of ${room} ${replay}`).toBe(model.messages.get(room));
    }
    expect(recorder.problems, replay).toEqual([]);
  });
});
