/**
 * The web chat when a user's connection is cut from the server's side: a TCP
 * proxy between that user's browser and the command drops the connection and
 * refuses new ones, while another user, connected directly, keeps going.
 * The SDK reconnects, rejoins and catches up; the page shows it was offline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '@chat-service/test-support/tcp-proxy';
import type { TcpProxy } from '@chat-service/test-support/tcp-proxy';
import { expectClean, launchBrowser, NPM_START_FLAGS, openChat, startCommand } from './harness.js';
import type { ChatPage, Command } from './harness.js';

let command: Command;
const commands: Command[] = [];
const tempDirs: string[] = [];
let browser: Browser;
const pages: ChatPage[] = [];
const proxies: TcpProxy[] = [];

async function chat(user: string, url = `http://127.0.0.1:${String(command.port)}/`): Promise<ChatPage> {
  const opened = await openChat(browser, url, user);
  pages.push(opened);
  return opened;
}

/** A user whose every connection (page, scripts, socket) goes through a proxy of its own. */
async function cuttableChat(user: string, port = command.port): Promise<{ proxy: TcpProxy; page: Page }> {
  const proxy = await startTcpProxy([port]);
  proxies.push(proxy);
  const { page } = await chat(user, `http://127.0.0.1:${String(proxy.port)}/`);
  return { proxy, page };
}

/** Sends from the page and waits until it shows there, i.e. the service stored it. */
async function send(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.click('#send-form button');
  await page.locator('#messages li.message', { hasText: text }).waitFor();
}

/** Waits for the page to show it is offline, then back online. */
async function expectOffline(page: Page): Promise<void> {
  await page.locator('#status[data-state="reconnecting"]').waitFor();
  await page.locator('#offline', { hasText: 'Offline' }).waitFor();
}

async function expectOnline(page: Page): Promise<void> {
  // socket.io-client's own backoff: up to 5 s (+50 %) between attempts
  await page.locator('#status[data-state="connected"]').waitFor({ timeout: 20_000 });
  await page.locator('#offline').waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  command = await startCommand(NPM_START_FLAGS);
  commands.push(command);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await browser?.close();
  for (const started of commands) started.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('web chat across a connection cut', { timeout: 60_000 }, () => {
  it('cut off while another user keeps sending: offline, then every missed message once and in order', async () => {
    const { page: hana } = await chat('hana');
    const { proxy, page: ivan } = await cuttableChat('ivan');
    await hana.locator('#users li', { hasText: 'ivan' }).waitFor();
    const say = (text: string): Promise<void> => send(hana, text);
    await say('before the cut');
    await ivan.locator('#messages li.message', { hasText: 'before the cut' }).waitFor();

    proxy.pause();
    await expectOffline(ivan);
    const missed = ['away 1', 'away 2', 'away 3', 'away 4', 'away 5'];
    for (const text of missed) await say(text);
    proxy.resume();

    await expectOnline(ivan);
    await say('after the cut');
    await ivan.locator('#messages li.message', { hasText: 'after the cut' }).waitFor();
    const texts = await ivan.locator('#messages li.message .text').allTextContents();
    expect(texts.slice(texts.indexOf('before the cut'))).toEqual(['before the cut', ...missed, 'after the cut']);
    const ids = await ivan
      .locator('#messages li.message')
      .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset['id'])));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    await hana.locator('#users li', { hasText: 'ivan' }).waitFor();
    expectClean(pages);
  });

  it('a room recreated while away: the page says so, then shows the new room only', async () => {
    const { page: kim } = await chat('kim');
    const { proxy, page: jack } = await cuttableChat('jack');
    await kim.fill('#create-name', 'pop');
    await kim.click('#create-form button');
    await kim.locator('#title', { hasText: '# pop' }).waitFor();
    await jack.fill('#join-name', 'pop');
    await jack.click('#join-form button');
    await jack.locator('#title', { hasText: '# pop' }).waitFor();
    for (const text of ['first life 1', 'first life 2']) await send(kim, text);
    await jack.locator('#messages li.message', { hasText: 'first life 2' }).waitFor();

    proxy.pause();
    await expectOffline(jack);
    await kim.click('#delete');
    await kim.locator('#rooms li[data-name="pop"]').waitFor({ state: 'detached' });
    await kim.fill('#create-name', 'pop');
    await kim.click('#create-form button');
    await kim.locator('#title', { hasText: '# pop' }).waitFor();
    // more messages than before, so ids alone cannot tell the two rooms apart
    const second = ['second life 1', 'second life 2', 'second life 3'];
    for (const text of second) await send(kim, text);
    proxy.resume();

    await expectOnline(jack);
    await jack.locator('#messages li.message', { hasText: 'second life 3' }).waitFor();
    expect(await jack.locator('#messages li.system', { hasText: 'This room was recreated while you were offline' }).count()).toBe(1);
    expect(await jack.locator('#messages li.message .text').allTextContents()).toEqual(second);
    expectClean(pages);
  });

  it('messages trimmed from the history while away: the page says so, then shows what the room kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-chat-'));
    tempDirs.push(dir);
    const config = join(dir, 'short-history.mjs');
    writeFileSync(config, 'export const options = { historyMaxSize: 3 };\n');
    const short = await startCommand([...NPM_START_FLAGS, '--config', config]);
    commands.push(short);
    const { page: lena } = await chat('lena', `http://127.0.0.1:${String(short.port)}/`);
    const { proxy, page: max } = await cuttableChat('max', short.port);
    await send(lena, 'kept before');
    await max.locator('#messages li.message', { hasText: 'kept before' }).waitFor();

    proxy.pause();
    await expectOffline(max);
    for (let i = 1; i <= 6; i += 1) await send(lena, `while away ${String(i)}`);
    proxy.resume();

    await expectOnline(max);
    await max.locator('#messages li.message', { hasText: 'while away 6' }).waitFor();
    const gap = max.locator('#messages li.system', { hasText: 'Some messages after #1 left the history while you were offline' });
    expect(await gap.count()).toBe(1);
    const shown = await max.locator('#messages li.message .text, #messages li.system').allTextContents();
    expect(shown.filter((text) => !text.endsWith(' joined') && !text.endsWith(' left'))).toEqual([
      'kept before',
      await gap.textContent(),
      'while away 4',
      'while away 5',
      'while away 6',
    ]);
    expectClean(pages);
  });
});
