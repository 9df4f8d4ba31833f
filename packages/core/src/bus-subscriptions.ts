/**
 * Which bus topics this instance subscribes to: a room's or a user's topic
 * while at least one local socket holds it, the instance's own and the global
 * topic always. Subscribe and unsubscribe calls of one topic run in order, so
 * a quick leave-and-join never ends unsubscribed.
 *
 * @module
 */
import { topicKey } from './bus-topics.js';
import { hasName, namesOf, withName, withoutName } from './name-set.js';
import type { NameSet } from './name-set.js';
import type { Bus, BusTopic } from './ports.js';
import { TopicMap } from './topic-map.js';

const SETTLED: Promise<void> = Promise.resolve();

interface TopicState {
  readonly topic: BusTopic;
  /** The local sockets holding the topic, if any. */
  holders: NameSet | undefined;
  /** The last subscribe/unsubscribe of the topic, settled; `undefined` once it has settled. */
  chain: Promise<void> | undefined;
}

/** Reference-counted topic subscriptions of one instance. */
export class BusSubscriptions {
  #bus: Bus;
  #onDropped: (topic: BusTopic) => void;
  #topics = new TopicMap<TopicState>();
  /** The topics each socket holds. */
  #bySocket = new Map<string, NameSet<TopicState>>();

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
      this.#topics.set(topic, state);
    }
    const first = state.holders === undefined;
    state.holders = withName(state.holders, id);
    const held = this.#bySocket.get(id);
    const holding = withName(held, state);
    if (holding !== held) this.#bySocket.set(id, holding);
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
    await Promise.all(namesOf(held).map((state) => this.#release(id, state)));
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
    if (state === undefined) return;
    const held = withoutName(this.#bySocket.get(id), state);
    if (held === undefined) this.#bySocket.delete(id);
    else this.#bySocket.set(id, held);
  }

  #release(id: string, state: TopicState): Promise<void> {
    if (!hasName(state.holders, id)) return Promise.resolve();
    state.holders = withoutName(state.holders, id);
    if (state.holders !== undefined) return Promise.resolve();
    this.#onDropped(state.topic);
    const done = this.#queue(state, () => this.#bus.unsubscribe(state.topic));
    void done.then(() => {
      if (state.holders === undefined && this.#topics.get(state.topic) === state) this.#topics.delete(state.topic);
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
