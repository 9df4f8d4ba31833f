/**
 * The cluster example run as a user would: `start.mjs` (on the test's Redis)
 * starts three real `chat-service` processes and the balancer; clients and a
 * real browser connect through the balancer only and land on different
 * instances, yet share one chat.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestClient } from '@chat-service/core/testing';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { closeAllClients, connectSocketIO } from '@chat-service/test-support/socketio-client';
import { closeAllWsClients, connectWs } from '@chat-service/test-support/ws-client';
import type {} from '@chat-service/test-support/global-setup';

const START = fileURLToPath(new URL('../start.mjs', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface Started {
  balancer: number;
  instances: { port: number; instanceUID: string }[];
}

let child: ChildProcess;
let started: Started;
let browser: Browser | undefined;

beforeAll(async () => {
  const env = { ...process.env, REDIS_URL: inject('redisUrl'), PORT: '0', PREFIX: `cluster${Math.random().toString(36).slice(2, 8)}` };
  child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started = await new Promise<Started>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`start.mjs exited with ${String(code)}`)));
    createInterface({ input: child.stdout ?? process.stdin }).once('line', (line) => resolve(JSON.parse(line) as Started));
  });
}, 60_000);

afterAll(async () => {
  await closeAllClients();
  await closeAllWsClients();
  await browser?.close();
  child.kill('SIGTERM');
});

async function connectedSockets(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
  return Number(/^chat_service_connected_sockets (\d+)$/m.exec(text)?.[1]);
}

describe('cluster example', () => {
  it('clients connected through the balancer spread over the three instances and share the room', async () => {
    expect(started.instances).toHaveLength(3);
    const base = `127.0.0.1:${String(started.balancer)}`;
    const clients: TestClient[] = [];
    for (let i = 0; i < 6; i++) {
      const user = `user${String(i)}`;
      const { client, login } = i % 2 === 0 ? await connectSocketIO(`http://${base}`, user) : await connectWs(`ws://${base}/chat-service`, user);
      expect(login[0]).toBe('loginConfirmed');
      clients.push(client);
    }
    expect(await Promise.all(started.instances.map(({ port }) => connectedSockets(port)))).toEqual([2, 2, 2]);
    for (const client of clients) expect((await client.call('roomJoin', 'default'))[0]).toBeNull();
    const acks = await Promise.all(clients.map((client, i) => client.call('roomMessage', 'default', { textMessage: `from ${String(i)}` })));
    expect(acks.map(([error]) => error)).toEqual(clients.map(() => null));
    for (const client of clients) {
      const texts: string[] = [];
      while (texts.length < clients.length) {
        const [room, message] = await client.next('roomMessage');
        if (room === 'default') texts.push((message as { textMessage: string }).textMessage);
      }
      expect(texts.sort()).toEqual(clients.map((_, i) => `from ${String(i)}`).sort());
    }
    await Promise.all(clients.map((client) => client.close()));
  });

  it('two browser tabs on the balancer land on different instances and chat', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const errors: string[] = [];
    const counts = (): Promise<number[]> => Promise.all(started.instances.map(({ port }) => connectedSockets(port)));
    await vi.waitFor(async () => {
      expect(await counts()).toEqual([0, 0, 0]);
    });
    /** Opens a tab, logs in, and returns it with the index of the instance its socket landed on. */
    const open = async (name: string, before: number[]): Promise<[Page, number]> => {
      const page = await browser!.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${String(started.balancer)}/`);
      await page.fill('#login-name', name);
      await page.click('#login-form button');
      await page.locator('#status[data-state="connected"]').waitFor();
      await page.locator('#me', { hasText: name }).waitFor();
      const after = await vi.waitFor(async () => {
        const now = await counts();
        expect(now.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) + 1);
        return now;
      });
      return [page, after.findIndex((n, i) => n > (before[i] ?? 0))];
    };
    // The balancer gives consecutive sockets consecutive instances, whatever the page's own HTTP connections.
    const [alice, aliceOn] = await open('alice', [0, 0, 0]);
    const [bob, bobOn] = await open('bob', await counts());
    expect(aliceOn).toBeGreaterThanOrEqual(0);
    expect(bobOn).toBeGreaterThanOrEqual(0);
    expect(bobOn).not.toBe(aliceOn);
    await alice.locator('#users li', { hasText: 'bob' }).waitFor();
    await alice.fill('#text', 'hello across instances');
    await alice.click('#send-form button');
    await bob.locator('#messages li', { hasText: 'hello across instances' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
