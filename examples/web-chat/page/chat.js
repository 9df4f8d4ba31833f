/**
 * The chat itself over one `@chat-service/client` client: rooms (join, leave,
 * create, delete, history paging), direct messages, who is in the room, and
 * the notifications that keep them live.
 */
import { Conversation } from './conversation.js';
import { byId, showError } from './dom.js';
import { describeError } from './errors.js';
import { MessageList } from './message-list.js';
import { renderChat, renderHistoryStatus } from './chat-view.js';
import { listen } from './notifications.js';

/** Messages per history read (the service may cap it lower: `historyMaxGetMessages`). */
const PAGE = 30;

/**
 * @typedef {{ namespace: string, rooms: string[], roomsManagement: boolean, directMessages: boolean }} PageConfig
 * @typedef {import('/lib/chat-service-client.js').ChatClient} Client
 */

export class Chat {
  /**
   * @param {Client} client - logged in
   * @param {string} me - the user name
   * @param {PageConfig} config
   */
  constructor(client, me, config) {
    this.client = client;
    this.me = me;
    this.config = config;
    /** @type {Map<string, Conversation>} rooms in the list */
    this.rooms = new Map(config.rooms.map((name) => [name, new Conversation('room', name)]));
    /** @type {Set<string>} rooms this page joined */
    this.joined = new Set();
    /** @type {Map<string, Conversation>} direct conversations by user */
    this.directs = new Map();
    /** @type {Map<string, Set<string>>} who is in each joined room */
    this.users = new Map();
    /** @type {Map<string, string | null>} each joined room's owner */
    this.owners = new Map();
    /** @type {Conversation | undefined} */
    this.current = undefined;
    this.loadingOlder = false;
    this.storageKey = `chat-service:${me}`;
    this.view = new MessageList(byId('messages'), () => void this.loadOlder());
    listen(this);
  }

  /** Joins the rooms to be in (those of the last visit and of this user's other tabs) and shows one. */
  async start() {
    const saved = JSON.parse(sessionStorage.getItem(this.storageKey) ?? '{}');
    let elsewhere = [];
    try {
      elsewhere = Object.values(await this.client.listOwnSockets()).flat();
    } catch {
      // the list is a convenience; the configured rooms are still there
    }
    const wanted = [...new Set([...(saved.joined ?? []), ...elsewhere])];
    if (wanted.length === 0 && this.config.rooms[0]) wanted.push(this.config.rooms[0]);
    for (const name of wanted) this.room(name);
    await Promise.all(wanted.map((name) => this.join(name).catch(() => this.forget(name))));
    const first = this.rooms.get(saved.current) && this.joined.has(saved.current) ? saved.current : wanted.find((n) => this.joined.has(n));
    this.select(first ? this.rooms.get(first) : undefined);
  }

  // --- what the user does ---

  /** A room picked in the list: shown if joined, else joined first. @param {string} name */
  async openRoom(name) {
    showError('join-error');
    if (!this.joined.has(name)) {
      try {
        await this.join(name);
      } catch (error) {
        showError('join-error', describeError(error));
        return;
      }
    }
    this.select(this.room(name));
  }

  /** The join box. @param {string} name */
  async joinRoom(name) {
    showError('join-error');
    try {
      await this.join(name);
    } catch (error) {
      showError('join-error', describeError(error));
      return false;
    }
    this.select(this.room(name));
    return true;
  }

  /** The create box: creates the room, joins it, shows it. @param {string} name */
  async createRoom(name) {
    showError('create-error');
    try {
      await this.client.roomCreate(name, false);
      await this.join(name);
    } catch (error) {
      showError('create-error', describeError(error));
      return false;
    }
    this.select(this.room(name));
    return true;
  }

  async leaveRoom() {
    const room = this.current;
    if (room?.kind !== 'room') return;
    showError('room-error');
    try {
      await this.client.roomLeave(room.name);
    } catch (error) {
      showError('room-error', describeError(error));
      return;
    }
    this.left(room.name);
  }

  async deleteRoom() {
    const room = this.current;
    if (room?.kind !== 'room') return;
    showError('room-error');
    try {
      await this.client.roomDelete(room.name);
    } catch (error) {
      showError('room-error', describeError(error));
      return;
    }
    this.left(room.name);
    this.forget(room.name);
    this.render();
  }

  /** The direct-message box. @param {string} user */
  openDirect(user) {
    this.select(this.direct(user));
  }

  /** The send box: posts to the room or sends to the user shown. @param {string} text */
  async send(text) {
    const target = this.current;
    if (!target) return false;
    showError('send-error');
    try {
      if (target.kind === 'room') {
        await this.client.roomMessage(target.name, { textMessage: text });
      } else {
        const message = await this.client.directMessage(target.name, { textMessage: text });
        this.view.added(target, target.addMessage(message, true));
      }
    } catch (error) {
      showError('send-error', describeError(error));
      return false;
    }
    return true;
  }

  /** Shows a conversation. @param {Conversation | undefined} conversation */
  select(conversation) {
    this.current = conversation;
    if (conversation) conversation.unread = 0;
    showError('room-error');
    showError('send-error');
    this.view.show(conversation);
    this.render();
    this.save();
    if (conversation?.kind === 'room' && this.view.unfilled) void this.loadOlder();
  }

  /** Older history of the room shown, when scrolled to the top. */
  async loadOlder() {
    const room = this.current;
    if (room?.kind !== 'room' || room.historyComplete || this.loadingOlder || !this.joined.has(room.name)) return;
    const oldest = room.oldestId ?? room.lastMessageId + 1;
    const start = Math.max(room.firstRetained - 1, oldest - 1 - PAGE, 0);
    if (start >= oldest - 1) {
      room.historyComplete = true;
      renderHistoryStatus(this);
      return;
    }
    this.loadingOlder = true;
    byId('history-status').textContent = 'Loading older messages…';
    try {
      const messages = await this.client.roomHistoryGet(room.name, start, oldest - 1 - start);
      for (const message of messages) room.addMessage(message, message.author === this.me);
      if (start <= room.firstRetained - 1 || messages.length === 0) room.historyComplete = true;
      this.view.prepended(room);
    } catch (error) {
      this.loadingOlder = false;
      byId('history-status').textContent = describeError(error);
      return;
    }
    this.loadingOlder = false;
    renderHistoryStatus(this);
    if (this.current === room && this.view.unfilled) void this.loadOlder();
  }

  // --- state (used by notifications.js too) ---

  /** @param {string} name */
  room(name) {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = new Conversation('room', name)));
    return room;
  }

  /** @param {string} name */
  direct(name) {
    let direct = this.directs.get(name);
    if (!direct) this.directs.set(name, (direct = new Conversation('direct', name)));
    return direct;
  }

  /** Joins a room and learns its counters, owner and people. @param {string} name */
  async join(name) {
    await this.client.roomJoin(name);
    const room = this.room(name);
    this.joined.add(name);
    const [info, owner] = await Promise.all([this.client.roomHistoryInfo(name), this.client.roomGetOwner(name), this.loadUsers(name)]);
    room.lastMessageId = info.lastMessageId;
    room.firstRetained = Math.max(1, info.lastMessageId - info.historySize + 1);
    room.historyComplete = info.historySize === 0;
    this.owners.set(name, owner);
    this.render();
  }

  /** @param {string} name */
  async loadUsers(name) {
    this.users.set(name, new Set(await this.client.roomGetAccessList(name, 'userlist')));
    if (this.current?.name === name) this.render();
  }

  /** This page is no longer in the room. @param {string} name */
  left(name) {
    this.joined.delete(name);
    this.users.delete(name);
    this.rooms.get(name)?.reset();
    if (!this.config.rooms.includes(name)) this.rooms.delete(name);
    if (this.current?.kind === 'room' && this.current.name === name) {
      const next = [...this.joined][0];
      this.select(next ? this.rooms.get(next) : undefined);
    } else {
      this.render();
    }
  }

  /** @param {string} name */
  forget(name) {
    if (!this.config.rooms.includes(name) && !this.joined.has(name)) this.rooms.delete(name);
  }

  save() {
    sessionStorage.setItem(
      this.storageKey,
      JSON.stringify({ joined: [...this.joined], current: this.current?.kind === 'room' ? this.current.name : undefined }),
    );
  }

  /** A message for a conversation; counted as unread unless shown. */
  deliver(conversation, message) {
    const index = conversation.addMessage(message, message.author === this.me);
    if (index < 0) return;
    if (conversation !== this.current) {
      conversation.unread += 1;
      this.render();
    }
    this.view.added(conversation, index);
  }

  /** @param {Conversation | undefined} conversation @param {string} note */
  note(conversation, note) {
    if (conversation) this.view.added(conversation, conversation.addNote(note));
  }

  // --- notifications ---

  /** Redraws everything but the messages. */
  render() {
    renderChat(this);
  }
}
