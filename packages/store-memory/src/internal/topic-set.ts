/**
 * The topics one memory bus subscribes to, by kind. A topic's name is kept
 * as it is given (a room's or user's name, shared with the rest of the
 * state), not as a `kind:name` key string built for each topic.
 *
 * @module
 */
import type { BusTopic } from '@chat-service/core';

/** A set of bus topics. */
export class TopicSet {
  readonly #named = { room: new Set<string>(), user: new Set<string>(), instance: new Set<string>() };
  #global = false;

  /** Whether the topic is in the set. */
  has(topic: BusTopic): boolean {
    return topic.kind === 'global' ? this.#global : this.#named[topic.kind].has(topic.name);
  }

  /** Adds a topic (idempotent). */
  add(topic: BusTopic): void {
    if (topic.kind === 'global') this.#global = true;
    else this.#named[topic.kind].add(topic.name);
  }

  /** Removes a topic (idempotent). */
  delete(topic: BusTopic): void {
    if (topic.kind === 'global') this.#global = false;
    else this.#named[topic.kind].delete(topic.name);
  }

  /** Removes every topic. */
  clear(): void {
    this.#global = false;
    for (const names of Object.values(this.#named)) names.clear();
  }
}
