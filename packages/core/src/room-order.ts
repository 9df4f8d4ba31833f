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

interface Line {
  /** The next id to deliver. */
  next: number;
  /** Deliveries waiting for their turn, by id. */
  readonly pending: Map<number, () => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** See the module doc. */
export class RoomOrder {
  #lines = new Map<string, Line>();
  #gapMs: number;

  /** `gapMs`: how long a missing id is waited for before it is skipped. */
  constructor(gapMs: number) {
    this.#gapMs = gapMs;
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
  push(room: string, id: number, deliver: () => void): void {
    let line = this.#lines.get(room);
    if (!line) {
      line = { next: id, pending: new Map(), timer: undefined };
      this.#lines.set(room, line);
    }
    if (id < line.next) {
      // older than the line (it started after this id was sent, or the gap was skipped)
      deliver();
      return;
    }
    if (id === line.next && line.pending.size === 0) {
      // the usual case: the next id, nothing waiting
      line.next = id + 1;
      deliver();
      return;
    }
    line.pending.set(id, deliver);
    this.#drain(line);
    if (line.pending.size > 0) line.timer ??= this.#arm(line);
  }

  /** Delivers whatever waits and forgets the room (its topic was unsubscribed). */
  forget(room: string): void {
    const line = this.#lines.get(room);
    if (!line) return;
    this.#lines.delete(room);
    clearTimeout(line.timer);
    for (const id of [...line.pending.keys()].sort((x, y) => x - y)) line.pending.get(id)?.();
  }

  #arm(line: Line): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      line.timer = undefined;
      line.next = Math.min(...line.pending.keys());
      this.#drain(line);
      if (line.pending.size > 0) line.timer = this.#arm(line);
    }, this.#gapMs);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- lint reads Node's timer types; outside Node unref is absent (platform.d.ts)
    timer.unref?.();
    return timer;
  }

  #drain(line: Line): void {
    for (let deliver = line.pending.get(line.next); deliver; deliver = line.pending.get(line.next)) {
      line.pending.delete(line.next);
      line.next += 1;
      deliver();
    }
    if (line.pending.size === 0 && line.timer) {
      clearTimeout(line.timer);
      line.timer = undefined;
    }
  }
}
