/**
 * A user's standing in a room (the Store port's `RoomAccess`) as the scripts
 * read it: the keys they read it from, and their reply as the port's shape.
 *
 * @module
 */
import type { RoomAccess } from '@chat-service/core';
import type { KeySpace } from './keys.js';
import { asArray, asNumber, asString } from './reply.js';

/** The keys of a standing, in the order `ROOM_STANDING` takes them: state, adminlist, blacklist, whitelist, userlist. */
export function standingKeys(keys: KeySpace, room: string): [string, string, string, string, string] {
  return [keys.room(room, 'state'), keys.room(room, 'adminlist'), keys.room(room, 'blacklist'), keys.room(room, 'whitelist'), keys.room(room, 'userlist')];
}

/** A `ROOM_STANDING` reply as a `RoomAccess`; `null` (a missing room) stays `null`. */
export function toRoomAccess(reply: unknown): RoomAccess | null {
  if (reply === null) return null;
  const [hasOwner, owner, ...flags] = asArray(reply);
  const [isAdmin, inBlacklist, inWhitelist, inUserlist, whitelistOnly] = flags.map((f) => asNumber(f) === 1);
  return {
    owner: asNumber(hasOwner) === 1 ? asString(owner) : null,
    isAdmin: isAdmin ?? false,
    inBlacklist: inBlacklist ?? false,
    inWhitelist: inWhitelist ?? false,
    inUserlist: inUserlist ?? false,
    whitelistOnly: whitelistOnly ?? false,
  };
}
