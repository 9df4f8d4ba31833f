/**
 * Contract: users, their direct-message lists and mode, `directAccess`.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { UserInit } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { isUnsupported, randomName, sorted, TRICKY_NAMES, useHandles } from './context.js';

function userInit(overrides: Partial<UserInit> = {}): UserInit {
  return { whitelistOnly: false, whitelist: [], blacklist: [], ...overrides };
}

/**
 * Registers the users and direct-lists tests.
 *
 * @param setup - the adapter's setup
 */
export function describeUsersAndDirect(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'users-and-direct'))('users and direct lists', () => {
    const { open } = useHandles(setup);

    it('addUser creates a user with its init state', async () => {
      const store = await open();
      const user = randomName('user');
      expect(await store.hasUser(user)).toBe(false);
      expect(await store.addUser(user, userInit({ whitelistOnly: true, whitelist: ['a', 'b'], blacklist: ['c'] }))).toBe(true);
      expect(await store.hasUser(user)).toBe(true);
      expect(sorted(await store.directListGet(user, 'whitelist'))).toEqual(['a', 'b']);
      expect(await store.directListGet(user, 'blacklist')).toEqual(['c']);
      expect(await store.directModeGet(user)).toBe(true);
    });

    it('addUser returns false for an existing user and changes nothing', async () => {
      const store = await open();
      const user = randomName('user');
      expect(await store.addUser(user, userInit({ whitelist: ['a'] }))).toBe(true);
      expect(await store.addUser(user, userInit({ whitelistOnly: true, whitelist: ['x'], blacklist: ['y'] }))).toBe(false);
      expect(await store.directListGet(user, 'whitelist')).toEqual(['a']);
      expect(await store.directListGet(user, 'blacklist')).toEqual([]);
      expect(await store.directModeGet(user)).toBe(false);
    });

    it('addUser keeps duplicated init names once', async () => {
      const store = await open();
      const user = randomName('user');
      await store.addUser(user, userInit({ whitelist: ['a', 'a', 'b'] }));
      expect(sorted(await store.directListGet(user, 'whitelist'))).toEqual(['a', 'b']);
    });

    it('ensureUser creates a user with empty lists and is idempotent', async () => {
      const store = await open();
      const user = randomName('user');
      await store.ensureUser(user);
      expect(await store.hasUser(user)).toBe(true);
      expect(await store.directListGet(user, 'whitelist')).toEqual([]);
      expect(await store.directListGet(user, 'blacklist')).toEqual([]);
      expect(await store.directModeGet(user)).toBe(false);
      await store.directListAdd(user, 'blacklist', ['b'], 10);
      await store.directModeSet(user, true);
      await store.ensureUser(user);
      expect(await store.directListGet(user, 'blacklist')).toEqual(['b']);
      expect(await store.directModeGet(user)).toBe(true);
      expect(await store.addUser(user, userInit())).toBe(false);
    });

    it('ensureUser keeps the state of a user made by addUser', async () => {
      const store = await open();
      const user = randomName('user');
      await store.addUser(user, userInit({ whitelistOnly: true, whitelist: ['w'] }));
      await store.ensureUser(user);
      expect(await store.directListGet(user, 'whitelist')).toEqual(['w']);
      expect(await store.directModeGet(user)).toBe(true);
    });

    it('deleteUser removes the user and its lists; a re-created user starts empty', async () => {
      const store = await open();
      const user = randomName('user');
      await store.addUser(user, userInit({ whitelistOnly: true, whitelist: ['w'], blacklist: ['b'] }));
      await store.deleteUser(user);
      expect(await store.hasUser(user)).toBe(false);
      expect(await store.directAccess(user, 'b')).toBeNull();
      await store.ensureUser(user);
      expect(await store.directListGet(user, 'whitelist')).toEqual([]);
      expect(await store.directListGet(user, 'blacklist')).toEqual([]);
      expect(await store.directModeGet(user)).toBe(false);
    });

    it('deleteUser of a missing user resolves', async () => {
      const store = await open();
      await expect(store.deleteUser(randomName('user'))).resolves.toBeUndefined();
    });

    it('directListAdd adds names; duplicates are fine', async () => {
      const store = await open();
      const user = randomName('user');
      await store.ensureUser(user);
      expect(await store.directListAdd(user, 'whitelist', ['a', 'b', 'a'], 10)).toBe(true);
      expect(await store.directListAdd(user, 'whitelist', ['b'], 10)).toBe(true);
      expect(sorted(await store.directListGet(user, 'whitelist'))).toEqual(['a', 'b']);
      expect(await store.directListHas(user, 'whitelist', 'a')).toBe(true);
      expect(await store.directListHas(user, 'whitelist', 'c')).toBe(false);
    });

    it('directListAdd refuses (adding nothing) when current size + names.length > limit', async () => {
      const store = await open();
      const user = randomName('user');
      await store.ensureUser(user);
      expect(await store.directListAdd(user, 'blacklist', ['a', 'b', 'c', 'd'], 3)).toBe(false);
      expect(await store.directListGet(user, 'blacklist')).toEqual([]);
      expect(await store.directListAdd(user, 'blacklist', ['a', 'b'], 3)).toBe(true);
      // 2 + 2 > 3: nothing is added, not even the name that would fit
      expect(await store.directListAdd(user, 'blacklist', ['c', 'd'], 3)).toBe(false);
      expect(sorted(await store.directListGet(user, 'blacklist'))).toEqual(['a', 'b']);
      // 2 + 1 = 3 is within the limit
      expect(await store.directListAdd(user, 'blacklist', ['c'], 3)).toBe(true);
      // names already present still count: 3 + 1 > 3
      expect(await store.directListAdd(user, 'blacklist', ['a'], 3)).toBe(false);
      expect(await store.directListAdd(user, 'blacklist', [], 3)).toBe(true);
      expect(sorted(await store.directListGet(user, 'blacklist'))).toEqual(['a', 'b', 'c']);
      // the other list has its own size
      expect(await store.directListAdd(user, 'whitelist', ['x', 'y', 'z'], 3)).toBe(true);
    });

    it('directListRemove removes names; absent names are fine', async () => {
      const store = await open();
      const user = randomName('user');
      await store.addUser(user, userInit({ whitelist: ['a', 'b', 'c'] }));
      await store.directListRemove(user, 'whitelist', ['a', 'zzz', 'c']);
      expect(await store.directListGet(user, 'whitelist')).toEqual(['b']);
      expect(await store.directListHas(user, 'whitelist', 'a')).toBe(false);
      await store.directListRemove(user, 'whitelist', []);
      await store.directListRemove(user, 'blacklist', ['b']);
      expect(await store.directListGet(user, 'whitelist')).toEqual(['b']);
    });

    it('direct lists are independent between lists and between users', async () => {
      const store = await open();
      const [u1, u2] = [randomName('user'), randomName('user')];
      await store.ensureUser(u1);
      await store.ensureUser(u2);
      await store.directListAdd(u1, 'whitelist', ['a'], 10);
      expect(await store.directListHas(u1, 'blacklist', 'a')).toBe(false);
      expect(await store.directListHas(u2, 'whitelist', 'a')).toBe(false);
      await store.directModeSet(u1, true);
      expect(await store.directModeGet(u2)).toBe(false);
    });

    it('directModeSet switches the mode both ways', async () => {
      const store = await open();
      const user = randomName('user');
      await store.ensureUser(user);
      await store.directModeSet(user, true);
      expect(await store.directModeGet(user)).toBe(true);
      await store.directModeSet(user, false);
      expect(await store.directModeGet(user)).toBe(false);
    });

    it('directAccess reports the sender standing, and null for a missing recipient', async () => {
      const store = await open();
      const recipient = randomName('recipient');
      const friend = randomName('friend');
      const foe = randomName('foe');
      const other = randomName('other');
      await store.addUser(recipient, userInit({ whitelistOnly: true, whitelist: [friend], blacklist: [foe] }));
      expect(await store.directAccess(recipient, friend)).toEqual({ inBlacklist: false, inWhitelist: true, whitelistOnly: true });
      expect(await store.directAccess(recipient, foe)).toEqual({ inBlacklist: true, inWhitelist: false, whitelistOnly: true });
      expect(await store.directAccess(recipient, other)).toEqual({ inBlacklist: false, inWhitelist: false, whitelistOnly: true });
      await store.directModeSet(recipient, false);
      expect(await store.directAccess(recipient, other)).toEqual({ inBlacklist: false, inWhitelist: false, whitelistOnly: false });
      expect(await store.directAccess(randomName('missing'), friend)).toBeNull();
    });

    it('two handles share users', async () => {
      const [a, b] = [await open(), await open()];
      const user = randomName('user');
      await a.addUser(user, userInit());
      expect(await b.hasUser(user)).toBe(true);
      expect(await b.addUser(user, userInit())).toBe(false);
      await b.directListAdd(user, 'whitelist', ['x'], 10);
      expect(await a.directListGet(user, 'whitelist')).toEqual(['x']);
    });

    it('names with spaces, unicode and glob characters are ordinary', async () => {
      const store = await open();
      const user = `${randomName('user')} ü ✓ *?[ab] \\ % "'`;
      const value = `value ✓ *?[]\\ ${globalThis.crypto.randomUUID()}`;
      await store.ensureUser(user);
      expect(await store.hasUser(user)).toBe(true);
      expect(await store.hasUser(`${user}*`)).toBe(false);
      await store.directListAdd(user, 'whitelist', [value], 10);
      expect(await store.directListGet(user, 'whitelist')).toEqual([value]);
      await store.deleteUser(user);
      expect(await store.hasUser(user)).toBe(false);
    });

    it('__proto__, constructor and other Object.prototype names are ordinary user names and list values', async () => {
      const store = await open();
      // Fixed names: start clean in case a previous run stopped half-way.
      for (const name of TRICKY_NAMES) await store.deleteUser(name);
      try {
        for (const name of TRICKY_NAMES) expect(await store.hasUser(name)).toBe(false);
        const owner = randomName('user');
        await store.ensureUser(owner);
        for (const name of TRICKY_NAMES) expect(await store.directListHas(owner, 'whitelist', name)).toBe(false);
        expect(await store.directListAdd(owner, 'whitelist', ['__proto__', 'constructor'], 10)).toBe(true);
        expect(sorted(await store.directListGet(owner, 'whitelist'))).toEqual(['__proto__', 'constructor']);
        expect(await store.directListHas(owner, 'whitelist', 'toString')).toBe(false);
        expect(await store.directListHas(owner, 'whitelist', '__proto__')).toBe(true);

        expect(await store.addUser('__proto__', userInit({ blacklist: ['toString'] }))).toBe(true);
        expect(await store.addUser('__proto__', userInit())).toBe(false);
        await store.ensureUser('constructor');
        expect(await store.hasUser('__proto__')).toBe(true);
        expect(await store.hasUser('constructor')).toBe(true);
        expect(await store.hasUser('hasOwnProperty')).toBe(false);
        expect(await store.directAccess('__proto__', 'toString')).toEqual({ inBlacklist: true, inWhitelist: false, whitelistOnly: false });
        expect(await store.directAccess('constructor', 'valueOf')).toEqual({
          inBlacklist: false,
          inWhitelist: false,
          whitelistOnly: false,
        });
        expect(await store.directAccess('toString', 'x')).toBeNull();
        await store.deleteUser('__proto__');
        expect(await store.hasUser('__proto__')).toBe(false);
        expect(Object.keys(Object.prototype)).toEqual([]);
      } finally {
        for (const name of TRICKY_NAMES) await store.deleteUser(name);
      }
    });
  });
}
