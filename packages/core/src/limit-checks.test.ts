import { describe, expect, it } from 'vitest';
import { ChatServiceError } from './errors.js';
import { CommandLimiter, SocketClaims } from './limit-checks.js';
import type { LimitedSocket } from './limit-checks.js';

const limitOf = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return ChatServiceError.is(error) ? error.code : error;
  }
  return null;
};

describe('SocketClaims', () => {
  it('counts only the sockets of the same user that are not gone', () => {
    const claims = new SocketClaims();
    const [a, b, c]: [LimitedSocket, LimitedSocket, LimitedSocket] = [{}, {}, {}];
    claims.claim(2, a, 'u');
    claims.claim(2, { gone: false }, 'v');
    claims.claim(2, b, 'u');
    expect(
      limitOf(() => {
        claims.claim(2, c, 'u');
      }),
    ).toBe('socketLimitExceeded');
    expect(c.claimedUser).toBeUndefined();
    b.gone = true;
    claims.claim(2, c, 'u');
    expect(c.claimedUser).toBe('u');
  });

  it('frees a slot on release and names the user whose last slot went', () => {
    const claims = new SocketClaims();
    const [a, b, c]: [LimitedSocket, LimitedSocket, LimitedSocket] = [{}, {}, {}];
    claims.claim(2, a, 'u');
    claims.claim(2, b, 'u');
    expect(claims.release(a)).toBeUndefined();
    claims.claim(2, c, 'u');
    expect(
      limitOf(() => {
        claims.claim(2, {}, 'u');
      }),
    ).toBe('socketLimitExceeded');
    expect(claims.release(b)).toBeUndefined();
    expect(claims.release(c)).toBe('u');
    expect(claims.release(c)).toBeUndefined();
    expect(claims.release({})).toBeUndefined();
  });

  it('has no limit at 0 and moves a socket that claims another user', () => {
    const claims = new SocketClaims();
    const sockets: LimitedSocket[] = Array.from({ length: 5 }, () => ({}));
    for (const socket of sockets) claims.claim(0, socket, 'u');
    const [first] = sockets as [LimitedSocket];
    claims.claim(1, first, 'w');
    expect(first.claimedUser).toBe('w');
    expect(
      limitOf(() => {
        claims.claim(1, {}, 'w');
      }),
    ).toBe('socketLimitExceeded');
  });
});

describe('CommandLimiter', () => {
  const options = {
    rateLimit: undefined,
    userRateLimit: { commands: 1, intervalMs: 1000, burst: 1, disconnectAfter: 0 },
    maxSocketsPerUser: 1,
  };

  it('keeps a user bucket while a socket of the user is left, forgets it after the last', () => {
    const limiter = new CommandLimiter(options, () => 0);
    const [a, b]: [LimitedSocket, LimitedSocket] = [{}, {}];
    limiter.claim(a, 'u');
    a.gone = true;
    limiter.claim(b, 'u');
    expect(limiter.take(a, 'u')).toBeNull();
    limiter.release(a);
    expect(limiter.take(b, 'u')?.error.code).toBe('rateLimitExceeded');
    limiter.release(b);
    expect(limiter.take({}, 'u')).toBeNull();
  });
});
