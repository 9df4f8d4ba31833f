/**
 * The listeners of room channels: each room's `listeners` set holds the
 * instances subscribed to its bus channel (the append script publishes a
 * room message only when another instance would hear it), and each
 * instance's `listening` set holds the rooms it is registered in, so that a
 * dead instance can be taken out of all of them (`instanceRecovery`). Left
 * registered, a dead instance would make every message of its rooms cost a
 * PUBLISH that nobody hears.
 *
 * @module
 */
import type { RoomListenersChange } from './bus.js';
import type { StoreContext } from './context.js';

/** Registrations as listeners, and the forgetting of a dead instance's. */
export interface ListenerRegistry {
  /** Adds instance `uid` to, or removes it from, the listeners of a room's channel. */
  readonly change: RoomListenersChange;
  /** Removes instance `uid` from the listeners of every room it is registered in. */
  forget(uid: string): Promise<void>;
}

/** Creates the registry of a store. */
export function createListenerRegistry({ client, keys, scripts }: StoreContext): ListenerRegistry {
  const changeRoom = (room: string, uid: string, change: 'add' | 'remove'): Promise<unknown> =>
    scripts.roomListenersChange([keys.room(room, 'listeners'), keys.room(room, 'historyinfo')], [uid, change]);
  return {
    // Both writes go out together; on one node Redis runs them in this order.
    change: (room, uid, change) =>
      Promise.all([
        change === 'add' ? client.sadd(keys.instanceListening(uid), room) : client.srem(keys.instanceListening(uid), room),
        changeRoom(room, uid, change),
      ]),
    async forget(uid) {
      const listening = keys.instanceListening(uid);
      const rooms = await client.smembers(listening);
      if (rooms.length === 0) return;
      await Promise.all(rooms.map((room) => changeRoom(room, uid, 'remove')));
      await client.srem(listening, ...rooms);
    },
  };
}
