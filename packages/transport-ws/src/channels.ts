import { namesOf, withName, withoutName } from '@chat-service/core';
import type { NameSet } from '@chat-service/core';

// One member is kept as the string itself, a Set only from the second (core's NameSet): most channels have one
// member (a user's own channel) and most sockets are in one channel.

/** A socket as the channels see it: its id, and the channels it is in (kept on it rather than in a table by id). */
export interface ChannelMember {
  readonly id: string;
  /** The channels it is in. */
  channels: NameSet | undefined;
}

function update(map: Map<string, NameSet>, key: string, names: NameSet | undefined): void {
  if (names === undefined) map.delete(key);
  else if (map.get(key) !== names) map.set(key, names);
}

/**
 * Local channel membership: channel → socket ids, and on each socket the
 * channels it is in, so a gone socket leaves every channel in one step.
 */
export class Channels {
  #members = new Map<string, NameSet>();

  /** Adds a socket to a channel (idempotent). */
  join(member: ChannelMember, channel: string): void {
    update(this.#members, channel, withName(this.#members.get(channel), member.id));
    member.channels = withName(member.channels, channel);
  }

  /** Removes a socket from a channel (idempotent); empty channels are forgotten. */
  leave(member: ChannelMember, channel: string): void {
    update(this.#members, channel, withoutName(this.#members.get(channel), member.id));
    member.channels = withoutName(member.channels, channel);
  }

  /** Removes a socket from every channel. */
  leaveAll(member: ChannelMember): void {
    const joined = member.channels;
    member.channels = undefined;
    for (const channel of namesOf(joined)) {
      update(this.#members, channel, withoutName(this.#members.get(channel), member.id));
    }
  }

  /**
   * The socket ids of a channel, as kept (no copy, nothing allocated): one id,
   * or the live set, which a socket leaving while it is iterated shrinks
   * (a Set's iteration then skips it); undefined for an empty channel.
   */
  members(channel: string): NameSet | undefined {
    return this.#members.get(channel);
  }
}
