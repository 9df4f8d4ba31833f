/**
 * Local delivery of a room's messages in id order. When the store publishes
 * each room message inside its append, an instance subscribed to the room
 * sees every id: its own from the append's reply, the others' from the bus,
 * on two connections whose replies may cross. Ids of one room are contiguous,
 * so a message that arrives ahead of a missing id waits for it; a gap that is
 * not filled within `gapMs` (a message lost with a failed Redis node) is
 * skipped. A room's line starts at the id after the room's last one, read
 * once the instance is subscribed (or at the first message seen).
 *
 * @module
 */

interface Line<T> {
  /** The next id to deliver. */
  next: number;
  /** Messages waiting for their turn, by id. */
  readonly pending: Map<number, T>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * See the module doc. `T` is what a delivery takes (the notification's
 * arguments): one function delivers every message, so that a message in its
 * turn, the usual case, costs no closure.
 */
export class RoomOrder<T> {
  #lines = new Map<string, Line<T>>();
  readonly #gapMs: number;
  readonly #deliver: (room: string, message: T) => void;

  /** `gapMs`: how long a missing id is waited for before it is skipped; `deliver`: delivers a message of a room. */
  constructor(gapMs: number, deliver: (room: string, message: T) => void) {
    this.#gapMs = gapMs;
    this.#deliver = deliver;
  }

  /** Starts a room's line at `next` (the id after the room's last one, read once subscribed), unless messages started it already. */
  start(room: string, next: number): void {
    if (!this.#lines.has(room)) this.#lines.set(room, { next, pending: new Map(), timer: undefined });
  }

  /** Whether the room has a line. */
  has(room: string): boolean {
    return this.#lines.has(room);
  }

  /** Delivers message `id` of `room` in its turn (at once when it is the next one). */
  push(room: string, id: number, message: T): void {
    let line = this.#lines.get(room);
    if (!line) {
      line = { next: id, pending: new Map(), timer: undefined };
      this.#lines.set(room, line);
    }
    if (id < line.next) {
      // older than the line (it started after this id was sent, or the gap was skipped)
      this.#deliver(room, message);
      return;
    }
    if (id === line.next && line.pending.size === 0) {
      // the usual case: the next id, nothing waiting
      line.next = id + 1;
      this.#deliver(room, message);
      return;
    }
    line.pending.set(id, message);
    this.#drain(room, line);
    if (line.pending.size > 0) line.timer ??= this.#arm(room, line);
  }

  /** Delivers whatever waits and forgets the room (its topic was unsubscribed). */
  forget(room: string): void {
    const line = this.#lines.get(room);
    if (!line) return;
    this.#lines.delete(room);
    clearTimeout(line.timer);
    for (const id of [...line.pending.keys()].sort((x, y) => x - y)) {
      const message = line.pending.get(id);
      if (message !== undefined) this.#deliver(room, message);
    }
  }

  #arm(room: string, line: Line<T>): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      line.timer = undefined;
      line.next = Math.min(...line.pending.keys());
      this.#drain(room, line);
      if (line.pending.size > 0) line.timer = this.#arm(room, line);
    }, this.#gapMs);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- lint reads Node's timer types; outside Node unref is absent (platform.d.ts)
    timer.unref?.();
    return timer;
  }

  #drain(room: string, line: Line<T>): void {
    for (let message = line.pending.get(line.next); message !== undefined; message = line.pending.get(line.next)) {
      line.pending.delete(line.next);
      line.next += 1;
      this.#deliver(room, message);
    }
    if (line.pending.size === 0 && line.timer) {
      clearTimeout(line.timer);
      line.timer = undefined;
    }
  }
}
