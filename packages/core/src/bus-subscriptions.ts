/**
 * Which bus topics this instance subscribes to: a room's or a user's topic
 * while at least one local socket holds it, the instance's own and the global
 * topic always. Subscribe and unsubscribe calls of one topic run in order, so
 * a quick leave-and-join never ends unsubscribed.
 *
 * @module
 */
import { topicKey } from './bus-topics.js';
import { hasName, withName, withoutName } from './name-set.js';
import type { NameSet } from './name-set.js';
import type { Bus, BusTopic } from './ports.js';

const SETTLED: Promise<void> = Promise.resolve();

interface TopicState {
  readonly topic: BusTopic;
  /** The local sockets holding the topic, if any. */
  holders: NameSet | undefined;
  /** The last subscribe/unsubscribe of the topic, settled; `undefined` once it has settled. */
  chain: Promise<void> | undefined;
}

/** The topics a socket holds: one (the usual case, its user's) as it is, more in a Set. */
type HeldTopics = TopicState | Set<TopicState>;

function heldList(held: HeldTopics | undefined): TopicState[] {
  if (held === undefined) return [];
  return held instanceof Set ? [...held] : [held];
}

/**
 * The states of the topics, by kind and name: keyed by the name itself (a
 * room's or user's name, shared with the rest of the state) rather than by a
 * `kind:name` string built and kept for each topic.
 */
class TopicStates {
  readonly #named = { room: new Map<string, TopicState>(), user: new Map<string, TopicState>(), instance: new Map<string, TopicState>() };
  #global: TopicState | undefined;

  get(topic: BusTopic): TopicState | undefined {
    return topic.kind === 'global' ? this.#global : this.#named[topic.kind].get(topic.name);
  }

  set(state: TopicState): void {
    const { topic } = state;
    if (topic.kind === 'global') this.#global = state;
    else this.#named[topic.kind].set(topic.name, state);
  }

  delete(state: TopicState): void {
    const { topic } = state;
    if (topic.kind === 'global') this.#global = undefined;
    else this.#named[topic.kind].delete(topic.name);
  }

  *values(): IterableIterator<TopicState> {
    if (this.#global) yield this.#global;
    for (const states of Object.values(this.#named)) yield* states.values();
  }
}

/** Reference-counted topic subscriptions of one instance. */
export class BusSubscriptions {
  #bus: Bus;
  #onDropped: (topic: BusTopic) => void;
  #topics = new TopicStates();
  /** The topics each socket holds. */
  #bySocket = new Map<string, HeldTopics>();

  /** `onDropped` runs when the last holder of a topic released it. */
  constructor(bus: Bus, onDropped: (topic: BusTopic) => void = () => undefined) {
    this.#bus = bus;
    this.#onDropped = onDropped;
  }

  /**
   * Makes socket `id` hold `topic`; resolves once the instance is subscribed
   * (at once when another local socket holds it already).
   */
  acquire(id: string, topic: BusTopic): Promise<void> {
    let state = this.#topics.get(topic);
    if (!state) {
      state = { topic, holders: undefined, chain: undefined };
      this.#topics.set(state);
    }
    const first = state.holders === undefined;
    state.holders = withName(state.holders, id);
    const held = this.#bySocket.get(id);
    if (held === undefined) this.#bySocket.set(id, state);
    else if (held instanceof Set) held.add(state);
    else if (held !== state) this.#bySocket.set(id, new Set([held, state]));
    if (first) return this.#queue(state, () => this.#bus.subscribe(topic));
    return state.chain ?? SETTLED;
  }

  /** Socket `id` no longer holds `topic`; the last holder's release unsubscribes. Idempotent. */
  release(id: string, topic: BusTopic): Promise<void> {
    const state = this.#topics.get(topic);
    this.#forgetHeld(id, state);
    return state ? this.#release(id, state) : Promise.resolve();
  }

  /** Releases every topic socket `id` holds. */
  async releaseAll(id: string): Promise<void> {
    const held = this.#bySocket.get(id);
    if (held === undefined) return;
    this.#bySocket.delete(id);
    await Promise.all(heldList(held).map((state) => this.#release(id, state)));
  }

  /** Whether a local socket holds the topic. */
  isHeld(topic: BusTopic): boolean {
    return this.#topics.get(topic)?.holders !== undefined;
  }

  /** The topics subscribed for local sockets now (keys as `topicKey` gives them). */
  held(): string[] {
    return Array.from(this.#topics.values(), (state) => topicKey(state.topic));
  }

  #forgetHeld(id: string, state: TopicState | undefined): void {
    const held = this.#bySocket.get(id);
    if (held === undefined || state === undefined) return;
    if (held === state) this.#bySocket.delete(id);
    else if (held instanceof Set) {
      held.delete(state);
      const [only, ...rest] = held;
      if (only === undefined) this.#bySocket.delete(id);
      else if (rest.length === 0) this.#bySocket.set(id, only);
    }
  }

  #release(id: string, state: TopicState): Promise<void> {
    if (!hasName(state.holders, id)) return Promise.resolve();
    state.holders = withoutName(state.holders, id);
    if (state.holders !== undefined) return Promise.resolve();
    this.#onDropped(state.topic);
    const done = this.#queue(state, () => this.#bus.unsubscribe(state.topic));
    void done.then(() => {
      if (state.holders === undefined && this.#topics.get(state.topic) === state) this.#topics.delete(state);
    });
    return done;
  }

  #queue(state: TopicState, step: () => Promise<void>): Promise<void> {
    const next = (state.chain ?? SETTLED).then(step);
    // Forgets itself once settled: an idle topic keeps no promise.
    const chain: Promise<void> = next.then(
      () => {
        if (state.chain === chain) state.chain = undefined;
      },
      () => {
        if (state.chain === chain) state.chain = undefined;
      },
    );
    state.chain = chain;
    return next;
  }
}
