/**
 * Liveness checks for every connection of a transport, on one timer: a
 * timer, a closure and a listener per connection would cost more memory than
 * the rest of an idle connection's state in this package.
 *
 * @module
 */

/** What the heartbeat needs of a connection. */
export interface Pingable {
  /** The round of the ping it has not answered yet; 0 when it owes no pong. */
  pingRound: number;
  /** Sends a ping if the socket is open; returns whether it did. */
  ping(): boolean;
}

/** How a heartbeat runs. */
export interface HeartbeatInit<TConnection extends Pingable> {
  /** Ms between two rounds of pings; 0 or less: no heartbeat. */
  interval: number;
  /** Ms a connection has to answer a ping. */
  timeout: number;
  /** The connections, read at every round and every expiry. */
  connections: () => Iterable<TConnection>;
  /** A connection did not answer a ping in time. */
  onTimeout: (connection: TConnection) => void;
}

/**
 * Every `interval` ms, one round pings each connection that owes no pong (a
 * connection still owing one is not pinged again, its own round's deadline
 * holds); `timeout` ms after a round, the connections that have not answered
 * that round's ping since time out. A pong (any pong) sets the connection's
 * `pingRound` back to 0.
 */
export class Heartbeat<TConnection extends Pingable> {
  readonly #init: HeartbeatInit<TConnection>;
  #round = 0;
  #timer: NodeJS.Timeout | undefined;
  /** The expiries of the rounds still running: more than one when `timeout` exceeds `interval`. */
  readonly #expiries = new Set<NodeJS.Timeout>();

  /** Sets the heartbeat up; nothing runs until {@link Heartbeat.start}. */
  constructor(init: HeartbeatInit<TConnection>) {
    this.#init = init;
  }

  /** Starts the rounds (once). */
  start(): void {
    if (this.#init.interval <= 0 || this.#timer) return;
    this.#timer = setInterval(() => {
      this.#ping();
    }, this.#init.interval).unref();
  }

  /** Stops the rounds and the expiries still pending. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const expiry of this.#expiries) clearTimeout(expiry);
    this.#expiries.clear();
  }

  #ping(): void {
    const round = ++this.#round;
    for (const connection of this.#init.connections()) {
      if (connection.pingRound === 0 && connection.ping()) connection.pingRound = round;
    }
    const expiry = setTimeout(() => {
      this.#expiries.delete(expiry);
      this.#expire(round);
    }, this.#init.timeout).unref();
    this.#expiries.add(expiry);
  }

  #expire(round: number): void {
    const late: TConnection[] = [];
    for (const connection of this.#init.connections()) if (connection.pingRound === round) late.push(connection);
    for (const connection of late) this.#init.onTimeout(connection);
  }
}
