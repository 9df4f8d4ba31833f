/**
 * The web chat as the `chat-service` command serves it (`npm start`'s flags),
 * driven in headless Chromium by two users in two browser contexts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketIOClient } from '@chat-service/client';
import type { ChatClient } from '@chat-service/client';
import { expectClean, launchBrowser, NPM_START_FLAGS, openChat, overflowsHorizontally, startCommand } from './harness.js';
import type { ChatPage, Command } from './harness.js';

const SCREENSHOT = fileURLToPath(new URL('../../../docs/images/web-chat.png', import.meta.url));

let command: Command;
let browser: Browser;
let url = '';
const pages: ChatPage[] = [];
const clients: ChatClient[] = [];
const commands: Command[] = [];
const tempDirs: string[] = [];

async function chat(user: string, viewport?: { width: number; height: number }): Promise<ChatPage> {
  const opened = await openChat(browser, url, user, viewport);
  pages.push(opened);
  return opened;
}

/** A user of the SDK in Node.js, to post from outside the browser. */
async function sdkUser(user: string): Promise<ChatClient> {
  const client = createSocketIOClient(io(`${url}chat-service`, { query: { user }, transports: ['websocket'] }));
  clients.push(client);
  await client.login();
  return client;
}

/** Every page logged no CSP violation and threw nothing. */
function expectCleanConsoles(): void {
  expectClean(pages);
}

beforeAll(async () => {
  command = await startCommand(NPM_START_FLAGS);
  url = `http://127.0.0.1:${command.port}/`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await browser?.close();
  command?.stop();
  for (const started of commands) started.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A config whose `roomMessageAfter` holds the ack of the message "hold" until
 * someone sends "release": the sender sees its message (the notification) long
 * before its send completes.
 */
const HELD_ACK_CONFIG = `let release;
export const hooks = {
  roomMessageAfter(execInfo) {
    const text = execInfo.args[1].textMessage;
    if (text === 'release') release?.();
    if (text === 'hold') return new Promise((resolve) => { release = () => resolve(undefined); });
    return undefined;
  },
};
`;

describe('web chat', { timeout: 60_000 }, () => {
  it('serves the page with a policy that allows its own files only', async () => {
    const response = await fetch(url);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\son[a-z]+=|style=/i);
    expect(await (await fetch(`${url}config.json`)).json()).toEqual({
      namespace: '/chat-service',
      rooms: ['default'],
      roomsManagement: true,
      directMessages: true,
    });
    const client = await fetch(`${url}lib/chat-service-client.js`);
    expect(client.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await client.text()).toContain('createSocketIOClient');
    expect((await fetch(`${url}..%2Fpackage.json`)).status).toBe(404);
  });

  it('two users chat both ways, see who is in the room, and message each other directly', async () => {
    const alice = await chat('alice');
    const bob = await chat('bob');
    await alice.page.locator('#users li', { hasText: 'bob' }).waitFor();
    await bob.page.locator('#users li', { hasText: 'alice' }).waitFor();

    await alice.page.fill('#text', 'hello <b>bob</b>');
    await alice.page.click('#send-form button');
    const fromAlice = bob.page.locator('#messages li.message', { hasText: 'hello <b>bob</b>' });
    await fromAlice.waitFor();
    expect(await fromAlice.locator('.author').textContent()).toBe('alice');
    expect(await fromAlice.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await bob.page.locator('#messages b').count()).toBe(0);
    await bob.page.fill('#text', 'hi alice');
    await bob.page.press('#text', 'Enter');
    await alice.page.locator('#messages li.message', { hasText: 'hi alice' }).locator('.author', { hasText: 'bob' }).waitFor();

    await bob.page.fill('#direct-name', 'alice');
    await bob.page.click('#direct-form button');
    await bob.page.locator('#title', { hasText: '@ alice' }).waitFor();
    await bob.page.fill('#text', 'psst, just you');
    await bob.page.click('#send-form button');
    await bob.page.locator('#messages li.message.mine', { hasText: 'psst, just you' }).waitFor();
    const unread = alice.page.locator('#directs li[data-name="bob"] .badge', { hasText: '1' });
    await unread.waitFor();
    await alice.page.click('#directs li[data-name="bob"] button');
    await alice.page.locator('#messages li.message', { hasText: 'psst, just you' }).waitFor();
    expect(await alice.page.locator('#messages li.message', { hasText: 'hello <b>bob</b>' }).count()).toBe(0);
    await alice.page.click('#rooms li[data-name="default"] button');
    await alice.page.locator('#messages li.message', { hasText: 'hi alice' }).waitFor();
    await alice.page.screenshot({ path: (mkdirSync(new URL('.', `file://${SCREENSHOT}`), { recursive: true }), SCREENSHOT) });

    const carol = await chat('carol');
    await alice.page.locator('#users li', { hasText: 'carol' }).waitFor();
    await carol.context.close();
    await alice.page.locator('#messages li.system', { hasText: 'carol left' }).waitFor();
    expect(await alice.page.locator('#users li', { hasText: 'carol' }).count()).toBe(0);
    expectCleanConsoles();
  });

  it('a 500-character unbroken message and a phone-width screen do not widen the page', async () => {
    const alice = await chat('alice-long');
    const phone = await chat('paul', { width: 390, height: 844 });
    const long = 'x'.repeat(500);
    await alice.page.fill('#text', long);
    await alice.page.click('#send-form button');
    await phone.page.locator('#messages li.message', { hasText: long }).waitFor();
    await alice.page.locator('#messages li.message', { hasText: long }).waitFor();
    expect(await overflowsHorizontally(alice.page)).toBe(false);
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    const send = await phone.page.locator('#send-form button').boundingBox();
    expect(send && send.x + send.width).toBeLessThanOrEqual(390);
    expect(await phone.page.locator('#sidebar').isVisible()).toBe(false);
    await phone.page.click('#toggle-sidebar');
    await phone.page.locator('#rooms li[data-name="default"]').waitFor();
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    await phone.page.click('#rooms li[data-name="default"] button');
    await phone.page.locator('#sidebar').waitFor({ state: 'hidden' });
    expectCleanConsoles();
  });

  it('says what went wrong beside the join box and stays in the room', async () => {
    const { page } = await chat('dora');
    await page.fill('#join-name', 'lobby');
    await page.click('#join-form button');
    await page.locator('#join-error', { hasText: 'There is no room named “lobby”.' }).waitFor();
    expect(await page.locator('#title').textContent()).toBe('# default');
    await page.fill('#create-name', 'bad:name');
    await page.click('#create-form button');
    await page.locator('#create-error', { hasText: '“bad:name” cannot be used' }).waitFor();
    await page.fill('#create-name', 'default');
    await page.click('#create-form button');
    await page.locator('#create-error', { hasText: 'A room named “default” already exists.' }).waitFor();
    await page.fill('#direct-name', 'nobody-here');
    await page.click('#direct-form button');
    await page.fill('#text', 'anyone?');
    await page.click('#send-form button');
    await page
      .locator('#send-error', { hasText: /There is no user named “nobody-here”\.|nobody-here is not online right now\./ })
      .waitFor();
    expect(await page.locator('body').textContent()).not.toContain('ChatServiceError');
    expectCleanConsoles();
  });

  it('creates a room others can join, and deletes it', async () => {
    const erin = await chat('erin');
    const fred = await chat('fred');
    await erin.page.fill('#create-name', 'team');
    await erin.page.click('#create-form button');
    await erin.page.locator('#title', { hasText: '# team' }).waitFor();
    await fred.page.fill('#join-name', 'team');
    await fred.page.click('#join-form button');
    await fred.page.locator('#title', { hasText: '# team' }).waitFor();
    await erin.page.locator('#users li', { hasText: 'fred' }).waitFor();
    await fred.page.fill('#text', 'in the team room');
    await fred.page.click('#send-form button');
    await erin.page.locator('#messages li.message', { hasText: 'in the team room' }).waitFor();
    expect(await fred.page.locator('#delete').isVisible()).toBe(false);
    await fred.page.click('#leave');
    await fred.page.locator('#title', { hasText: '# default' }).waitFor();
    await fred.page.locator('#rooms li[data-name="team"]').waitFor({ state: 'detached' });
    await erin.page.locator('#messages li.system', { hasText: 'fred left' }).waitFor();
    expect(await erin.page.locator('#users li', { hasText: 'fred' }).count()).toBe(0);
    await fred.page.fill('#join-name', 'team');
    await fred.page.click('#join-form button');
    await fred.page.locator('#title', { hasText: '# team' }).waitFor();
    await erin.page.click('#delete');
    await erin.page.locator('#rooms li[data-name="team"]').waitFor({ state: 'detached' });
    await fred.page.locator('#rooms li[data-name="team"]').waitFor({ state: 'detached' });
    await fred.page.locator('#join-error', { hasText: 'You are no longer in “team”' }).waitFor();
    expect(await fred.page.locator('#title').textContent()).toBe('# default');
    expectCleanConsoles();
  });

  it('shows the history after a reload, and older messages when scrolled to the top', async () => {
    const poster = await sdkUser('archivist');
    await poster.roomCreate('archive', false);
    await poster.roomJoin('archive');
    for (let i = 1; i <= 45; i += 1) await poster.roomMessage('archive', { textMessage: `old ${String(i)}` });
    const { page } = await chat('gina');
    await page.fill('#join-name', 'archive');
    await page.click('#join-form button');
    const first = page.locator('#messages li.message[data-id="1"]');
    await page.locator('#messages li.message[data-id="45"]', { hasText: 'old 45' }).waitFor();
    expect(await first.count()).toBe(0);

    await page.reload();
    await page.locator('#title', { hasText: '# archive' }).waitFor();
    await page.locator('#messages li.message[data-id="45"]').waitFor();
    expect(await first.count()).toBe(0);
    await page.locator('#messages').evaluate((list) => list.scrollTo(0, 0));
    await first.waitFor();
    const ids = await page
      .locator('#messages li.message')
      .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset['id'])));
    expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    await page.locator('#history-status', { hasText: 'This is the beginning of # archive.' }).waitFor();

    // another tab of the same user learns the room from listOwnSockets and joins it too
    const { page: other } = await chat('gina');
    await other.locator('#rooms li.joined[data-name="archive"]').waitFor();
    expectCleanConsoles();
  });

  it('keeps what was typed while the previous message still waited for its reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-chat-'));
    tempDirs.push(dir);
    const config = join(dir, 'held-ack.mjs');
    writeFileSync(config, HELD_ACK_CONFIG);
    const held = await startCommand([...NPM_START_FLAGS, '--config', config]);
    commands.push(held);
    const heldUrl = `http://127.0.0.1:${String(held.port)}/`;
    const tess = await openChat(browser, heldUrl, 'tess');
    const uma = await openChat(browser, heldUrl, 'uma');
    pages.push(tess, uma);
    const { page } = tess;
    const { page: other } = uma;
    await page.fill('#text', 'hold');
    await page.click('#send-form button');
    await page.locator('#messages li.message', { hasText: 'hold' }).waitFor();
    expect(await page.locator('#send-form button').isDisabled()).toBe(true);
    await page.fill('#text', 'typed meanwhile');
    await other.fill('#text', 'release');
    await other.click('#send-form button');
    await page.locator('#messages li.message', { hasText: 'release' }).waitFor();
    await page.locator('#send-form button:enabled').waitFor();
    expect(await page.inputValue('#text')).toBe('typed meanwhile');
    expectCleanConsoles();
  });
});
