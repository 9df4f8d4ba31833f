/**
 * One room's message sequence: live notifications and history pages merged
 * by id, delivered exactly once and in ascending order, with a
 * `roomMessagesLost` report before a gap that cannot be filled.
 *
 * @module
 */
import type { RoomMessage } from '@chat-service/core/protocol';
import type { HistoryPosition, SequenceDeps } from './sequence-ports.js';

/**
 * The sequence of one room joined through the client. Until its position is
 * checked against the server (`sync`), live messages are only buffered:
 * after a reconnect their ids may belong to a new epoch.
 */
export class RoomSequence {
  readonly #room: string;
  readonly #deps: SequenceDeps;
  #epoch: string | undefined;
  /** The last id delivered; undefined until the first sync fixes the start. */
  #last: number | undefined;
  readonly #pending = new Map<number, RoomMessage>();
  #verified = false;
  #generation = 0;
  #stopped = false;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: unknown;

  /**
   * @param room - the room
   * @param deps - history source, sink, clock, hold time
   */
  constructor(room: string, deps: SequenceDeps) {
    this.#room = room;
    this.#deps = deps;
  }

  /** How many times the connection dropped under this sequence ({@link RoomSequence.pause}). */
  get pauses(): number {
    return this.#generation;
  }

  /** The last id delivered (undefined before the first sync). */
  get lastDeliveredId(): number | undefined {
    return this.#last;
  }

  /**
   * A live `roomMessage` notification.
   *
   * @param message - the message, with its id
   */
  live(message: RoomMessage): void {
    if (this.#stopped) return;
    const { id } = message;
    if (!Number.isSafeInteger(id)) {
      this.#deps.sink.message(this.#room, message);
      return;
    }
    if (this.#verified && this.#last !== undefined && id <= this.#last) return;
    this.#pending.set(id, message);
    if (this.#verified) this.#flush();
  }

  /**
   * Checks the position against the server and fetches what is missing: the
   * first call fixes the start at the room's `lastMessageId`; later calls
   * (after a rejoin, or when a gap outlived the hold time) catch up. Never
   * rejects: a failed read is retried by the next sync.
   *
   * @returns when this pass is done
   */
  sync(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      // A gap left after the pass (a later id already here) starts the hold timer.
      this.#flush();
    });
    return this.#running;
  }

  /** The connection dropped: what was buffered is fetched again after the next sync. */
  pause(): void {
    this.#generation++;
    this.#verified = false;
    this.#pending.clear();
    this.#cancelTimer();
  }

  /** The room was left: nothing more is delivered. */
  stop(): void {
    this.#stopped = true;
    this.pause();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#catchUp(this.#generation);
      } catch {
        // A dropped connection or a refused read: the next sync tries again.
      }
    } while (this.#rerunWanted());
  }

  /** A sync was asked for during the pass (read through a call: the pass awaited since `#again` was reset). */
  #rerunWanted(): boolean {
    return this.#again && !this.#stopped;
  }

  #current(generation: number): boolean {
    return generation === this.#generation && !this.#stopped;
  }

  async #catchUp(generation: number): Promise<void> {
    this.#cancelTimer();
    const { source, sink } = this.#deps;
    const info = await source.info(this.#room);
    if (!this.#current(generation)) return;
    const lastId = info.lastMessageId || 0;
    const beforeOldest = Math.max(lastId - (info.historySize || 0), 0);
    if (this.#last === undefined) {
      this.#epoch = info.epoch;
      this.#last = lastId;
    } else if (this.#isReset(info, lastId)) {
      sink.lost(this.#room, { reason: 'reset', lastDeliveredId: this.#last });
      this.#epoch = info.epoch;
      this.#last = beforeOldest;
    }
    this.#verified = true;
    this.#dropDelivered();
    this.#flush();
    if (beforeOldest > this.#last) this.#skipTo(beforeOldest);
    const limit = Math.floor(info.historyMaxGetMessages || 0);
    while (this.#last < lastId) {
      if (limit <= 0) {
        this.#skipTo(lastId);
        break;
      }
      const after = this.#last;
      const page = await source.get(this.#room, after, limit);
      if (!this.#current(generation)) return;
      for (const message of page) this.live(message);
      // Ids the page should have held but did not were trimmed meanwhile.
      const end = Math.min(after + limit, lastId);
      if (this.#last < end) this.#skipTo(end);
    }
  }

  #isReset(info: HistoryPosition, lastId: number): boolean {
    const last = this.#last ?? 0;
    if (info.epoch !== undefined && this.#epoch !== undefined) return info.epoch !== this.#epoch;
    return lastId < last;
  }

  #dropDelivered(): void {
    const last = this.#last ?? 0;
    for (const id of this.#pending.keys()) if (id <= last) this.#pending.delete(id);
  }

  /** Delivers the buffered ids up to `target` in order, reporting one `trimmed` loss before the first gap. */
  #skipTo(target: number): void {
    const ids = [...this.#pending.keys()].filter((id) => id <= target).sort((a, b) => a - b);
    let reported = false;
    const report = (): void => {
      if (reported) return;
      reported = true;
      this.#deps.sink.lost(this.#room, { reason: 'trimmed', lastDeliveredId: this.#last ?? 0 });
    };
    for (const id of ids) {
      if (id !== (this.#last ?? 0) + 1) report();
      this.#deliver(id);
    }
    if ((this.#last ?? 0) < target) {
      report();
      this.#last = target;
    }
  }

  #deliver(id: number): void {
    const message = this.#pending.get(id);
    this.#pending.delete(id);
    this.#last = id;
    if (message) this.#deps.sink.message(this.#room, message);
  }

  #flush(): void {
    if (!this.#verified || this.#last === undefined) return;
    while (this.#pending.has(this.#last + 1)) this.#deliver(this.#last + 1);
    if (this.#pending.size === 0) this.#cancelTimer();
    else if (this.#timer === undefined && !this.#running) {
      // A later id came first: give the earlier one `holdMs` to arrive, then read the history.
      this.#timer = this.#deps.clock.setTimeout(() => {
        this.#timer = undefined;
        void this.sync();
      }, this.#deps.holdMs);
    }
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
