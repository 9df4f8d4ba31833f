/** The room list and the direct-message list of the sidebar. */
import { byId, el } from './dom.js';

/**
 * @typedef {{ name: string, joined: boolean, unread: number, current: boolean }} RoomEntry
 * @typedef {{ name: string, unread: number, current: boolean }} DirectEntry
 */

/**
 * @param {{ name: string, unread: number, current: boolean }} entry
 * @param {string} className
 * @param {string} hint - the button's title
 * @param {() => void} onPick
 */
function entryItem(entry, className, hint, onPick) {
  const button = el(
    'button',
    { type: 'button', title: hint, 'aria-current': String(entry.current) },
    el('span', { className: 'name' }, entry.name),
    el('span', { className: 'badge', 'aria-label': 'unread' }, entry.unread > 0 ? String(entry.unread) : ''),
  );
  button.addEventListener('click', onPick);
  return el('li', { className, dataset: { name: entry.name } }, button);
}

/**
 * @param {RoomEntry[]} rooms
 * @param {(name: string) => void} onPick
 */
export function renderRooms(rooms, onPick) {
  byId('rooms').replaceChildren(
    ...rooms.map((room) =>
      entryItem(room, room.joined ? 'joined' : 'not-joined', room.joined ? `Open ${room.name}` : `Join ${room.name}`, () =>
        onPick(room.name),
      ),
    ),
  );
}

/**
 * @param {DirectEntry[]} directs
 * @param {(name: string) => void} onPick
 */
export function renderDirects(directs, onPick) {
  byId('directs').replaceChildren(...directs.map((d) => entryItem(d, 'direct', `Messages with ${d.name}`, () => onPick(d.name))));
}

/**
 * Who is in the current room.
 * @param {Iterable<string> | undefined} users - undefined when no room is shown
 * @param {string} me
 */
export function renderPeople(users, me) {
  byId('people').hidden = users === undefined;
  const names = [...(users ?? [])].sort((a, b) => a.localeCompare(b));
  byId('people-count').textContent = users === undefined ? '' : `(${names.length})`;
  byId('users').replaceChildren(...names.map((name) => el('li', { dataset: { name } }, name === me ? `${name} (you)` : name)));
}
