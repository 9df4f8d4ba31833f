/**
 * A map from bus topics to values, by kind and name: keyed by the name
 * itself (a room's or user's name, shared with the rest of the state) rather
 * than by a `kind:name` string built and kept for each topic.
 *
 * @module
 */
import type { BusTopic } from './ports.js';

/** See the module doc. */
export class TopicMap<V> {
  readonly #named = { room: new Map<string, V>(), user: new Map<string, V>(), instance: new Map<string, V>() };
  #global: V | undefined;

  /** The topic's value, if any. */
  get(topic: BusTopic): V | undefined {
    return topic.kind === 'global' ? this.#global : this.#named[topic.kind].get(topic.name);
  }

  /** Whether the topic has a value. */
  has(topic: BusTopic): boolean {
    return this.get(topic) !== undefined;
  }

  /** Sets the topic's value. */
  set(topic: BusTopic, value: V): void {
    if (topic.kind === 'global') this.#global = value;
    else this.#named[topic.kind].set(topic.name, value);
  }

  /** Removes the topic (idempotent). */
  delete(topic: BusTopic): void {
    if (topic.kind === 'global') this.#global = undefined;
    else this.#named[topic.kind].delete(topic.name);
  }

  /** Removes every topic. */
  clear(): void {
    this.#global = undefined;
    for (const values of Object.values(this.#named)) values.clear();
  }

  /** The values, the global topic's first. */
  *values(): IterableIterator<V> {
    if (this.#global !== undefined) yield this.#global;
    for (const values of Object.values(this.#named)) yield* values.values();
  }
}
