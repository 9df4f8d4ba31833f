/**
 * The `--auth jwt` verifier: valid HS256 / RS256 / ES256 tokens, and every
 * way a token must be refused (time, issuer, audience, tampering, wrong key,
 * `alg: none`, algorithm confusion).
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allowedAlgorithms, verifyJwt } from '../src/cli/jwt.js';
import type { JwtKey } from '../src/cli/jwt.js';
import { handshakeToken } from '../src/cli/auth.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);

/** Signs `payload` as a compact JWS; `key` is an HMAC secret or a private key. */
function token(alg: string, payload: Record<string, unknown>, key: Buffer | KeyObject | null): string {
  const data = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  let signature: Buffer;
  if (key === null) signature = Buffer.alloc(0);
  else if (Buffer.isBuffer(key)) signature = createHmac(`sha${alg.slice(2)}`, key).update(data).digest();
  else signature = sign(`sha${alg.slice(2)}`, Buffer.from(data), { key, dsaEncoding: alg.startsWith('ES') ? 'ieee-p1363' : 'der' });
  return `${data}.${signature.toString('base64url')}`;
}

const secret = Buffer.from('a-long-random-test-secret-of-32+bytes');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const hs: JwtKey = { secret };
const rs: JwtKey = { publicKey: rsa.publicKey };
const es: JwtKey = { publicKey: ec.publicKey };
const claims = { sub: 'alice', exp: now + 60 };

describe('verifyJwt', () => {
  it('accepts valid HS256, HS512, RS256 and ES256 tokens', () => {
    expect(verifyJwt(token('HS256', claims, secret), { key: hs })).toEqual(claims);
    expect(verifyJwt(token('HS512', claims, secret), { key: hs })).toEqual(claims);
    expect(verifyJwt(token('RS256', claims, rsa.privateKey), { key: rs })).toEqual(claims);
    expect(verifyJwt(token('ES256', claims, ec.privateKey), { key: es })).toEqual(claims);
  });

  it('checks exp and nbf with a 30 s tolerance', () => {
    expect(() => verifyJwt(token('HS256', { sub: 'a', exp: now - 31 }, secret), { key: hs })).toThrow('token expired');
    expect(verifyJwt(token('HS256', { sub: 'a', exp: now - 10 }, secret), { key: hs })['sub']).toBe('a');
    expect(() => verifyJwt(token('HS256', { sub: 'a', nbf: now + 60 }, secret), { key: hs })).toThrow('not yet valid');
    expect(verifyJwt(token('HS256', { sub: 'a', nbf: now + 10 }, secret), { key: hs })['sub']).toBe('a');
    expect(() => verifyJwt(token('HS256', { sub: 'a', exp: 'soon' }, secret), { key: hs })).toThrow('"exp" is not a number');
  });

  it('checks the issuer and the audience (a string or an array)', () => {
    const t = token('HS256', { ...claims, iss: 'https://idp.example', aud: ['chat', 'other'] }, secret);
    expect(verifyJwt(t, { key: hs, issuer: 'https://idp.example', audience: 'chat' })['sub']).toBe('alice');
    expect(() => verifyJwt(t, { key: hs, issuer: 'https://evil.example' })).toThrow('issuer mismatch');
    expect(() => verifyJwt(t, { key: hs, audience: 'billing' })).toThrow('audience mismatch');
    expect(verifyJwt(token('HS256', { ...claims, aud: 'chat' }, secret), { key: hs, audience: 'chat' })['sub']).toBe('alice');
    expect(() => verifyJwt(token('HS256', claims, secret), { key: hs, audience: 'chat' })).toThrow('audience mismatch');
  });

  it('rejects a tampered payload and a wrong key', () => {
    const [h, , s] = token('HS256', claims, secret).split('.');
    const forged = `${h ?? ''}.${b64({ ...claims, sub: 'admin' })}.${s ?? ''}`;
    expect(() => verifyJwt(forged, { key: hs })).toThrow('bad signature');
    const [rh, , rsig] = token('RS256', claims, rsa.privateKey).split('.');
    expect(() => verifyJwt(`${rh ?? ''}.${b64({ ...claims, sub: 'admin' })}.${rsig ?? ''}`, { key: rs })).toThrow('bad signature');
    expect(() => verifyJwt(token('HS256', claims, Buffer.from('another secret')), { key: hs })).toThrow('bad signature');
    expect(() => verifyJwt(token('RS256', claims, otherRsa.privateKey), { key: rs })).toThrow('bad signature');
  });

  it('rejects alg none, and an algorithm outside the key family (alg confusion)', () => {
    expect(() => verifyJwt(token('none', claims, null), { key: hs })).toThrow('not allowed');
    expect(() => verifyJwt(token('none', claims, null), { key: rs })).toThrow('not allowed');
    // The classic attack: an HS256 token whose HMAC key is the server's RSA public key PEM.
    const pem = Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => verifyJwt(token('HS256', claims, pem), { key: rs })).toThrow('not allowed');
    expect(() => verifyJwt(token('RS256', claims, rsa.privateKey), { key: es })).toThrow('not allowed');
    expect(() => verifyJwt(token('ES256', claims, ec.privateKey), { key: rs })).toThrow('not allowed');
    expect(allowedAlgorithms({ publicKey: createPublicKey(ec.privateKey) })).toEqual(['ES256']);
  });

  it('rejects malformed tokens', () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a.b.c', `${b64({ alg: 'HS256' })}.${b64([1])}.x`, `${b64({ alg: 'HS256' })}.e30.a+b`]) {
      expect(() => verifyJwt(bad, { key: hs })).toThrow();
    }
    expect(() => verifyJwt('a'.repeat(20000), { key: hs })).toThrow('too long');
  });
});

describe('handshakeToken', () => {
  it('reads ?token=, else the Bearer authorization header', () => {
    const hs0 = { isConnected: true, query: {}, headers: {} };
    expect(handshakeToken({ ...hs0, query: { token: 'q' }, headers: { authorization: 'Bearer h' } })).toBe('q');
    expect(handshakeToken({ ...hs0, headers: { authorization: 'bearer h.e.s' } })).toBe('h.e.s');
    expect(handshakeToken({ ...hs0, headers: { authorization: 'Basic dXNlcjpwdw==' } })).toBeUndefined();
    expect(handshakeToken(hs0)).toBeUndefined();
  });
});
