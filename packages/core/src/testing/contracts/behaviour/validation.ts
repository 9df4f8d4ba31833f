/**
 * Behaviour: argument validation of every command (arity, types, names, sizes).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { BehaviourHarness } from './harness.js';
import { rejection, useHarness } from './harness.js';

const room = 'room1';

/** Registers, over the harness, the tests of argument validation of every command (arity, types, names, sizes). */
export function validationBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('validation', () => {
    it('useRawErrorObjects sends error objects', async () => {
      const s = await t.start({ useRawErrorObjects: true });
      const c = await t.login(s, 'user1');
      const [error, data] = await c.call('roomGetAccessList', room, 'nolist');
      expect(error).toEqual({ name: 'ChatServiceError', code: 'noRoom', args: [room] });
      expect(data).toBeNull();
    });

    it('wrong arity and types are refused with 0-based positions, state unchanged', async () => {
      const s = await t.start({ enableRoomsManagement: true });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', null, false)).toEqual(['ChatServiceError: Bad argument at position 0, value null', null]);
      expect(await c.call('roomCreate')).toEqual(['ChatServiceError: Expected 2 arguments, got 0', null]);
      expect(await c.call('roomCreate', 'r', 'yes')).toEqual(['ChatServiceError: Bad argument at position 1, value "yes"', null]);
      expect(await c.call('directAddToList', 'blacklist', ['a', 2])).toEqual([
        'ChatServiceError: Bad argument at position 1, value ["a",2]',
        null,
      ]);
      expect(await c.call('roomHistoryGet', 'r', -1, 10)).toEqual(['ChatServiceError: Bad argument at position 1, value -1', null]);
      expect(await c.call('roomHistoryGet', 'r', 0, 0)).toEqual(['ChatServiceError: Bad argument at position 2, value 0', null]);
      expect(await c.call('roomMessage', 'r', { textMessage: 'x', author: 'me' })).toEqual([
        'ChatServiceError: Bad argument at position 1, value {"textMessage":"x","author":"me"}',
        null,
      ]);
      expect(await s.service.hasRoom('r')).toBe(false);
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
    });

    it('checkArguments validates without running', async () => {
      const s = await t.start();
      await expect(s.service.checkArguments('roomGetAccessList', room, 'userlist')).resolves.toBeUndefined();
      expect((await rejection(s.service.checkArguments('cmd'))).code).toBe('noCommand');
      expect((await rejection(s.service.validator.checkArguments('roomGetAccessList', room))).code).toBe('wrongArgumentsCount');
      expect((await rejection(s.service.checkArguments('roomGetAccessList', room, 'userlist', 'extra'))).code).toBe('wrongArgumentsCount');
    });

    it('maxMessageSize refuses larger room and direct messages, nothing stored', async () => {
      const s = await t.start({ maxMessageSize: 1000, enableDirectMessages: true });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await t.login(s, 'user2');
      await c.call('roomJoin', room);
      const [error, data] = await c.call('roomMessage', room, { textMessage: 'x'.repeat(2000) });
      expect(String(error)).toMatch(/^ChatServiceError: Message of \d+ bytes exceeds the limit of 1000 bytes$/);
      expect(data).toBeNull();
      expect((await c.call('directMessage', 'user2', { textMessage: 'y'.repeat(2000) }))[0]).toMatch(/exceeds the limit/);
      expect(await c.call('roomMessage', room, { textMessage: 'small' })).toEqual([null, 1]);
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ lastMessageId: 1, historySize: 1 });
    });

    it('rateLimit bounds commands per socket and recovers after the interval', async () => {
      const s = await t.start({ rateLimit: { commands: 5, intervalMs: 500 } });
      const c = await t.login(s, 'user1');
      const other = await t.login(s, 'user1');
      const replies = await Promise.all(Array.from({ length: 8 }, () => c.call('directGetWhitelistMode')));
      const limited = replies.filter(([e]) => e !== null);
      expect(replies.filter(([e]) => e === null)).toHaveLength(5);
      expect(limited).toHaveLength(3);
      expect(String(limited[0]?.[0])).toMatch(/^ChatServiceError: Too many commands, retry in \d+ ms$/);
      expect(await other.call('directGetWhitelistMode')).toEqual([null, false]);
      await new Promise((r) => setTimeout(r, 300));
      expect(await c.call('directGetWhitelistMode')).toEqual([null, false]);
    });

    it('unknown commands from clients get no answer and no crash', async () => {
      const s = await t.start();
      const c = await t.login(s, 'user1');
      c.emit('noSuchCommand', 1, 2);
      c.emit('__proto__');
      expect(await c.call('directGetWhitelistMode')).toEqual([null, false]);
    });
  });
}
