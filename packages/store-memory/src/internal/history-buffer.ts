/**
 * One room's history: the id counter, the limit and the newest messages.
 * Everything about history lives here, its epoch included.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { HistoryInfo, StoredMessage } from '@chat-service/core';
import { historyWindow } from '@chat-service/core';
import { cloneMessage } from './clone.js';

function isValidSize(size: number): boolean {
  return Number.isFinite(size) && size >= 0;
}

/** A room's history: ids are allocated here; stored messages keep consecutive ids ending at the last one. */
export class HistoryBuffer {
  /**
   * Oldest first from `#start` on: the message at `#start + i` has id
   * `#lastId - size + 1 + i`. Trimming advances `#start` (O(1)); the array is
   * compacted once the dead prefix is as long as the live part, so a full
   * room costs amortised O(1) per message and at most twice its size.
   */
  #messages: StoredMessage[] = [];
  #start = 0;
  #maxSize: number;
  #lastId = 0;
  /** Made with the buffer (that is, with the room): a recreated room never has its predecessor's. */
  readonly #epoch = randomBytes(12).toString('base64url');

  /**
   * @param maxSize - how many messages to keep (a non-finite or negative value keeps none)
   */
  constructor(maxSize: number) {
    this.#maxSize = isValidSize(maxSize) ? Math.floor(maxSize) : 0;
  }

  /**
   * Allocates the next id, stores a copy of the message with it and trims.
   *
   * @param message - the message (any `id` it carries is replaced)
   * @returns the id
   */
  append(message: Readonly<StoredMessage>): number {
    const id = ++this.#lastId;
    if (this.#maxSize > 0) {
      this.#messages.push(cloneMessage(message, id));
      this.#trim();
    }
    return id;
  }

  /**
   * @param count - how many
   * @returns copies of the newest `count` messages, newest first
   */
  recent(count: number): StoredMessage[] {
    const n = Math.min(Math.max(Math.floor(count), 0), this.#size());
    if (!(n > 0)) return [];
    return this.#messages
      .slice(this.#messages.length - n)
      .reverse()
      .map((message) => cloneMessage(message));
  }

  /**
   * @param afterId - the client's id
   * @param limit - the effective limit
   * @returns copies of the stored messages in `historyWindow(last, afterId, limit)`, newest first
   */
  window(afterId: number, limit: number): StoredMessage[] {
    const range = historyWindow(this.#lastId, afterId, limit);
    if (range === null) return [];
    const oldestId = this.#lastId - this.#size() + 1;
    const result: StoredMessage[] = [];
    for (let id = range[1]; id >= Math.max(range[0], oldestId); id--) {
      const message = this.#messages[this.#start + id - oldestId];
      if (message !== undefined) result.push(cloneMessage(message));
    }
    return result;
  }

  /** @returns the counters */
  info(): HistoryInfo {
    return { historySize: this.#size(), historyMaxSize: this.#maxSize, lastMessageId: this.#lastId, epoch: this.#epoch };
  }

  /**
   * Sets the limit and trims at once; an invalid size keeps the current limit.
   *
   * @param size - the new limit
   */
  setMaxSize(size: number): void {
    if (!isValidSize(size)) return;
    this.#maxSize = Math.floor(size);
    this.#trim();
  }

  #size(): number {
    return this.#messages.length - this.#start;
  }

  #trim(): void {
    const excess = this.#size() - this.#maxSize;
    if (excess <= 0) return;
    this.#start += excess;
    if (this.#start >= this.#messages.length - this.#start) {
      this.#messages = this.#messages.slice(this.#start);
      this.#start = 0;
    }
  }
}
