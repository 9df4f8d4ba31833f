import { namesOf, withName, withoutName } from '@chat-service/core';
import type { NameSet } from '@chat-service/core';

// One member is kept as the string itself, a Set only from the second (core's NameSet): most channels have one
// member (a user's own channel) and most sockets are in one channel.

function update(map: Map<string, NameSet>, key: string, names: NameSet | undefined): void {
  if (names === undefined) map.delete(key);
  else if (map.get(key) !== names) map.set(key, names);
}

/**
 * Local channel membership: channel → sockets, and socket → channels so a
 * gone socket leaves every channel in one step.
 */
export class Channels {
  #members = new Map<string, NameSet>();
  #joined = new Map<string, NameSet>();

  /** Adds a socket to a channel (idempotent). */
  join(socketId: string, channel: string): void {
    update(this.#members, channel, withName(this.#members.get(channel), socketId));
    update(this.#joined, socketId, withName(this.#joined.get(socketId), channel));
  }

  /** Removes a socket from a channel (idempotent); empty channels are forgotten. */
  leave(socketId: string, channel: string): void {
    update(this.#members, channel, withoutName(this.#members.get(channel), socketId));
    update(this.#joined, socketId, withoutName(this.#joined.get(socketId), channel));
  }

  /** Removes a socket from every channel. */
  leaveAll(socketId: string): void {
    const joined = this.#joined.get(socketId);
    if (joined === undefined) return;
    this.#joined.delete(socketId);
    for (const channel of namesOf(joined)) {
      update(this.#members, channel, withoutName(this.#members.get(channel), socketId));
    }
  }

  /** The sockets of a channel: the live set, which a socket leaving while it is iterated may shrink. */
  members(channel: string): Iterable<string> {
    const members = this.#members.get(channel);
    return typeof members === 'string' ? [members] : (members ?? []);
  }
}
