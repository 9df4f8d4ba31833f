/**
 * Multi-instance: closing one instance cleans
 * up its sockets for the others before `close()` resolves, and
 * `instanceRecovery` from another instance purges an instance's sockets —
 * on a single Redis node and on a Redis Cluster.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ChatService, Hooks } from '../../src/index.js';
import { AUTH, BACKENDS, ownSocketsOf, useInstances, userlistOf } from '../helpers/instances.js';

const room = 'room1';

describe.each(BACKENDS)('shutdown and recovery on $name', (backend) => {
  const group = useInstances(backend);

  it('closing an instance cleans up its sockets and notifies the other instance before close() resolves', async () => {
    // The closing instance's onLeave is slow for the cleanup that leaves 2 sockets joined: unless the
    // per-user cleanups are serialised, the echo with njoined 1 would then overtake the one with 2.
    const slowFirstLeave: Hooks<ChatService> = {
      ...AUTH,
      onLeave: async (_server, { njoined }) => {
        if (njoined === 2) await sleep(150);
      },
    };
    const [a, b] = await Promise.all([
      group.start({ enableUserlistUpdates: true }),
      group.start({ enableUserlistUpdates: true }, slowFirstLeave),
    ]);
    await a.service.addRoom(room);
    const user1 = await a.connect('user1');
    const user2 = await a.connect('user2');
    const user2b1 = await b.connect('user2');
    const user2b2 = await b.connect('user2');
    const user3 = await b.connect('user3');
    expect(await user1.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user2.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user2b1.call('roomJoin', room)).toEqual([null, 2]);
    expect(await user2b2.call('roomJoin', room)).toEqual([null, 3]);
    expect(await user3.call('roomJoin', room)).toEqual([null, 1]);
    const closedIds = [user2b1.id, user2b2.id].sort();

    await b.service.close();

    // The state is clean as soon as close() resolved...
    expect(await ownSocketsOf(a.service, 'user2')).toEqual({ [user2.id ?? '']: [room] });
    expect(await ownSocketsOf(a.service, 'user3')).toEqual({});
    expect(await userlistOf(a.service, room)).toEqual(['user1', 'user2']);
    expect(await a.service.state.getInstanceSockets(b.service.instanceUID)).toEqual({});
    // ...and the notifications were sent before it: they are here or arrive shortly.
    const firstLeft = await user2.next('roomLeftEcho', 1000);
    const lastLeft = await user2.next('roomLeftEcho', 1000);
    expect([firstLeft[1], lastLeft[1]].sort()).toEqual(closedIds);
    expect(firstLeft).toEqual([room, firstLeft[1], 2]);
    expect(lastLeft).toEqual([room, lastLeft[1], 1]);
    const firstGone = await user2.next('socketDisconnectEcho', 1000);
    const lastGone = await user2.next('socketDisconnectEcho', 1000);
    expect([firstGone[0], lastGone[0]].sort()).toEqual(closedIds);
    expect([firstGone[1], lastGone[1]]).toEqual([2, 1]);
    expect(await user1.next('roomUserLeft', 1000)).toEqual([room, 'user3']);
    expect(await user2.next('roomUserLeft', 1000)).toEqual([room, 'user3']);
    await Promise.all([
      user1.expectNone('roomUserLeft', 300),
      user2.expectNone('roomUserLeft', 300),
      user1.expectNone('roomLeftEcho', 300),
    ]);
    await Promise.all([user2b1.disconnected(), user2b2.disconnected(), user3.disconnected()]);
  });

  it("instanceRecovery from another instance purges a silent instance's sockets", async () => {
    const [a, b] = await Promise.all([group.start({ enableUserlistUpdates: true }), group.start({ enableUserlistUpdates: true })]);
    clearInterval(a.service.hbtimer);
    await a.service.addRoom(room);
    const user1 = await a.connect('user1');
    const user2 = await a.connect('user2');
    expect(await user1.call('roomJoin', room)).toEqual([null, 1]);
    expect(await b.service.state.getInstanceSockets(a.service.instanceUID)).toEqual({
      [user1.id ?? '']: 'user1',
      [user2.id ?? '']: 'user2',
    });

    await expect(b.service.instanceRecovery(a.service.instanceUID)).resolves.toBeUndefined();

    expect(await ownSocketsOf(b.service, 'user1')).toEqual({});
    expect(await ownSocketsOf(b.service, 'user2')).toEqual({});
    expect(await userlistOf(b.service, room)).toEqual([]);
    expect(await b.service.state.getInstanceSockets(a.service.instanceUID)).toEqual({});
  });

  it("recovering an instance echoes the purged sockets to the user's sockets elsewhere and keeps them in the room", async () => {
    const [a, b] = await Promise.all([group.start({ enableUserlistUpdates: true }), group.start({ enableUserlistUpdates: true })]);
    clearInterval(a.service.hbtimer);
    await a.service.addRoom(room);
    const lost = await a.connect('user1');
    const kept = await b.connect('user1');
    const other = await b.connect('user2');
    expect(await lost.call('roomJoin', room)).toEqual([null, 1]);
    expect(await kept.call('roomJoin', room)).toEqual([null, 2]);
    expect(await other.call('roomJoin', room)).toEqual([null, 1]);

    await b.service.instanceRecovery(a.service.instanceUID);

    expect(await kept.next('roomLeftEcho')).toEqual([room, lost.id, 1]);
    expect(await kept.next('socketDisconnectEcho')).toEqual([lost.id, 1]);
    expect(await ownSocketsOf(b.service, 'user1')).toEqual({ [kept.id ?? '']: [room] });
    expect(await userlistOf(b.service, room)).toEqual(['user1', 'user2']);
    await other.expectNone('roomUserLeft', 300);
  });
});
