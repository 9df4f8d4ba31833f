/**
 * Contract: locks with tokens and a time to live.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { StoreContractSetup } from './context.js';
import { eventually, isUnsupported, randomName, TRICKY_NAMES, useHandles } from './context.js';

const LONG_TTL = 60_000;

/**
 * Registers the lock tests.
 *
 * @param setup - the adapter's setup
 */
export function describeLocks(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'locks'))('locks', () => {
    const { open } = useHandles(setup);

    it('lockAcquire returns a token; a held lock gives null', async () => {
      const store = await open();
      const resource = randomName('lock');
      const token = await store.lockAcquire(resource, LONG_TTL);
      expect(typeof token).toBe('string');
      expect(token).not.toBe('');
      expect(await store.lockAcquire(resource, LONG_TTL)).toBeNull();
      expect(await store.lockAcquire(randomName('lock'), LONG_TTL)).toEqual(expect.any(String));
    });

    it('lockRelease with the token frees the lock; a new holder gets a new token', async () => {
      const store = await open();
      const resource = randomName('lock');
      const first = await store.lockAcquire(resource, LONG_TTL);
      if (first === null) throw new Error('lock not acquired');
      await store.lockRelease(resource, first);
      const second = await store.lockAcquire(resource, LONG_TTL);
      expect(second).toEqual(expect.any(String));
      expect(second).not.toBe(first);
    });

    it('lockRelease with a wrong or stale token keeps the lock', async () => {
      const store = await open();
      const resource = randomName('lock');
      const first = await store.lockAcquire(resource, LONG_TTL);
      if (first === null) throw new Error('lock not acquired');
      await store.lockRelease(resource, 'not-the-token');
      expect(await store.lockAcquire(resource, LONG_TTL)).toBeNull();
      await store.lockRelease(resource, first);
      const second = await store.lockAcquire(resource, LONG_TTL);
      if (second === null) throw new Error('lock not acquired');
      // the first holder's token must not free the second holder's lock
      await store.lockRelease(resource, first);
      expect(await store.lockAcquire(resource, LONG_TTL)).toBeNull();
      await store.lockRelease(resource, second);
    });

    it('lockRelease of a free resource, and a double release, resolve', async () => {
      const store = await open();
      const resource = randomName('lock');
      await expect(store.lockRelease(resource, 'token')).resolves.toBeUndefined();
      const token = await store.lockAcquire(resource, LONG_TTL);
      if (token === null) throw new Error('lock not acquired');
      await store.lockRelease(resource, token);
      await expect(store.lockRelease(resource, token)).resolves.toBeUndefined();
    });

    it('a lock expires after its ttl, and the expired token cannot free the next holder', async () => {
      const store = await open();
      const resource = randomName('lock');
      const first = await store.lockAcquire(resource, 100);
      if (first === null) throw new Error('lock not acquired');
      const second = await eventually(async () => {
        const token = await store.lockAcquire(resource, LONG_TTL);
        expect(token).not.toBeNull();
        return token;
      });
      expect(second).not.toBe(first);
      await store.lockRelease(resource, first);
      expect(await store.lockAcquire(resource, LONG_TTL)).toBeNull();
    });

    it('two handles share locks', async () => {
      const [a, b] = [await open(), await open()];
      const resource = randomName('lock');
      const token = await a.lockAcquire(resource, LONG_TTL);
      if (token === null) throw new Error('lock not acquired');
      expect(await b.lockAcquire(resource, LONG_TTL)).toBeNull();
      await b.lockRelease(resource, token);
      expect(await a.lockAcquire(resource, LONG_TTL)).toEqual(expect.any(String));
    });

    it('__proto__, constructor and other Object.prototype names are ordinary resources', async () => {
      const store = await open();
      const held: [string, string][] = [];
      try {
        for (const name of TRICKY_NAMES) {
          // a short ttl, so a run that stopped half-way on a shared Redis does not block the next one for long
          const token = await store.lockAcquire(name, 2_000);
          expect(token, name).toEqual(expect.any(String));
          if (token !== null) held.push([name, token]);
        }
        for (const name of TRICKY_NAMES) expect(await store.lockAcquire(name, 2_000), name).toBeNull();
      } finally {
        for (const [name, token] of held) await store.lockRelease(name, token);
      }
    });
  });
}
