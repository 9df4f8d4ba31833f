/**
 * A room's stored messages as UTF-8 JSON in chunks of memory outside the
 * JavaScript heap. Held as objects, a long history is work for every
 * garbage collection (a message is three or four heap objects, all of them
 * marked again and again); in chunks, it is a few buffers per room,
 * whatever the number of messages.
 *
 * Each text is followed by a comma, so that the texts of consecutive
 * messages in a chunk read as one JSON array (`[` + run + `]`): a page of
 * history is one `JSON.parse` per chunk it spans rather than one per message.
 *
 * Chunks double from {@link FIRST_CHUNK} bytes (a room with a few messages
 * holds little) up to {@link MAX_CHUNK}; a message larger than that gets a
 * chunk of its own. Each chunk keeps the index of its messages in its own
 * last bytes: a message adds nothing to the heap, not even a number in an
 * array, which the scavenger would copy and promote as the array grows (about
 * 30 bytes promoted per message, and a scavenge three times as long).
 *
 * Dropping the oldest messages lets go of a chunk once all of its messages
 * are dropped, so a full history holds its messages plus at most one chunk;
 * a few dropped chunks of the largest size are kept for the next room that
 * needs one ({@link SPARE_CHUNKS}).
 *
 * @module
 */
import { Buffer } from 'node:buffer';

/** The size of a room's first chunk, in bytes. */
export const FIRST_CHUNK = 512;
/** The size chunks grow to, in bytes. */
export const MAX_CHUNK = 64 * 1024;

/** Bytes per entry of a chunk's index. */
const INDEX_ENTRY = 4;

/**
 * A chunk's texts from its start, each followed by a comma, and its index from
 * its end: where each text ends, one uint32 per message, the first message's
 * last. Both in the one buffer, so that a message adds nothing to the heap.
 */
class Chunk {
  readonly bytes: Buffer;
  readonly #index: Uint32Array;
  /** The number of messages in the chunk. */
  count = 0;
  /** Where the next text starts. */
  used = 0;

  /** @param size - a multiple of {@link INDEX_ENTRY} */
  constructor(size: number) {
    this.bytes = Buffer.allocUnsafeSlow(size);
    this.#index = new Uint32Array(this.bytes.buffer, this.bytes.byteOffset, size / INDEX_ENTRY);
  }

  /** The bytes left for one more text (its comma and index entry taken off). */
  get room(): number {
    return this.bytes.length - this.used - (this.count + 1) * INDEX_ENTRY - 1;
  }

  /** Where message `i` ends (its comma excluded). */
  end(i: number): number {
    return this.#index[this.#index.length - 1 - i] ?? 0;
  }

  /** Where message `i` starts. */
  start(i: number): number {
    return i === 0 ? 0 : this.end(i - 1) + 1;
  }

  /** Empties the chunk for reuse. */
  reset(): this {
    this.count = 0;
    this.used = 0;
    return this;
  }

  /** Appends a text that fits in {@link Chunk.room}. */
  append(text: string): void {
    const end = this.used + this.bytes.write(text, this.used, 'utf8');
    this.bytes[end] = 0x2c; // ','
    this.#index[this.#index.length - 1 - this.count] = end;
    this.count++;
    this.used = end + 1;
  }
}

/** How many dropped chunks of {@link MAX_CHUNK} bytes are kept for reuse, by any room. */
export const SPARE_CHUNKS = 16;

/**
 * Dropped chunks of {@link MAX_CHUNK} bytes. A full history drops a chunk as
 * often as it starts one; reusing them keeps its memory outside the heap from
 * growing, which V8 counts towards starting a full collection (it would run
 * one for every few megabytes of history written, only to free the chunks).
 * A few spares cover a few busy rooms; many rooms that fill their chunks at
 * the same moment still get new ones.
 */
const spare: Chunk[] = [];

/** A chunk of `size` bytes, a spare one when there is one of that size. */
function newChunk(size: number): Chunk {
  return size === MAX_CHUNK ? (spare.pop()?.reset() ?? new Chunk(size)) : new Chunk(size);
}

/** `bytes` rounded up to a whole number of index entries. */
const chunkSize = (bytes: number): number => Math.ceil(bytes / INDEX_ENTRY) * INDEX_ENTRY;

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
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: only a text that may not fit is measured.
    if (chunk === undefined || (text.length * 3 > chunk.room && Buffer.byteLength(text) > chunk.room)) {
      const grown = chunk === undefined ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunk.bytes.length * 2);
      chunk = newChunk(Math.max(grown, chunkSize(Buffer.byteLength(text) + 1 + INDEX_ENTRY)));
      this.#chunks.push(chunk);
    }
    chunk.append(text);
    this.#size++;
  }

  /** Drops the `count` oldest messages (all of them when there are fewer). */
  dropOldest(count: number): void {
    const n = Math.min(Math.max(count, 0), this.#size);
    this.#size -= n;
    this.#dropped += n;
    for (let first = this.#chunks[0]; first !== undefined && this.#dropped >= first.count; first = this.#chunks[0]) {
      this.#dropped -= first.count;
      this.#chunks.shift();
      if (first.bytes.length === MAX_CHUNK && spare.length < SPARE_CHUNKS) spare.push(first);
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
      if (index >= chunk.count) {
        index -= chunk.count;
        continue;
      }
      const last = Math.min(chunk.count, index + left) - 1;
      runs.push(chunk.bytes.toString('utf8', chunk.start(index), chunk.end(last)));
      left -= last - index + 1;
      index = 0;
    }
    return runs;
  }
}
