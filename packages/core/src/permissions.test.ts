import { describe, expect, it } from 'vitest';
import type { RoomAccess } from './ports.js';
import {
  canAccessRoom,
  canReadRoom,
  canSendDirect,
  checkListChange,
  losesAccessAfterListChange,
  losesAccessInWhitelistMode,
} from './permissions.js';

const base: RoomAccess = {
  owner: 'owner',
  isAdmin: false,
  inBlacklist: false,
  inWhitelist: false,
  inUserlist: false,
  whitelistOnly: false,
};
const access = (patch: Partial<RoomAccess>): RoomAccess => ({ ...base, ...patch });

describe('canAccessRoom', () => {
  it.each([
    ['plain user', access({}), 'u', true],
    ['blacklisted', access({ inBlacklist: true }), 'u', false],
    ['blacklisted admin', access({ inBlacklist: true, isAdmin: true }), 'u', true],
    ['blacklisted owner', access({ inBlacklist: true }), 'owner', true],
    ['whitelist-only, not listed', access({ whitelistOnly: true }), 'u', false],
    ['whitelist-only, listed', access({ whitelistOnly: true, inWhitelist: true }), 'u', true],
    ['whitelist-only, admin', access({ whitelistOnly: true, isAdmin: true }), 'u', true],
  ] as const)('%s', (_name, a, user, expected) => {
    expect(canAccessRoom(a, user)).toBe(expected);
  });
});

describe('canReadRoom', () => {
  it('allows joined users and admins only', () => {
    expect(canReadRoom(access({ inUserlist: true }), 'u')).toBe(true);
    expect(canReadRoom(access({ isAdmin: true }), 'u')).toBe(true);
    expect(canReadRoom(access({}), 'owner')).toBe(true);
    expect(canReadRoom(access({}), 'u')).toBe(false);
    expect(canReadRoom(access({}), undefined)).toBe(false);
  });
});

describe('checkListChange', () => {
  const check = (...[access, author, listName, values, bypass = false]: [RoomAccess | null, string | undefined, string, string[], boolean?]): string =>
    checkListChange({ access, author, listName, values, bypass });
  it.each([
    ['userlist is immutable, even with bypass', () => check(access({}), 'owner', 'userlist', [], true), 'notAllowed'],
    ['bypass', () => check(access({}), 'u', 'adminlist', ['owner'], true), 'ok'],
    ['owner on any list', () => check(access({}), 'owner', 'adminlist', ['x']), 'ok'],
    ['owner on a bad list name (noList comes later)', () => check(access({}), 'owner', 'nolist', []), 'ok'],
    ['admin on adminlist', () => check(access({ isAdmin: true }), 'a', 'adminlist', ['x']), 'notAllowed'],
    ['plain user', () => check(access({}), 'u', 'whitelist', ['x']), 'notAllowed'],
    ['admin listing the owner', () => check(access({ isAdmin: true }), 'a', 'whitelist', ['owner']), 'notAllowed'],
    ['admin on whitelist', () => check(access({ isAdmin: true }), 'a', 'whitelist', ['x']), 'ok'],
  ] as const)('%s', (_name, run, expected) => {
    expect(run()).toBe(expected);
  });
});

describe('forced removal predicates', () => {
  it('blacklisting removes joined non-admins', () => {
    expect(losesAccessAfterListChange('add', 'blacklist', access({ inUserlist: true }), 'u')).toBe(true);
    expect(losesAccessAfterListChange('add', 'blacklist', access({ inUserlist: true, isAdmin: true }), 'u')).toBe(false);
    expect(losesAccessAfterListChange('add', 'blacklist', access({}), 'u')).toBe(false);
    expect(losesAccessAfterListChange('add', 'whitelist', access({ inUserlist: true }), 'u')).toBe(false);
  });
  it('removing from the whitelist matters only in whitelist-only mode', () => {
    expect(losesAccessAfterListChange('remove', 'whitelist', access({ inUserlist: true, whitelistOnly: true }), 'u')).toBe(true);
    expect(losesAccessAfterListChange('remove', 'whitelist', access({ inUserlist: true }), 'u')).toBe(false);
    expect(losesAccessAfterListChange('remove', 'blacklist', access({ inUserlist: true, whitelistOnly: true }), 'u')).toBe(false);
  });
  it('whitelist mode does not exempt the owner', () => {
    expect(losesAccessInWhitelistMode(access({ inUserlist: true }))).toBe(true);
    expect(losesAccessInWhitelistMode(access({ inUserlist: true, inWhitelist: true }))).toBe(false);
    expect(losesAccessInWhitelistMode(access({ inUserlist: true, isAdmin: true }))).toBe(false);
  });
});

describe('canSendDirect', () => {
  it('checks blacklist then whitelist mode', () => {
    expect(canSendDirect({ inBlacklist: false, inWhitelist: false, whitelistOnly: false })).toBe(true);
    expect(canSendDirect({ inBlacklist: true, inWhitelist: true, whitelistOnly: false })).toBe(false);
    expect(canSendDirect({ inBlacklist: false, inWhitelist: false, whitelistOnly: true })).toBe(false);
    expect(canSendDirect({ inBlacklist: false, inWhitelist: true, whitelistOnly: true })).toBe(true);
  });
});
