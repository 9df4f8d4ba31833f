/**
 * The development chat page of the command-line server, driven in a real
 * headless Chromium (Debian's /usr/bin/chromium; `.ci/run` installs it).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let child: ChildProcessWithoutNullStreams;
let port = 0;
let browser: Browser;

function startCli(args: string[]): Promise<number> {
  child = spawn(process.execPath, [CLI, '--port', '0', ...args]);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) {
        if (line.includes('"chat-service listening"')) resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${String(code)}`)));
  });
}

beforeAll(async () => {
  port = await startCli(['--auth', 'dev', '--rooms', 'default', '--userlist-updates']);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a fresh, empty profile directory of its own
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
});

describe('development chat page', () => {
  it('two people chat in the default room and see each other arrive', async () => {
    const alice = await browser.newPage();
    const bob = await browser.newPage();
    const errors: string[] = [];
    for (const page of [alice, bob]) page.on('pageerror', (e) => errors.push(e.message));
    await alice.goto(`http://127.0.0.1:${port}/`);
    await alice.fill('#name', 'alice');
    await alice.click('#login button');
    await alice.locator('#me', { hasText: 'alice' }).waitFor();
    await alice.locator('#users li', { hasText: 'alice' }).waitFor();

    await bob.goto(`http://127.0.0.1:${port}/`);
    await bob.fill('#name', 'bob');
    await bob.click('#login button');
    await bob.locator('#users li', { hasText: 'alice' }).waitFor();
    await alice.locator('#users li', { hasText: 'bob' }).waitFor();

    await alice.fill('#text', 'hello <b>bob</b>');
    await alice.click('#send button');
    const received = bob.locator('#messages li[data-id="1"]');
    await received.waitFor();
    expect(await received.textContent()).toBe('alicehello <b>bob</b>');
    expect(await bob.locator('#messages b').count()).toBe(0);

    await bob.close();
    await alice.locator('#messages li.system', { hasText: 'bob left' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a bad name is refused on the page', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.fill('#name', 'bad:name');
    await page.click('#login button');
    await page.locator('#error', { hasText: 'contains invalid characters' }).waitFor();
    await page.close();
  });
});
