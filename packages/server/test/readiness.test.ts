/**
 * The readiness probe behind `/readyz`: ready while the store answers (a
 * PING on a real Redis that the test kills and restarts on the same port)
 * and the service is not closing.
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startRedisServer } from '@chat-service/test-support/redis-servers';
import { ChatService, createReadiness } from '../src/index.js';

function service(options: ConstructorParameters<typeof ChatService>[0]): ChatService {
  const s = new ChatService({ port: 0, ...options });
  onTestFinished(() => s.close());
  return s;
}

describe('createReadiness', () => {
  it('on Redis: ready, not ready within the timeout while Redis is down, ready again once it is back', async () => {
    const redis = await startRedisServer();
    onTestFinished(() => redis.stop());
    const chat = service({ state: 'redis', stateOptions: { url: redis.url, prefix: `ready${String(Date.now())}` } });
    await chat.whenReady();
    const readiness = createReadiness(chat, 300);
    expect(await readiness.check()).toEqual({ ready: true });

    await redis.kill();
    const started = Date.now();
    const down = await readiness.check();
    expect(down.ready).toBe(false);
    expect(down.reason).toMatch(/^store unavailable: /);
    expect(Date.now() - started).toBeLessThan(2000);

    const restarted = await startRedisServer({ port: redis.port });
    onTestFinished(() => restarted.stop());
    await vi.waitFor(
      async () => {
        expect(await readiness.check()).toEqual({ ready: true });
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('is not ready once shutdown begins, nor after close', async () => {
    const chat = service({});
    await chat.whenReady();
    const readiness = createReadiness(chat);
    expect(await readiness.check()).toEqual({ ready: true });
    readiness.markClosing();
    expect(await readiness.check()).toEqual({ ready: false, reason: 'closing' });
    const other = createReadiness(chat);
    await chat.close();
    expect(await other.check()).toEqual({ ready: false, reason: 'closing' });
  });
});
