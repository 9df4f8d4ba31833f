/** What the chat shows besides the messages: title, controls, sidebar lists, people. */
import { byId } from './dom.js';
import { renderDirects, renderPeople, renderRooms } from './sidebar.js';

/** Redraws the title, the controls, the lists and the people. @param {import('./chat.js').Chat} chat */
export function renderChat(chat) {
  const current = chat.current;
  const room = current?.kind === 'room' ? current : undefined;
  byId('title').textContent = current ? (room ? `# ${current.name}` : `@ ${current.name}`) : 'chat-service';
  byId('empty').hidden = current !== undefined;
  byId('messages').hidden = current === undefined;
  byId('send-form').hidden = current === undefined;
  byId('room-actions').hidden = room === undefined;
  byId('delete').hidden = !(room && chat.config.roomsManagement && chat.owners.get(room.name) === chat.me);
  byId('create-form').hidden = !chat.config.roomsManagement;
  byId('direct-section').hidden = !chat.config.directMessages;
  const names = [
    ...chat.config.rooms,
    ...[...chat.rooms.keys()].filter((n) => !chat.config.rooms.includes(n)).sort((a, b) => a.localeCompare(b)),
  ];
  renderRooms(
    names
      .filter((n) => chat.rooms.has(n))
      .map((name) => ({ name, joined: chat.joined.has(name), unread: chat.rooms.get(name)?.unread ?? 0, current: room?.name === name })),
    (name) => void chat.openRoom(name),
  );
  renderDirects(
    [...chat.directs.values()].map((d) => ({ name: d.name, unread: d.unread, current: d === current })),
    (name) => chat.openDirect(name),
  );
  renderPeople(room ? (chat.users.get(room.name) ?? []) : undefined, chat.me);
  renderHistoryStatus(chat);
}

/** "This is the beginning" once the whole history is shown. @param {import('./chat.js').Chat} chat */
export function renderHistoryStatus(chat) {
  const room = chat.current;
  const complete = room?.kind === 'room' && room.historyComplete && room.items.length > 0;
  byId('history-status').textContent = complete ? `This is the beginning of # ${room.name}.` : '';
}
