const NO_MEMBERS: ReadonlySet<string> = new Set();

/**
 * Local channel membership: channel → sockets, and socket → channels so a
 * gone socket leaves every channel in one step.
 */
export class Channels {
  #members = new Map<string, Set<string>>();
  #joined = new Map<string, Set<string>>();

  /** Adds a socket to a channel (idempotent). */
  join(socketId: string, channel: string): void {
    let members = this.#members.get(channel);
    if (!members) this.#members.set(channel, (members = new Set()));
    members.add(socketId);
    let joined = this.#joined.get(socketId);
    if (!joined) this.#joined.set(socketId, (joined = new Set()));
    joined.add(channel);
  }

  /** Removes a socket from a channel (idempotent); empty channels are forgotten. */
  leave(socketId: string, channel: string): void {
    const members = this.#members.get(channel);
    if (members?.delete(socketId) && members.size === 0) this.#members.delete(channel);
    const joined = this.#joined.get(socketId);
    if (joined?.delete(channel) && joined.size === 0) this.#joined.delete(socketId);
  }

  /** Removes a socket from every channel. */
  leaveAll(socketId: string): void {
    for (const channel of this.#joined.get(socketId) ?? []) {
      const members = this.#members.get(channel);
      if (members?.delete(socketId) && members.size === 0) this.#members.delete(channel);
    }
    this.#joined.delete(socketId);
  }

  /** The sockets of a channel: the live set, which a socket leaving while it is iterated may shrink. */
  members(channel: string): ReadonlySet<string> {
    return this.#members.get(channel) ?? NO_MEMBERS;
  }
}
