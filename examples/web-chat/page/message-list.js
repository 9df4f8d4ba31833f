/**
 * The message pane: renders the current conversation, keeps the view at the
 * bottom while new messages arrive, keeps it still while older history is
 * added above, and asks for older history when scrolled to the top.
 */
import { el } from './dom.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** @param {import('./conversation.js').Item} item */
function render(item) {
  if (item.note !== undefined) return el('li', { className: 'message system' }, item.note);
  const message = /** @type {import('./conversation.js').ChatMessage} */ (item.message);
  const when = new Date(message.timestamp);
  const text = typeof message.textMessage === 'string' ? message.textMessage : JSON.stringify(message);
  const props = { className: `message${item.mine ? ' mine' : ''}` };
  if (message.id !== undefined) props.dataset = { id: String(message.id) };
  return el(
    'li',
    props,
    el('span', { className: 'author' }, message.author ?? 'server'),
    el('time', { dateTime: when.toISOString(), title: dateFormat.format(when) }, timeFormat.format(when)),
    el('span', { className: 'text' }, text),
  );
}

export class MessageList {
  /**
   * @param {HTMLElement} list - the `<ol>`
   * @param {() => void} onTop - called when scrolled (near) to the top
   */
  constructor(list, onTop) {
    this.list = list;
    /** @type {import('./conversation.js').Conversation | undefined} */
    this.current = undefined;
    list.addEventListener('scroll', () => {
      if (list.scrollTop < 48) onTop();
    });
  }

  /** Whether the view is (about) at the bottom. */
  get atBottom() {
    const { scrollTop, scrollHeight, clientHeight } = this.list;
    return scrollHeight - scrollTop - clientHeight < 64;
  }

  /** Whether the list is too short to scroll (so no scroll event would ask for more). */
  get unfilled() {
    return this.list.scrollHeight <= this.list.clientHeight;
  }

  /** @param {import('./conversation.js').Conversation | undefined} conversation */
  show(conversation) {
    this.current = conversation;
    this.list.replaceChildren(...(conversation?.items.map(render) ?? []));
    this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * One item was added to a conversation at `index`.
   * @param {import('./conversation.js').Conversation} conversation
   * @param {number} index
   */
  added(conversation, index) {
    if (conversation !== this.current || index < 0) return;
    const follow = this.atBottom || conversation.items[index].mine;
    this.list.insertBefore(render(conversation.items[index]), this.list.children[index] ?? null);
    if (follow) this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * Older items were added at the top: re-render and keep what was on screen in place.
   * @param {import('./conversation.js').Conversation} conversation
   */
  prepended(conversation) {
    if (conversation !== this.current) return;
    const fromBottom = this.list.scrollHeight - this.list.scrollTop;
    this.list.replaceChildren(...conversation.items.map(render));
    this.list.scrollTop = this.list.scrollHeight - fromBottom;
  }
}
