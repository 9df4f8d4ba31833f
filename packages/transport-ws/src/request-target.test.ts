import { describe, expect, it } from 'vitest';
import { isPath, queryOf } from './request-target.js';

const BASE = 'http://localhost';

// Targets a client could send, including the ones the shortcut must not misread.
const TARGETS = [
  '/',
  '/chat-service',
  '/chat-service/',
  '/chat-service?user=ann',
  '/chat-service/?user=ann&user=bob',
  '/chat-service#frag?user=no',
  '/chat-service?user=a%20b+c&x=%zz&=empty&flag',
  '/chat-service?user=%C3%A9t%C3%A9&__proto__=p',
  '/chat-servicex?user=ann',
  '/chat-service//?user=ann',
  '/chat-service/../chat-service?user=ann',
  '/other/../chat-service',
  '/chat-%73ervice',
  '//chat-service?user=ann',
  'http://example.com/chat-service?user=ann#f',
  '/chat-service?a=1#b=2',
  '/chat-service/./',
];

const PATHS = ['/chat-service', '/', '/a/../chat-service', '/with space'];

describe('request targets', () => {
  it.each(TARGETS)('reads the path of %s as the URL parser does', (target) => {
    for (const path of PATHS) {
      const pathname = new URL(target, BASE).pathname;
      expect(isPath(target, path), `${target} on ${path}`).toBe(pathname === path || pathname === `${path}/`);
    }
  });

  it.each(TARGETS)('reads the query of %s as the URL parser does', (target) => {
    expect([...queryOf(target)]).toEqual([...new URL(target, BASE).searchParams]);
  });

  it('reads a missing target as the root', () => {
    expect(isPath(undefined, '/')).toBe(true);
    expect(isPath(undefined, '/chat-service')).toBe(false);
  });
});
