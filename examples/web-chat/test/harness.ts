/**
 * What the web chat tests drive: the built `chat-service` command on a free
 * port, Debian's headless Chromium and a logged-in page per user.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

const CLI = fileURLToPath(new URL('../../../packages/server/dist/cli.js', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The flags of `npm start`. */
export const NPM_START_FLAGS = ['--auth', 'dev', '--rooms', 'default', '--rooms-management', '--direct-messages', '--userlist-updates'];

/** The command, running. */
export interface Command {
  port: number;
  stop(): void;
}

/** Starts the built command with these flags on a free port; resolves once it listens. */
export function startCommand(args: string[]): Promise<Command> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, '--port', '0', ...args]);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) {
        if (line.includes('"chat-service listening"'))
          resolve({ port: (JSON.parse(line) as { port: number }).port, stop: () => child.kill('SIGTERM') });
      }
    });
    child.once('exit', (code) => reject(new Error(`chat-service exited with ${String(code)}: ${buffer}`)));
  });
}

/** A fresh headless Chromium (playwright gives each launch an empty profile of its own). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** A page and what it reported: uncaught errors and console errors (CSP violations among them). */
export interface ChatPage {
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  consoleErrors: string[];
}

/** Opens the chat in a context of its own and logs in as `user`. */
export async function openChat(browser: Browser, url: string, user: string, viewport = { width: 1280, height: 720 }): Promise<ChatPage> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const opened: ChatPage = { page, context, pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  await page.goto(url);
  await page.fill('#login-name', user);
  await page.click('#login-form button');
  await page.locator('#status[data-state="connected"]').waitFor();
  if ((await page.locator('#me').textContent()) !== user)
    throw new Error(`logged in as ${String(await page.locator('#me').textContent())}, not ${user}`);
  return opened;
}

/** Whether the page is wider than its viewport (horizontal overflow). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.documentElement.scrollWidth > document.documentElement.clientWidth || document.body.scrollWidth > document.body.clientWidth,
  );
}

/** No page threw, and none logged a Content-Security-Policy violation. */
export function expectClean(pages: readonly ChatPage[]): void {
  for (const { pageErrors, consoleErrors } of pages) {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }
}
