/**
 * Behaviour: the permission checks of the server-side API (bypassPermissions, execUserCommand).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { ExecInfo } from '../../../exec-info.js';
import type { BehaviourHarness } from './harness.js';
import { rejection, useHarness } from './harness.js';

const room = 'room1';

/** Registers, over the harness, the tests of the server-side API's permission checks (`bypassPermissions`, `bypassHooks`, `execUserCommand` contexts). */
export function apiPermissionsBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('apiPermissions', () => {
    it('server calls read and change direct state', async () => {
      const s = await t.start();
      await s.service.addUser('user1', { whitelistOnly: true });
      expect(await s.service.execUserCommand('user1', 'directGetWhitelistMode')).toEqual([true]);
      const [added] = (await s.service.execUserCommand('user1', 'directAddToList', 'whitelist', ['user2'])) as unknown[];
      expect(added).toBeFalsy();
      expect(await s.service.execUserCommand('user1', 'directGetAccessList', 'whitelist')).toEqual([['user2']]);
    });

    it('bypass calls read and change any room', async () => {
      const s = await t.start();
      await s.service.addRoom(room, { whitelistOnly: true });
      expect(await s.service.execUserCommand(true, 'roomGetWhitelistMode', room)).toEqual([true]);
      await s.service.execUserCommand(true, 'roomAddToList', room, 'whitelist', ['user2']);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'whitelist')).toEqual([['user2']]);
      expect((await rejection(s.service.execUserCommand(null, 'roomGetAccessList', room, 'whitelist'))).code).toBe('notJoined');
      expect((await rejection(s.service.execUserCommand(true, 'roomAddToList', room, 'userlist', ['x']))).code).toBe('notAllowed');
    });

    it('a server systemMessage reaches every socket of the user', async () => {
      const s = await t.start();
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      await s.service.execUserCommand('user1', 'systemMessage', 'data');
      expect(await a.next('systemMessage')).toEqual(['data']);
      expect(await b.next('systemMessage')).toEqual(['data']);
    });

    it('bypassHooks skips the hooks', async () => {
      let ran = 0;
      const count = (_i: ExecInfo): Promise<void> => {
        ran++;
        return Promise.resolve();
      };
      const s = await t.start({}, { roomAddToListBefore: count, roomAddToListAfter: count });
      await s.service.addRoom(room, { owner: 'user1' });
      await s.service.addUser('user1');
      const [result] = (await s.service.execUserCommand({ userName: 'user1', bypassHooks: true }, 'roomAddToList', room, 'whitelist', [
        'user2',
      ])) as unknown[];
      expect(result).toBeFalsy();
      expect(ran).toBe(0);
      await s.service.execUserCommand('user1', 'roomAddToList', room, 'whitelist', ['user3']);
      expect(ran).toBe(2);
    });

    it('bypassPermissions lifts direct and room permissions', async () => {
      const s = await t.start({ enableDirectMessages: true });
      await s.service.addRoom(room, { whitelistOnly: true });
      await s.service.addUser('user2', { whitelistOnly: true });
      await s.service.addUser('user1');
      const c2 = await t.login(s, 'user2');
      await s.service.execUserCommand({ userName: 'user1', bypassPermissions: true }, 'directMessage', 'user2', { textMessage: 'x' });
      expect((await c2.next('directMessage'))[0]).toMatchObject({ author: 'user1' });
      await s.service.addUser('user3');
      const joined = await t.login(s, 'user3');
      await s.service.execUserCommand(true, 'roomAddToList', room, 'whitelist', ['user3']);
      await joined.call('roomJoin', room);
      await s.service.execUserCommand({ userName: 'user2', bypassPermissions: true }, 'roomMessage', room, { textMessage: 'y' });
      const [, m] = await joined.next('roomMessage');
      expect(m).toMatchObject({ author: 'user2', textMessage: 'y', id: 1, timestamp: expect.any(Number) as unknown });
      await s.service.execUserCommand(true, 'roomMessage', room, { textMessage: 'anon' });
      const [, anon] = await joined.next('roomMessage');
      expect(anon).toMatchObject({ textMessage: 'anon', id: 2, timestamp: expect.any(Number) as unknown });
      expect(anon).not.toHaveProperty('author');
    });

    it('a missing user fails; access predicates', async () => {
      const s = await t.start();
      expect((await rejection(s.service.execUserCommand('user1', 'listOwnSockets'))).code).toBe('noUser');
      await s.service.addUser('user1');
      await s.service.execUserCommand('user1', 'directAddToList', 'blacklist', ['user3']);
      expect(await s.service.hasDirectAccess('user1', 'user2')).toBe(true);
      expect(await s.service.hasDirectAccess('user1', 'user3')).toBe(false);
      expect(await s.service.hasDirectAccess('user1', 'user1')).toBe(false);
      expect(await s.service.hasDirectAccess('nobody', 'user2')).toBe(false);
      await s.service.addRoom(room, { blacklist: ['user3'] });
      expect(await s.service.hasRoomAccess(room, 'user2')).toBe(true);
      expect(await s.service.hasRoomAccess(room, 'user3')).toBe(false);
      expect(await s.service.hasRoomAccess('nope', 'user2')).toBe(false);
    });
  });
}
