/**
 * Checklist: directMessaging (1-6) and directPermissions (1-9).
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

const notAllowed = 'ChatServiceError: Action is not allowed';
const msg = { textMessage: 'Hi' };

/** Registers, over the harness, the tests of direct messages and of their whitelist/blacklist permissions. */
export function directBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('directMessaging', () => {
    it('delivers a direct message with author and timestamp', async () => {
      const s = await t.start({ enableDirectMessages: true });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      const [error, sent] = await c1.call('directMessage', 'user2', msg);
      expect(error).toBeNull();
      expect(sent).toMatchObject({ textMessage: 'Hi', author: 'user1', timestamp: expect.any(Number) as unknown });
      expect(sent).not.toHaveProperty('id');
      const [got] = await c2.next('directMessage');
      expect(got).toEqual(sent);
    });

    it('fails when the option is off, to self, and to offline or missing users', async () => {
      const off = await t.start();
      const a = await t.login(off, 'user1');
      await t.login(off, 'user2');
      expect(await a.call('directMessage', 'user2', msg)).toEqual([notAllowed, null]);
      const s = await t.start({ enableDirectMessages: true });
      const c1 = await t.login(s, 'user1');
      expect(await c1.call('directMessage', 'user1', msg)).toEqual([notAllowed, null]);
      const c2 = await t.login(s, 'user2');
      await c2.close();
      expect(await c1.call('directMessage', 'user2', msg)).toEqual(['ChatServiceError: No such user online user2', null]);
      expect(await c1.call('directMessage', 'nobody', msg)).toEqual(['ChatServiceError: No such user nobody', null]);
    });

    it("echoes to the sender's other sockets only", async () => {
      const s = await t.start({ enableDirectMessages: true });
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      await t.login(s, 'user2');
      const [, sent] = await a.call('directMessage', 'user2', msg);
      expect(await b.next('directMessageEcho')).toEqual(['user2', sent]);
      await a.expectNone('directMessageEcho');
    });

    it("systemMessage reaches the user's other sockets", async () => {
      const s = await t.start();
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      const data = { any: ['data', 1] };
      expect(await a.call('systemMessage', data)).toEqual([null, null]);
      expect(await b.next('systemMessage')).toEqual([data]);
      await a.expectNone('systemMessage');
    });
  });

  describe('directPermissions', () => {
    it("the recipient's blacklist blocks the sender", async () => {
      const s = await t.start({ enableDirectMessages: true });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      expect(await c2.call('directAddToList', 'blacklist', ['user1'])).toEqual([null, null]);
      expect(await c1.call('directMessage', 'user2', msg)).toEqual([notAllowed, null]);
    });

    it('whitelist mode admits only the whitelist', async () => {
      const s = await t.start({ enableDirectMessages: true });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c2.call('directAddToList', 'whitelist', ['user1']);
      await c2.call('directSetWhitelistMode', true);
      const [error, data] = await c1.call('directMessage', 'user2', msg);
      expect(error).toBeNull();
      expect((data as { textMessage: string }).textMessage).toBe('Hi');
      await c2.call('directRemoveFromList', 'whitelist', ['user1']);
      expect(await c1.call('directMessage', 'user2', msg)).toEqual([notAllowed, null]);
    });

    it('own lists: add, read, remove; duplicates and absent names are fine', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      expect(await c.call('directAddToList', 'blacklist', ['user2'])).toEqual([null, null]);
      expect(await c.call('directAddToList', 'blacklist', ['user2'])).toEqual([null, null]);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, ['user2']]);
      expect(await c.call('directRemoveFromList', 'blacklist', ['user2'])).toEqual([null, null]);
      expect(await c.call('directRemoveFromList', 'blacklist', ['user3'])).toEqual([null, null]);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
    });

    it('self and unknown lists are refused', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      expect(await c.call('directAddToList', 'blacklist', ['user1'])).toEqual([notAllowed, null]);
      expect(await c.call('directAddToList', 'nolist', ['user2'])).toEqual(['ChatServiceError: No such list nolist', null]);
      expect(await c.call('directGetAccessList', 'nolist')).toEqual(['ChatServiceError: No such list nolist', null]);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
    });

    it('whitelist mode can be set and read', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      expect(await c.call('directSetWhitelistMode', true)).toEqual([null, null]);
      expect(await c.call('directGetWhitelistMode')).toEqual([null, true]);
    });

    it('directListSizeLimit is enforced and leaves the list unchanged', async () => {
      const s = await t.start({ directListSizeLimit: 1 });
      const c = await t.login(s, 'user1');
      expect(await c.call('directAddToList', 'blacklist', ['user2', 'user3'])).toEqual(['ChatServiceError: Exceeded blacklist size limit', null]);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
    });
  });
}
