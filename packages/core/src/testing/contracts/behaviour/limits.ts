/**
 * The limits that are on by default (docs/limits.md): each refused with its
 * code before the store changes, and each test fails when its limit is removed.
 */
import { describe, expect, it } from 'vitest';
import { ChatServiceError } from '../../../errors.js';
import type { TestClient } from '../../test-client.js';
import type { BehaviourHarness } from './harness.js';
import { useHarness, waitUntil } from './harness.js';

const room = 'room1';
const raw = { useRawErrorObjects: true };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(ChatServiceError.is(error)).toBe(true);
    return (error as ChatServiceError).code;
  }
  return 'resolved';
}

function code(reply: unknown[]): unknown {
  return (reply[0] as { code?: unknown } | null)?.code ?? null;
}

/** Registers, over the harness, the tests of the limits that are on by default, each refused before the store changes. */
export function limitsBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('limits on by default', () => {
    it('a room or direct message over 64 KiB is refused with messageTooLarge and not stored; maxMessageSize false lets it through', async () => {
      const s = await t.start({ ...raw, enableDirectMessages: true });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await t.login(s, 'user2');
      await c.call('roomJoin', room);
      const big = { textMessage: 'x'.repeat(70 * 1024) };
      expect(code(await c.call('roomMessage', room, big))).toBe('messageTooLarge');
      expect(code(await c.call('directMessage', 'user2', big))).toBe('messageTooLarge');
      expect((await c.call('roomHistoryInfo', room))[1]).toMatchObject({ lastMessageId: 0 });
      const off = await t.start({ ...raw, maxMessageSize: false });
      await off.service.addRoom(room);
      const d = await t.login(off, 'user1');
      await d.call('roomJoin', room);
      expect(await d.call('roomMessage', room, big)).toEqual([null, 1]);
    });

    it('names longer than 128 characters are refused with invalidName at login, addUser, addRoom and roomCreate', async () => {
      const s = await t.start({ ...raw, enableRoomsManagement: true });
      const long = 'n'.repeat(129);
      expect(await codeOf(s.service.addRoom(long))).toBe('invalidName');
      expect(await codeOf(s.service.addUser(long))).toBe('invalidName');
      expect(await s.service.hasRoom(long)).toBe(false);
      expect(await s.service.hasUser(long)).toBe(false);
      const { login } = await s.connect(long);
      expect(login[0]).toBe('loginRejected');
      expect((login[1] as { code: string }).code).toBe('invalidName');
      const c = await t.login(s, 'user1');
      expect(code(await c.call('roomCreate', long, false))).toBe('invalidName');
      expect(await s.service.hasRoom(long)).toBe(false);
      await expect(s.service.addRoom('n'.repeat(128))).resolves.toBeUndefined();
      const off = await t.start({ maxNameLength: false });
      await expect(off.service.addRoom(long)).resolves.toBeUndefined();
    });

    it('names with lone UTF-16 surrogates are refused with invalidName, as room and list arguments too', async () => {
      const s = await t.start(raw);
      for (const name of ['a\ud800', 'a\udfff', '\udc00a']) {
        expect(await codeOf(s.service.addRoom(name))).toBe('invalidName');
        expect(await codeOf(s.service.addUser(name))).toBe('invalidName');
      }
      await s.service.addRoom('a\ufffd');
      await s.service.addRoom('smile \ud83d\ude00');
      expect(await s.service.hasRoom('smile \ud83d\ude00')).toBe(true);
      const c = await t.login(s, 'user1');
      // On a UTF-8 store 'a\ud800' would read as 'a\ufffd' and join that room.
      expect(code(await c.call('roomJoin', 'a\ud800'))).toBe('invalidName');
      expect(code(await c.call('directAddToList', 'blacklist', ['ok', 'b\udbff']))).toBe('invalidName');
      expect(await c.call('directGetAccessList', 'blacklist')).toEqual([null, []]);
      expect(await c.call('roomJoin', 'a\ufffd')).toEqual([null, 1]);
    });

    it('a socket flooding commands gets rateLimitExceeded past its burst; rateLimit false lets every command through', async () => {
      const flood = (c: Pick<TestClient, 'call'>): Promise<unknown[][]> =>
        Promise.all(Array.from({ length: 280 }, () => c.call('directGetWhitelistMode')));
      // The default burst (200) with a refill too slow to matter while the 280 arrive (the defaults are checked in limits.test.ts).
      const s = await t.start({ ...raw, rateLimit: { commands: 1, intervalMs: 60_000, burst: 200 } });
      const replies = await flood(await t.login(s, 'user1'));
      expect(replies.filter((r) => code(r) === 'rateLimitExceeded')).toHaveLength(80);
      expect(replies.filter((r) => r[0] === null)).toHaveLength(200);
      const off = await t.start({ ...raw, rateLimit: false, userRateLimit: false });
      expect((await flood(await t.login(off, 'user1'))).every((r) => r[0] === null)).toBe(true);
    });

    it('a socket refused disconnectAfter commands in a row is disconnected as a flooder; its other sockets stay', async () => {
      const s = await t.start({ ...raw, rateLimit: { commands: 2, intervalMs: 60_000, disconnectAfter: 5 } });
      const flooder = await t.login(s, 'user1');
      const other = await t.login(s, 'user1');
      for (let i = 0; i < 10; i++) void flooder.call('directGetWhitelistMode').catch(() => undefined);
      await flooder.disconnected();
      expect(await other.call('directGetWhitelistMode')).toEqual([null, false]);
    });

    it("userRateLimit bounds all of a user's sockets together, other users keep their own budget", async () => {
      const s = await t.start({ ...raw, userRateLimit: { commands: 6, intervalMs: 60_000 } });
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      const other = await t.login(s, 'user2');
      const first = await Promise.all(Array.from({ length: 4 }, () => a.call('directGetWhitelistMode')));
      const second = await Promise.all(Array.from({ length: 4 }, () => b.call('directGetWhitelistMode')));
      expect(first.every((r) => r[0] === null)).toBe(true);
      expect(second.map(code).filter((c) => c === 'rateLimitExceeded')).toHaveLength(2);
      expect(await other.call('directGetWhitelistMode')).toEqual([null, false]);
    });

    it('maxRoomsPerSocket refuses one more room with roomLimitExceeded, before the store; leaving frees a slot', async () => {
      const s = await t.start({ ...raw, maxRoomsPerSocket: 2 });
      for (const name of ['r1', 'r2', 'r3']) await s.service.addRoom(name);
      const c = await t.login(s, 'user1');
      const other = await t.login(s, 'user1');
      expect(await c.call('roomJoin', 'r1')).toEqual([null, 1]);
      expect(await c.call('roomJoin', 'r2')).toEqual([null, 1]);
      expect(code(await c.call('roomJoin', 'r3'))).toBe('roomLimitExceeded');
      expect(await c.call('roomJoin', 'r1')).toEqual([null, 1]);
      expect(await s.service.execUserCommand({ userName: 'user1', bypassPermissions: true }, 'roomGetAccessList', 'r3', 'userlist')).toEqual([[]]);
      // The limit is per socket: another socket of the user still may join.
      expect(await other.call('roomJoin', 'r3')).toEqual([null, 1]);
      expect(await c.call('roomLeave', 'r1')).toEqual([null, 0]);
      expect(await c.call('roomJoin', 'r3')).toEqual([null, 2]);
    });

    it('maxSocketsPerUser rejects one more login with socketLimitExceeded, before the store; a disconnect frees a slot', async () => {
      const s = await t.start({ ...raw, maxSocketsPerUser: 2 });
      const first = await t.login(s, 'user1');
      await t.login(s, 'user1');
      const third = await s.connect('user1');
      expect(third.login[0]).toBe('loginRejected');
      expect((third.login[1] as { code: string }).code).toBe('socketLimitExceeded');
      await third.client.disconnected();
      expect(await s.service.store.countUserSockets('user1')).toBe(2);
      await t.login(s, 'user2');
      await first.close();
      await waitUntil(async () => (await s.service.store.countUserSockets('user1')) === 1);
      await t.login(s, 'user1');
    });

    it('a connection whose onConnect does not resolve within handshakeTimeout is rejected with loginTimeout and closed', async () => {
      const never = (): Promise<never> => new Promise(() => undefined);
      const s = await t.start({ ...raw, handshakeTimeout: 100 }, { onConnect: never });
      const { client, login } = await s.connect('user1');
      expect(login[0]).toBe('loginRejected');
      expect(login[1]).toMatchObject({ code: 'loginTimeout', args: [100] });
      await client.disconnected();
    });
  });
}

