/**
 * Multi-instance: the cluster bus, evicting a
 * user whose sockets are on two instances, and disconnectUserSockets across
 * instances — on a single Redis node and on a Redis Cluster.
 */
import { describe, expect, it, vi } from 'vitest';
import { BACKENDS, nextBusEvent, ownSocketsOf, useInstances, userlistOf } from '../helpers/instances.js';

const room = 'room1';

describe.each(BACKENDS)('cluster bus on $name', (backend) => {
  const group = useInstances(backend);

  it('clusterBus.emit reaches the listeners of every instance, the sender included, with the same args', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    const uid = a.service.instanceUID;
    const data = { key: 'value' };
    const received = Promise.all([nextBusEvent(a.service, 'someEvent'), nextBusEvent(b.service, 'someEvent')]);
    a.service.clusterBus.emit('someEvent', uid, data);
    expect(await received).toEqual([
      [uid, data],
      [uid, data],
    ]);
  });

  it('a blacklisted user loses the room on both instances before the next room message', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom(room, { owner: 'user2' });
    const user1a = await a.connect('user1');
    const user1b = await b.connect('user1');
    const owner = await a.connect('user2');
    expect(await user1a.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user1b.call('roomJoin', room)).toEqual([null, 2]);
    expect(await owner.call('roomJoin', room)).toEqual([null, 1]);

    expect(await owner.call('roomAddToList', room, 'blacklist', ['user1'])).toEqual([null, null]);
    const [error, id] = await owner.call('roomMessage', room, { textMessage: 'after the ban' });
    expect(error).toBeNull();
    expect((await owner.next('roomMessage'))[1]).toMatchObject({ textMessage: 'after the ban', author: 'user2', id });

    expect(await user1a.next('roomAccessRemoved')).toEqual([room]);
    expect(await user1b.next('roomAccessRemoved')).toEqual([room]);
    await Promise.all([user1a.expectNone('roomMessage', 500), user1b.expectNone('roomMessage', 500)]);
    expect(await ownSocketsOf(b.service, 'user1')).toEqual({ [user1a.id ?? '']: [], [user1b.id ?? '']: [] });
    expect(await userlistOf(b.service, room)).toEqual(['user2']);
  });

  it('whitelist mode and roomDelete on one instance evict users joined on another', async () => {
    const [a, b] = await Promise.all([group.start({ enableRoomsManagement: true }), group.start({ enableRoomsManagement: true })]);
    await a.service.addRoom(room, { owner: 'user1', whitelist: ['user1', 'user3'] });
    const owner = await a.connect('user1');
    const guest = await b.connect('user2');
    const invited = await b.connect('user3');
    for (const client of [owner, guest, invited]) expect(await client.call('roomJoin', room)).toEqual([null, 1]);

    expect(await owner.call('roomSetWhitelistMode', room, true)).toEqual([null, null]);
    expect(await guest.next('roomAccessRemoved')).toEqual([room]);
    await invited.expectNone('roomAccessRemoved', 300);
    expect(await userlistOf(b.service, room)).toEqual(['user1', 'user3']);

    expect(await owner.call('roomDelete', room)).toEqual([null, null]);
    expect(await invited.next('roomAccessRemoved')).toEqual([room]);
    expect(await owner.next('roomAccessRemoved')).toEqual([room]);
    expect(await ownSocketsOf(a.service, 'user3')).toEqual({ [invited.id ?? '']: [] });
  });

  it('a server-side roomJoin for a socket on another instance fails with invalidSocket and leaves no trace', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom(room);
    const user1 = await a.connect('user1');
    const id = user1.id ?? '';

    await expect(b.service.execUserCommand({ userName: 'user1', id }, 'roomJoin', room)).rejects.toMatchObject({
      name: 'ChatServiceError',
      code: 'invalidSocket',
    });
    expect(await ownSocketsOf(b.service, 'user1')).toEqual({ [id]: [] });
    expect(await userlistOf(b.service, room)).toEqual([]);
    expect(await a.service.execUserCommand({ userName: 'user1', id }, 'roomJoin', room)).toEqual([1]);
    expect(await ownSocketsOf(b.service, 'user1')).toEqual({ [id]: [room] });
  });

  it('disconnectUserSockets on one instance disconnects the user on every instance', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    const user1a = await a.connect('user1');
    const user1b = await b.connect('user1');
    const user2 = await b.connect('user2');

    await a.service.disconnectUserSockets('user1');
    await Promise.all([user1a.disconnected(), user1b.disconnected()]);
    await vi.waitFor(async () => {
      expect(await ownSocketsOf(a.service, 'user1')).toEqual({});
    });
    expect(await user2.call('listOwnSockets')).toEqual([null, { [user2.id ?? '']: [] }]);
  });
});
