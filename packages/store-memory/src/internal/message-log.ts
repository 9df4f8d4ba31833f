/**
 * A room's stored messages as UTF-8 JSON in chunks of memory outside the
 * JavaScript heap. Held as objects, a long history is work for every
 * garbage collection (a message is three or four heap objects, all of them
 * marked again and again); in chunks, it is a few buffers per room and an
 * array of small integers, whatever the number of messages.
 *
 * Each text is followed by a comma, so that the texts of consecutive
 * messages in a chunk read as one JSON array (`[` + run + `]`): a page of
 * history is one `JSON.parse` per chunk it spans rather than one per message.
 *
 * Chunks double from {@link FIRST_CHUNK} bytes (a room with a few messages
 * holds little) up to {@link MAX_CHUNK}; a message larger than that gets a
 * chunk of its own. Dropping the oldest messages frees a chunk once all of
 * its messages are dropped, so a full history holds its messages plus at
 * most one chunk.
 *
 * @module
 */
import { Buffer } from 'node:buffer';

/** The size of a room's first chunk, in bytes. */
export const FIRST_CHUNK = 512;
/** The size chunks grow to, in bytes. */
export const MAX_CHUNK = 64 * 1024;

interface Chunk {
  readonly bytes: Buffer;
  /** Where each message of the chunk ends (its comma excluded): message `i` starts after the comma at `ends[i - 1]`. */
  readonly ends: number[];
}

/** Where message `index` of a chunk starts. */
function startOf(chunk: Chunk, index: number): number {
  return index === 0 ? 0 : (chunk.ends[index - 1] ?? 0) + 1;
}

/** A room's messages, oldest first: appended at the end, dropped from the start. */
export class MessageLog {
  #chunks: Chunk[] = [];
  /** How many of the first chunk's messages are dropped already. */
  #dropped = 0;
  #size = 0;

  /** The number of messages held. */
  get size(): number {
    return this.#size;
  }

  /** Appends a message's text (a JSON value, for {@link MessageLog.runs}). */
  push(text: string): void {
    let chunk = this.#chunks.at(-1);
    let used = chunk === undefined ? 0 : startOf(chunk, chunk.ends.length);
    const room = chunk === undefined ? 0 : chunk.bytes.length - used - 1;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: only a text that may not fit is measured.
    if (chunk === undefined || (text.length * 3 > room && Buffer.byteLength(text) > room)) {
      const grown = chunk === undefined ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunk.bytes.length * 2);
      chunk = { bytes: Buffer.allocUnsafeSlow(Math.max(grown, Buffer.byteLength(text) + 1)), ends: [] };
      this.#chunks.push(chunk);
      used = 0;
    }
    const end = used + chunk.bytes.write(text, used, 'utf8');
    chunk.bytes[end] = 0x2c; // ','
    chunk.ends.push(end);
    this.#size++;
  }

  /** Drops the `count` oldest messages (all of them when there are fewer). */
  dropOldest(count: number): void {
    const n = Math.min(Math.max(count, 0), this.#size);
    this.#size -= n;
    this.#dropped += n;
    for (let first = this.#chunks[0]; first !== undefined && this.#dropped >= first.ends.length; first = this.#chunks[0]) {
      this.#dropped -= first.ends.length;
      this.#chunks.shift();
    }
  }

  /**
   * The texts of the messages from index `from` (0: the oldest held) to `to`,
   * excluded, as runs: the messages of one chunk joined by commas, so that
   * `[` + run + `]` is the JSON array of their values.
   *
   * @param from - the first index, at least 0
   * @param to - the index after the last, at most {@link MessageLog.size}
   * @returns the runs, oldest first
   */
  runs(from: number, to: number): string[] {
    const runs: string[] = [];
    let index = from + this.#dropped;
    let left = to - from;
    for (const chunk of this.#chunks) {
      if (left <= 0) break;
      if (index >= chunk.ends.length) {
        index -= chunk.ends.length;
        continue;
      }
      const last = Math.min(chunk.ends.length, index + left) - 1;
      runs.push(chunk.bytes.toString('utf8', startOf(chunk, index), chunk.ends[last]));
      left -= last - index + 1;
      index = 0;
    }
    return runs;
  }
}
