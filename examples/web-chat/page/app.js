/**
 * The page's entry: reads what the command was started with (/config.json),
 * logs in over socket.io through `@chat-service/client`, then hands over to
 * the chat. Both libraries are served by the `chat-service` command itself.
 */
import { io } from '/socket.io/socket.io.esm.min.js';
import { createSocketIOClient } from '/lib/chat-service-client.js';
import { Chat } from './chat.js';
import { byId, onSubmit, showError } from './dom.js';
import { describeError } from './errors.js';

const NAME_KEY = 'chat-service:user';

/** @returns {Promise<import('./chat.js').PageConfig>} */
async function loadConfig() {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`the page's configuration could not be loaded (HTTP ${response.status})`);
  return response.json();
}

/**
 * @param {import('./chat.js').PageConfig} config
 * @param {string} name
 */
async function logIn(config, name) {
  showError('login-error');
  if (!name) {
    showError('login-error', 'Enter a name to log in.');
    return;
  }
  const socket = io(config.namespace, { query: { user: name }, transports: ['websocket'] });
  const client = createSocketIOClient(socket);
  let userName;
  try {
    ({ userName } = await client.login());
  } catch (error) {
    await client.close();
    sessionStorage.removeItem(NAME_KEY);
    showError('login-error', describeError(error));
    return;
  }
  sessionStorage.setItem(NAME_KEY, userName);
  byId('login-view').hidden = true;
  byId('app').hidden = false;
  byId('me').textContent = userName;
  const chat = new Chat(client, userName, config);
  wire(chat, client);
  await chat.start();
}

/**
 * The forms and buttons of the app.
 * @param {Chat} chat
 * @param {{ close(): Promise<void> }} client
 */
function wire(chat, client) {
  const app = byId('app');
  const toggle = byId('toggle-sidebar');
  const closeSidebar = () => {
    app.classList.remove('sidebar-open');
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => {
    const open = app.classList.toggle('sidebar-open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  // capture: a pick re-renders the list, detaching the button before the event bubbles up
  byId('sidebar').addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.closest('.list button')) closeSidebar();
    },
    true,
  );
  /**
   * Empties an input after its action succeeded, unless the user typed
   * something else meanwhile (a reply can come after the next keystrokes).
   * @param {HTMLInputElement} input
   * @param {string} sent - the value that was submitted
   */
  const clearIfUnchanged = (input, sent) => {
    if (input.value === sent) input.value = '';
  };
  /** A one-field form: trimmed value, cleared on success. */
  const field = (formId, inputId, action) =>
    onSubmit(formId, async () => {
      const input = /** @type {HTMLInputElement} */ (byId(inputId));
      const typed = input.value;
      const value = typed.trim();
      if (!value) return;
      if ((await action(value)) !== false) {
        clearIfUnchanged(input, typed);
        closeSidebar();
      }
    });
  field('join-form', 'join-name', (name) => chat.joinRoom(name));
  field('create-form', 'create-name', (name) => chat.createRoom(name));
  field('direct-form', 'direct-name', (name) => chat.openDirect(name));
  onSubmit('send-form', async () => {
    const input = /** @type {HTMLInputElement} */ (byId('text'));
    const text = input.value;
    if (!text.trim()) return;
    if (await chat.send(text)) clearIfUnchanged(input, text);
    input.focus();
  });
  byId('leave').addEventListener('click', () => void chat.leaveRoom());
  byId('delete').addEventListener('click', () => void chat.deleteRoom());
  byId('logout').addEventListener('click', async () => {
    sessionStorage.clear();
    await client.close();
    location.reload();
  });
}

async function main() {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    showError('login-error', describeError(error));
    return;
  }
  onSubmit('login-form', () => logIn(config, /** @type {HTMLInputElement} */ (byId('login-name')).value.trim()));
  const remembered = sessionStorage.getItem(NAME_KEY);
  if (remembered) {
    /** @type {HTMLInputElement} */ (byId('login-name')).value = remembered;
    await logIn(config, remembered);
  }
}

void main();
