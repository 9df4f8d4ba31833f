/**
 * Multi-instance: heartbeats every instance can read, and
 * an instance in a separate process killed with SIGKILL, then recovered by
 * another instance with `instanceRecovery` — on a single Redis node and on a
 * Redis Cluster. The child process runs the built `@chat-service/server`.
 */
import { createKeySpace, createRedisStore } from '@chat-service/store-redis';
import { describe, expect, it, vi } from 'vitest';
import { BACKENDS, ownSocketsOf, useInstances, userlistOf } from '../helpers/instances.js';

const room = 'room1';

describe.each(BACKENDS)('instance liveness on $name', (backend) => {
  const group = useInstances(backend);

  it("each instance reads the other's heartbeat, and it advances", async () => {
    const [a, b] = await Promise.all([group.start({ heartbeatRate: 200 }), group.start({ heartbeatRate: 200 })]);
    const pairs = [
      { reader: a.service, uid: b.service.instanceUID },
      { reader: b.service, uid: a.service.instanceUID },
    ];
    await Promise.all(
      pairs.map(async ({ reader, uid }) => {
        const first = await reader.getInstanceHeartbeat(uid);
        if (typeof first !== 'number') throw new Error(`no heartbeat for ${uid}`);
        expect(first).toBeLessThanOrEqual(Date.now());
        expect(first).toBeGreaterThan(Date.now() - 2000);
        await vi.waitFor(
          async () => {
            expect(await reader.getInstanceHeartbeat(uid)).toBeGreaterThan(first);
          },
          { timeout: 2000, interval: 50 },
        );
      }),
    );
  });

  it('an instance killed with SIGKILL leaves its sockets until another instance recovers it', async () => {
    const survivor = await group.start({ enableUserlistUpdates: true });
    await survivor.service.addRoom(room);
    const child = await group.spawn({ enableUserlistUpdates: true });
    const watcher = await survivor.connect('user1');
    expect(await watcher.call('roomJoin', room)).toEqual([null, 1]);
    const doomed = await child.connect('user2');
    expect(await doomed.call('roomJoin', room)).toEqual([null, 1]);
    expect(await watcher.next('roomUserJoined')).toEqual([room, 'user1']);
    expect(await watcher.next('roomUserJoined')).toEqual([room, 'user2']);
    expect(await survivor.service.getInstanceHeartbeat(child.instanceUID)).toEqual(expect.any(Number));
    expect(await survivor.service.state.getInstanceSockets(child.instanceUID)).toEqual({ [doomed.id ?? '']: 'user2' });

    // Both instances listen on the room's bus channel
    const keys = createKeySpace(group.prefix);
    const redis = createRedisStore(group.stateOptions);
    const listeners = (): Promise<string[]> => redis.client.smembers(keys.room(room, 'listeners'));
    try {
      await vi.waitFor(async () => {
        expect((await listeners()).sort()).toEqual([survivor.service.instanceUID, child.instanceUID].sort());
      });

      await child.kill();
      await doomed.disconnected();
      expect(await listeners()).toContain(child.instanceUID);
      // Nobody cleaned up: the dead instance's socket is still in the shared state.
      await watcher.expectNone('roomUserLeft', 500);
      expect(await ownSocketsOf(survivor.service, 'user2')).toEqual({ [doomed.id ?? '']: [room] });
      expect(await userlistOf(survivor.service, room)).toEqual(['user1', 'user2']);

      await survivor.service.instanceRecovery(child.instanceUID);
      expect(await watcher.next('roomUserLeft')).toEqual([room, 'user2']);
      expect(await ownSocketsOf(survivor.service, 'user2')).toEqual({});
      expect(await userlistOf(survivor.service, room)).toEqual(['user1']);
      expect(await survivor.service.state.getInstanceSockets(child.instanceUID)).toEqual({});
      expect(await watcher.call('listOwnSockets')).toEqual([null, { [watcher.id ?? '']: [room] }]);

      // Its registration is gone too: the survivor's messages in the room are no longer published for it
      expect(await listeners()).toEqual([survivor.service.instanceUID]);
      expect(await redis.client.hget(keys.room(room, 'historyinfo'), 'listeners')).toBe('1');
    } finally {
      await redis.close();
    }
  });
});
