/**
 * The rooms joined through a client: remembered from a successful `roomJoin`
 * until `roomLeave` or `roomAccessRemoved`, joined again after each new
 * login, each with its {@link RoomSequence}.
 *
 * @module
 */
import type { RoomMessage } from '@chat-service/core/protocol';
import type { Clock } from './clock.js';
import { ChatServiceClientError } from './errors.js';
import { RoomSequence } from './room-sequence.js';
import type { HistoryPosition, SequenceSink } from './sequence-ports.js';

/** Sends one command on the current connection (no login wait). */
export type RawRequest = (name: string, args: readonly unknown[]) => Promise<unknown[]>;

/** What the tracking needs. */
export interface RoomTrackingDeps {
  request: RawRequest;
  sink: SequenceSink;
  clock: Clock;
  holdMs: number;
}

function isMessage(value: unknown): value is RoomMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The remembered rooms and their sequences. */
export class RoomTracking {
  readonly #deps: RoomTrackingDeps;
  readonly #rooms = new Map<string, RoomSequence>();
  /** Rooms whose roomJoin is on its way (their messages are buffered meanwhile). */
  readonly #joining = new Map<string, number>();
  /** Rooms with a successful roomJoin: the ones joined again after a new login. */
  readonly #joined = new Set<string>();

  /** @param deps - the raw request, sink, clock and hold time */
  constructor(deps: RoomTrackingDeps) {
    this.#deps = deps;
  }

  /**
   * A roomJoin is about to be sent: from now on the room's live messages are
   * buffered, so none slips past the sequence.
   *
   * @param room - the room
   */
  joining(room: string): void {
    if (!this.#rooms.has(room)) this.#rooms.set(room, this.#sequence(room));
    this.#joining.set(room, (this.#joining.get(room) ?? 0) + 1);
  }

  /**
   * The roomJoin announced by {@link RoomTracking.joining} settled.
   *
   * @param room - the room
   * @param ok - whether it succeeded
   * @returns when the room's starting position is known (after a success)
   * @throws {ChatServiceClientError} a connection error when it could not be read (the room is then forgotten)
   */
  async joined(room: string, ok: boolean): Promise<void> {
    const left = (this.#joining.get(room) ?? 1) - 1;
    if (left > 0) this.#joining.set(room, left);
    else this.#joining.delete(room);
    const sequence = this.#rooms.get(room);
    if (!sequence) return;
    if (!ok) {
      if (left === 0 && !this.#joined.has(room)) this.forget(room);
      return;
    }
    this.#joined.add(room);
    const pauses = sequence.pauses;
    await sequence.sync();
    if (sequence.lastDeliveredId !== undefined) return;
    const dropped = sequence.pauses !== pauses;
    this.forget(room);
    // The server refused the history read (e.g. a hook): the join stands, its messages pass as they come.
    if (!dropped) return;
    // The connection dropped before the starting position was read: the new
    // connection is not in the room, so the join as a whole did not happen.
    throw new ChatServiceClientError(`roomJoin: the connection dropped before the position of ${room} was read`);
  }

  /**
   * Stops tracking a room (left, or access removed).
   *
   * @param room - the room
   */
  forget(room: string): void {
    this.#rooms.get(room)?.stop();
    this.#rooms.delete(room);
    this.#joined.delete(room);
  }

  /**
   * Routes a live `roomMessage` notification.
   *
   * @param room - its room
   * @param message - the message
   * @returns false when the room is not tracked (deliver it as it is)
   */
  live(room: unknown, message: unknown): boolean {
    const sequence = typeof room === 'string' ? this.#rooms.get(room) : undefined;
    if (!sequence || !isMessage(message)) return false;
    sequence.live(message);
    return true;
  }

  /** The connection dropped: every sequence waits for the next sync. */
  pause(): void {
    for (const sequence of this.#rooms.values()) sequence.pause();
  }

  /** Stops everything (the client is closed). */
  stop(): void {
    for (const room of [...this.#rooms.keys()]) this.forget(room);
  }

  /**
   * After a new login: joins every remembered room again, then starts each
   * one's catch-up in the background.
   *
   * @returns the rooms that could not be joined (now forgotten)
   * @throws {ChatServiceClientError} a connection error (the next login tries again)
   */
  async rejoin(): Promise<string[]> {
    const lost: string[] = [];
    const rooms = [...this.#joined];
    await Promise.all(
      rooms.map(async (room) => {
        try {
          await this.#deps.request('roomJoin', [room]);
        } catch (error) {
          if (!ChatServiceClientError.is(error) || error.code === undefined) throw error;
          lost.push(room);
          this.forget(room);
        }
      }),
    );
    for (const room of rooms) void this.#rooms.get(room)?.sync();
    return lost;
  }

  #sequence(room: string): RoomSequence {
    const { request, sink, clock, holdMs } = this.#deps;
    const first = async (name: string, args: readonly unknown[]): Promise<unknown> => (await request(name, args))[0];
    return new RoomSequence(room, {
      source: {
        // The trust boundary: the server's replies are these types by protocol.
        info: async (name) => (await first('roomHistoryInfo', [name])) as HistoryPosition,
        get: async (name, afterId, limit) => {
          const page = await first('roomHistoryGet', [name, afterId, limit]);
          return Array.isArray(page) ? page.filter(isMessage) : [];
        },
      },
      sink,
      clock,
      holdMs,
    });
  }
}
