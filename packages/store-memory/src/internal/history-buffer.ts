/**
 * One room's history: the id counter, the limit and the newest messages.
 * Everything about history lives here, its epoch included.
 *
 * Messages are kept as JSON (the same form as on the Redis store: what JSON
 * holds, plus Buffers), in a {@link MessageLog} outside the JavaScript heap,
 * so that a long history costs the garbage collector next to nothing. So a
 * stored message is a copy by construction, and every read makes a new one.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { HistoryInfo, StoredMessage } from '@chat-service/core';
import { historyWindow, parseMessageJson } from '@chat-service/core';
import { MessageLog } from './message-log.js';

function isValidSize(size: number): boolean {
  return Number.isFinite(size) && size >= 0;
}

const toBuffer = (data: number[]): Buffer => Buffer.from(data);

/** A room's history: ids are allocated here; stored messages keep consecutive ids ending at the last one. */
export class HistoryBuffer {
  /** Oldest first: the message at index `i` has id `#lastId - size + 1 + i`. */
  readonly #log = new MessageLog();
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
   * Allocates the next id, stores the message with it and trims.
   *
   * @param message - the message (any `id` it carries is replaced)
   * @returns the id
   * @throws {TypeError} for a message JSON cannot hold (a cycle, a BigInt); then no id is taken
   */
  append(message: Readonly<StoredMessage>): number {
    if (this.#maxSize === 0) return ++this.#lastId;
    const text = JSON.stringify(message);
    this.#log.push(text);
    this.#trim();
    return ++this.#lastId;
  }

  /**
   * @param count - how many
   * @returns copies of the newest `count` messages, newest first
   */
  recent(count: number): StoredMessage[] {
    const size = this.#log.size;
    const n = Math.min(Math.max(Math.floor(count), 0), size);
    if (!(n > 0)) return [];
    return this.#read(size - n, size);
  }

  /**
   * @param afterId - the client's id
   * @param limit - the effective limit
   * @returns copies of the stored messages in `historyWindow(last, afterId, limit)`, newest first
   */
  window(afterId: number, limit: number): StoredMessage[] {
    const range = historyWindow(this.#lastId, afterId, limit);
    if (range === null) return [];
    const oldestId = this.#lastId - this.#log.size + 1;
    const from = Math.max(range[0], oldestId);
    if (range[1] < from) return [];
    return this.#read(from - oldestId, range[1] - oldestId + 1);
  }

  /** @returns the counters */
  info(): HistoryInfo {
    return { historySize: this.#log.size, historyMaxSize: this.#maxSize, lastMessageId: this.#lastId, epoch: this.#epoch };
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

  /** The messages at indexes `[from, to)`, newest first, with their ids. */
  #read(from: number, to: number): StoredMessage[] {
    const oldestId = this.#lastId - this.#log.size + 1;
    const messages: StoredMessage[] = [];
    for (const run of this.#log.runs(from, to)) {
      for (const message of parseMessageJson(`[${run}]`, toBuffer) as StoredMessage[]) messages.push(message);
    }
    messages.reverse();
    let id = oldestId + to;
    for (const message of messages) message.id = --id;
    return messages;
  }

  #trim(): void {
    const excess = this.#log.size - this.#maxSize;
    if (excess > 0) this.#log.dropOldest(excess);
  }
}
