/**
 * Users on different instances see one chat:
 * room messages with atomically allocated ids, presence, echoes to a user's
 * sockets elsewhere, direct and system messages, and socket.io and ws clients
 * on different instances in one room — on a single Redis node and on a Redis
 * Cluster.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TestClient } from '@chat-service/core/testing';
import { BACKENDS, sorted, useInstances, userlistOf } from '../helpers/instances.js';

const room = 'room1';

interface RoomMessage {
  textMessage: string;
  author: string;
  id: number;
  timestamp: number;
}

async function nextRoomMessages(client: TestClient, count: number): Promise<RoomMessage[]> {
  const messages: RoomMessage[] = [];
  for (let i = 0; i < count; i++) {
    const [name, message] = await client.next('roomMessage');
    expect(name).toBe(room);
    messages.push(message as RoomMessage);
  }
  return messages;
}

describe.each(BACKENDS)('messaging across instances on $name', (backend) => {
  const group = useInstances(backend);

  it('room messages sent concurrently on three instances get unique ids 1..n and reach every instance', async () => {
    const instances = await Promise.all([group.start(), group.start(), group.start()]);
    await instances[0].service.addRoom(room);
    const clients = await Promise.all(instances.map((instance, i) => instance.connect(`user${String(i + 1)}`)));
    for (const client of clients) expect((await client.call('roomJoin', room))[0]).toBeNull();

    const perClient = 4;
    const acks = await Promise.all(
      clients.flatMap((client, i) =>
        Array.from({ length: perClient }, (_, k) => client.call('roomMessage', room, { textMessage: `${String(i)}-${String(k)}` })),
      ),
    );
    const total = clients.length * perClient;
    expect(acks.map(([error]) => error)).toEqual(Array.from({ length: total }, () => null));
    expect(acks.map(([, id]) => id as number).sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    for (const client of clients) {
      const messages = await nextRoomMessages(client, total);
      expect(messages.map((m) => m.id).sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      for (const message of messages) expect(message.author).toBe(`user${String(Number(message.textMessage.split('-')[0]) + 1)}`);
    }
    const [error, history] = (await clients[2]?.call('roomRecentHistory', room)) ?? [];
    expect(error).toBeNull();
    expect((history as RoomMessage[]).map((m) => m.id)).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });

  it('presence: roomUserJoined and roomUserLeft reach the room on the other instance', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom(room, { enableUserlistUpdates: true });
    const user1 = await a.connect('user1');
    const user2 = await b.connect('user2');
    expect(await user1.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user1.next('roomUserJoined')).toEqual([room, 'user1']);

    expect(await user2.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user1.next('roomUserJoined')).toEqual([room, 'user2']);
    expect(await user2.next('roomUserJoined')).toEqual([room, 'user2']);
    expect(sorted((await user1.call('roomGetAccessList', room, 'userlist'))[1])).toEqual(['user1', 'user2']);

    expect(await user2.call('roomLeave', room)).toEqual([null, 0]);
    expect(await user1.next('roomUserLeft')).toEqual([room, 'user2']);
    expect(await user2.call('roomJoin', room)).toEqual([null, 1]);
    expect(await user1.next('roomUserJoined')).toEqual([room, 'user2']);
    await user2.close();
    expect(await user1.next('roomUserLeft')).toEqual([room, 'user2']);
    expect((await user1.call('roomGetAccessList', room, 'userlist'))[1]).toEqual(['user1']);
  });

  it("echoes reach the user's sockets on other instances", async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom(room);
    const first = await a.connect('user1');
    const second = await b.connect('user1');
    expect(await first.next('socketConnectEcho')).toEqual([second.id, 2]);

    expect(await second.call('roomJoin', room)).toEqual([null, 1]);
    expect(await first.next('roomJoinedEcho')).toEqual([room, second.id, 1]);
    expect(await first.call('roomJoin', room)).toEqual([null, 2]);
    expect(await second.next('roomJoinedEcho')).toEqual([room, first.id, 2]);
    expect(await second.call('roomLeave', room)).toEqual([null, 1]);
    expect(await first.next('roomLeftEcho')).toEqual([room, second.id, 1]);
    expect(await first.call('listOwnSockets')).toEqual([null, { [first.id ?? '']: [room], [second.id ?? '']: [] }]);

    await second.close();
    expect(await first.next('socketDisconnectEcho')).toEqual([second.id, 1]);
    await first.expectNone('roomJoinedEcho', 300);
  });

  it('direct messages reach every socket of the recipient and echo to the sender elsewhere', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => group.start({ enableDirectMessages: true })));
    if (!a || !b || !c) throw new Error('three instances expected');
    const sender = await a.connect('user1');
    const senderElsewhere = await c.connect('user1');
    const recipientB = await b.connect('user2');
    const recipientC = await c.connect('user2');

    const [error, sent] = await sender.call('directMessage', 'user2', { textMessage: 'hi' });
    expect(error).toBeNull();
    expect(sent).toEqual({ textMessage: 'hi', author: 'user1', timestamp: expect.any(Number) as unknown });
    expect(await recipientB.next('directMessage')).toEqual([sent]);
    expect(await recipientC.next('directMessage')).toEqual([sent]);
    expect(await senderElsewhere.next('directMessageEcho')).toEqual(['user2', sent]);

    const [replyError, reply] = await recipientB.call('directMessage', 'user1', { textMessage: 'hello back' });
    expect(replyError).toBeNull();
    expect(await sender.next('directMessage')).toEqual([reply]);
    expect(await senderElsewhere.next('directMessage')).toEqual([reply]);
    expect(await recipientC.next('directMessageEcho')).toEqual(['user1', reply]);
    await Promise.all([sender.expectNone('directMessageEcho', 300), recipientB.expectNone('directMessageEcho', 300)]);
  });

  it("systemMessage reaches the user's other sockets on other instances", async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    const here = await a.connect('user1');
    const there = await b.connect('user1');
    const data = { notice: 'maintenance', at: 5 };

    expect(await here.call('systemMessage', data)).toEqual([null, null]);
    expect(await there.next('systemMessage')).toEqual([data]);
    await here.expectNone('systemMessage', 300);

    await b.service.execUserCommand('user1', 'systemMessage', 'from the server');
    expect(await here.next('systemMessage')).toEqual(['from the server']);
    expect(await there.next('systemMessage')).toEqual(['from the server']);
  });

  it('a socket.io client and a ws client on different instances share a room', async () => {
    const [a, b] = await Promise.all([group.start(), group.start()]);
    await a.service.addRoom(room, { enableUserlistUpdates: true });
    const sio = await a.connect('user1', 'socket.io');
    const ws = await b.connect('user2', 'ws');

    expect(await ws.call('roomJoin', room)).toEqual([null, 1]);
    expect(await ws.next('roomUserJoined')).toEqual([room, 'user2']);
    expect(await sio.call('roomJoin', room)).toEqual([null, 1]);
    expect(await ws.next('roomUserJoined')).toEqual([room, 'user1']);
    expect(await sio.next('roomUserJoined')).toEqual([room, 'user1']);

    const [, fromSio] = await sio.call('roomMessage', room, { textMessage: 'from socket.io' });
    const [, fromWs] = await ws.call('roomMessage', room, { textMessage: 'from ws' });
    expect(await ws.next('roomMessage')).toEqual([
      room,
      { textMessage: 'from socket.io', author: 'user1', id: fromSio, timestamp: expect.any(Number) as unknown },
    ]);
    expect(await ws.next('roomMessage')).toEqual([
      room,
      { textMessage: 'from ws', author: 'user2', id: fromWs, timestamp: expect.any(Number) as unknown },
    ]);
    expect((await sio.next('roomMessage'))[1]).toMatchObject({ textMessage: 'from socket.io', id: fromSio });
    expect((await sio.next('roomMessage'))[1]).toMatchObject({ textMessage: 'from ws', author: 'user2', id: fromWs });

    const wsOfUser1 = await b.connect('user1', 'ws');
    expect(await sio.next('socketConnectEcho')).toEqual([wsOfUser1.id, 2]);
    await wsOfUser1.close();
    expect(await sio.next('socketDisconnectEcho')).toEqual([wsOfUser1.id, 1]);

    await ws.close();
    expect(await sio.next('roomUserLeft')).toEqual([room, 'user2']);
    await sio.close();
    await vi.waitFor(async () => {
      expect(await userlistOf(a.service, room)).toEqual([]);
    });
  });
});
