/**
 * Which bus topics this instance subscribes to: a room's or a user's topic
 * while at least one local socket holds it, the instance's own and the global
 * topic always. Subscribe and unsubscribe calls of one topic run in order, so
 * a quick leave-and-join never ends unsubscribed.
 *
 * @module
 */
import { topicKey } from './bus-topics.js';
import type { Bus, BusTopic } from './ports.js';

interface TopicState {
  readonly topic: BusTopic;
  /** The local sockets holding the topic. */
  readonly holders: Set<string>;
  /** The last subscribe/unsubscribe of the topic, settled. */
  chain: Promise<void>;
}

/** Reference-counted topic subscriptions of one instance. */
export class BusSubscriptions {
  #bus: Bus;
  #onDropped: (topic: BusTopic) => void;
  #topics = new Map<string, TopicState>();
  #bySocket = new Map<string, Set<string>>();

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
    const key = topicKey(topic);
    let state = this.#topics.get(key);
    if (!state) {
      state = { topic, holders: new Set(), chain: Promise.resolve() };
      this.#topics.set(key, state);
    }
    const first = state.holders.size === 0;
    state.holders.add(id);
    let held = this.#bySocket.get(id);
    if (!held) this.#bySocket.set(id, (held = new Set()));
    held.add(key);
    if (first) return this.#queue(state, () => this.#bus.subscribe(topic));
    return state.chain;
  }

  /** Socket `id` no longer holds `topic`; the last holder's release unsubscribes. Idempotent. */
  release(id: string, topic: BusTopic): Promise<void> {
    return this.#release(id, topicKey(topic));
  }

  /** Releases every topic socket `id` holds. */
  async releaseAll(id: string): Promise<void> {
    const held = this.#bySocket.get(id);
    if (!held) return;
    await Promise.all([...held].map((key) => this.#release(id, key)));
  }

  /** Whether a local socket holds the topic. */
  isHeld(topic: BusTopic): boolean {
    return (this.#topics.get(topicKey(topic))?.holders.size ?? 0) > 0;
  }

  /** The topics subscribed for local sockets now (keys as `topicKey` gives them). */
  held(): string[] {
    return [...this.#topics.keys()];
  }

  #release(id: string, key: string): Promise<void> {
    const state = this.#topics.get(key);
    const held = this.#bySocket.get(id);
    held?.delete(key);
    if (held?.size === 0) this.#bySocket.delete(id);
    if (!state?.holders.delete(id)) return Promise.resolve();
    if (state.holders.size > 0) return Promise.resolve();
    this.#onDropped(state.topic);
    const done = this.#queue(state, () => this.#bus.unsubscribe(state.topic));
    void done.then(() => {
      if (state.holders.size === 0 && this.#topics.get(key) === state) this.#topics.delete(key);
    });
    return done;
  }

  #queue(state: TopicState, step: () => Promise<void>): Promise<void> {
    const next = state.chain.then(step);
    state.chain = next.catch(() => undefined);
    return next;
  }
}
