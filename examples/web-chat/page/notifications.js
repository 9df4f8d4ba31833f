/**
 * The server's notifications, applied to the chat: room messages (exactly
 * once and in order, from the SDK, across reconnects), gaps it could not
 * fill, people arriving and leaving, lost access, other tabs' joins, direct
 * messages, and the connection state.
 */
import { listenToConnection } from './connection.js';
import { showError } from './dom.js';

/** @param {import('./chat.js').Chat} chat */
export function listen(chat) {
  const { client } = chat;
  client.on('roomMessage', (room, message) => {
    const conversation = chat.rooms.get(room);
    if (conversation && chat.joined.has(room)) chat.deliver(conversation, message);
  });
  client.on('roomMessagesLost', (room, { reason, lastDeliveredId }) => {
    const conversation = chat.rooms.get(room);
    if (!conversation) return;
    if (reason === 'reset') {
      conversation.reset();
      conversation.historyComplete = true;
      conversation.addNote('This room was recreated while you were offline: its earlier messages are gone.');
    } else {
      conversation.addNote(`Some messages after #${lastDeliveredId} left the history while you were offline and cannot be shown.`);
    }
    if (conversation === chat.current) chat.view.show(conversation);
  });
  client.on('roomUserJoined', (room, user) => {
    chat.users.get(room)?.add(user);
    if (user !== chat.me) chat.note(chat.rooms.get(room), `${user} joined`);
    if (chat.current?.name === room) chat.render();
  });
  client.on('roomUserLeft', (room, user) => {
    chat.users.get(room)?.delete(user);
    chat.note(chat.rooms.get(room), `${user} left`);
    if (chat.current?.name === room) chat.render();
  });
  client.on('roomAccessRemoved', (room) => {
    if (!chat.joined.has(room)) return;
    chat.left(room);
    chat.forget(room);
    showError('join-error', `You are no longer in “${room}”: it was deleted, or your access to it was removed.`);
    chat.render();
  });
  client.on('roomJoinedEcho', (room) => {
    chat.room(room);
    chat.render();
  });
  client.on('directMessage', (message) => chat.deliver(chat.direct(String(message.author)), message));
  client.on('directMessageEcho', (toUser, message) => chat.deliver(chat.direct(toUser), message));
  listenToConnection(client, (state) => {
    // back online: who is in each room may have changed meanwhile
    if (state === 'connected') for (const room of chat.joined) chat.loadUsers(room).catch(() => undefined);
  });
}
