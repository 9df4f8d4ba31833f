/**
 * A conversation's messages in memory: a room (ordered and de-duplicated by
 * message id, so history pages and live messages merge cleanly) or a direct
 * exchange with one user (ordered by time; the service keeps no history of
 * direct messages, so they last as long as the page).
 */

/**
 * @typedef {{ id?: number, author?: string, timestamp: number, textMessage?: string, [field: string]: unknown }} ChatMessage
 * @typedef {{ key: number, message?: ChatMessage, note?: string, mine: boolean }} Item
 */

export class Conversation {
  /**
   * @param {'room' | 'direct'} kind
   * @param {string} name - the room, or the other user
   */
  constructor(kind, name) {
    this.kind = kind;
    this.name = name;
    /** @type {Item[]} sorted by key */
    this.items = [];
    /** @type {Set<number>} room message ids held */
    this.ids = new Set();
    this.unread = 0;
    /** Whether the newest page of history was loaded. */
    this.loaded = false;
    /** Whether nothing older remains to load. */
    this.historyComplete = false;
    /** The room's last message id when joined. */
    this.lastMessageId = 0;
    /** The oldest id its history still held when joined. */
    this.firstRetained = 1;
  }

  /** The smallest message id held (rooms), or undefined. */
  get oldestId() {
    const first = this.items.find((item) => item.message?.id !== undefined);
    return first?.message?.id;
  }

  /** The sort key of what arrives now: just after the newest item. */
  get nextKey() {
    const last = this.items.at(-1);
    return last ? last.key + (this.kind === 'room' ? 0.001 : 1) : 0;
  }

  /**
   * Adds a message unless held already.
   * @param {ChatMessage} message
   * @param {boolean} mine - sent by this user
   * @returns {number} its index, or -1 for a duplicate
   */
  addMessage(message, mine) {
    if (this.kind === 'room') {
      if (typeof message.id !== 'number' || this.ids.has(message.id)) return -1;
      this.ids.add(message.id);
      return this.#insert({ key: message.id, message, mine });
    }
    return this.#insert({ key: Math.max(message.timestamp, this.nextKey), message, mine });
  }

  /**
   * Adds a line from the page itself (someone joined, a gap, ...).
   * @param {string} note
   * @returns {number} its index
   */
  addNote(note) {
    return this.#insert({ key: this.nextKey, note, mine: false });
  }

  /** Forgets every message (the room was recreated: its old ids mean nothing now). */
  reset() {
    this.items = [];
    this.ids.clear();
    this.historyComplete = false;
  }

  /** @param {Item} item */
  #insert(item) {
    let index = this.items.length;
    while (index > 0 && this.items[index - 1].key > item.key) index -= 1;
    this.items.splice(index, 0, item);
    return index;
  }
}
