/**
 * One name or a set of them: most channels have one member (a user's own
 * channel) and most sockets are in one channel, so a single member is kept as
 * the string itself and a Set is made only for the second.
 */
type Names = string | Set<string>;

function withName(names: Names | undefined, name: string): Names {
  if (names === undefined || names === name) return name;
  if (typeof names === 'string') return new Set([names, name]);
  names.add(name);
  return names;
}

/** `names` without `name`; `undefined` when none is left. */
function withoutName(names: Names | undefined, name: string): Names | undefined {
  if (names === name) return undefined;
  if (typeof names !== 'object') return names;
  names.delete(name);
  return names.size === 0 ? undefined : names;
}

function update(map: Map<string, Names>, key: string, names: Names | undefined): void {
  if (names === undefined) map.delete(key);
  else if (map.get(key) !== names) map.set(key, names);
}

/**
 * Local channel membership: channel → sockets, and socket → channels so a
 * gone socket leaves every channel in one step.
 */
export class Channels {
  #members = new Map<string, Names>();
  #joined = new Map<string, Names>();

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
    for (const channel of typeof joined === 'string' ? [joined] : joined) {
      update(this.#members, channel, withoutName(this.#members.get(channel), socketId));
    }
  }

  /** The sockets of a channel: the live set, which a socket leaving while it is iterated may shrink. */
  members(channel: string): Iterable<string> {
    const members = this.#members.get(channel);
    return typeof members === 'string' ? [members] : (members ?? []);
  }
}
