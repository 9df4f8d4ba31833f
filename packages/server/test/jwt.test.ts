/**
 * The `--auth jwt` verifier (jose): valid HS256 / RS256 / ES256 tokens, and
 * every way a token must be refused (time, issuer, audience, tampering, wrong
 * key, `alg: none`, algorithm confusion); a remote JWKS served by the test
 * over HTTP: cached, refetched for an unknown key id (rotation), keys pinned
 * to their own algorithm.
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK } from 'jose';
import type { JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedAlgorithms, createJwtVerifier } from '../src/cli/jwt.js';
import type { JwtClaims, JwtKey, JwtVerifyOptions } from '../src/cli/jwt.js';
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

const verify = (t: string, options: JwtVerifyOptions): Promise<JwtClaims> => createJwtVerifier(options).verify(t);


describe('createJwtVerifier (jose) with a secret or a public key', () => {
  it('accepts valid HS256, HS512, RS256 and ES256 tokens', async () => {
    expect(await verify(token('HS256', claims, secret), { key: hs })).toEqual(claims);
    expect(await verify(token('HS512', claims, secret), { key: hs })).toEqual(claims);
    expect(await verify(token('RS256', claims, rsa.privateKey), { key: rs })).toEqual(claims);
    expect(await verify(token('ES256', claims, ec.privateKey), { key: es })).toEqual(claims);
  });

  it('checks exp and nbf with a 30 s tolerance', async () => {
    await expect(verify(token('HS256', { sub: 'a', exp: now - 31 }, secret), { key: hs })).rejects.toThrow('token expired');
    expect((await verify(token('HS256', { sub: 'a', exp: now - 10 }, secret), { key: hs }))['sub']).toBe('a');
    await expect(verify(token('HS256', { sub: 'a', nbf: now + 60 }, secret), { key: hs })).rejects.toThrow('claim "nbf" check failed');
    expect((await verify(token('HS256', { sub: 'a', nbf: now + 10 }, secret), { key: hs }))['sub']).toBe('a');
    await expect(verify(token('HS256', { sub: 'a', exp: 'soon' }, secret), { key: hs })).rejects.toThrow('claim "exp" check failed');
  });

  it('checks the issuer and the audience (a string or an array)', async () => {
    const t = token('HS256', { ...claims, iss: 'https://idp.example', aud: ['chat', 'other'] }, secret);
    expect((await verify(t, { key: hs, issuer: 'https://idp.example', audience: 'chat' }))['sub']).toBe('alice');
    await expect(verify(t, { key: hs, issuer: 'https://evil.example' })).rejects.toThrow('claim "iss" check failed');
    await expect(verify(t, { key: hs, audience: 'billing' })).rejects.toThrow('claim "aud" check failed');
    expect((await verify(token('HS256', { ...claims, aud: 'chat' }, secret), { key: hs, audience: 'chat' }))['sub']).toBe('alice');
    await expect(verify(token('HS256', claims, secret), { key: hs, audience: 'chat' })).rejects.toThrow('claim "aud" check failed');
  });

  it('rejects a tampered payload and a wrong key', async () => {
    const [h, , s] = token('HS256', claims, secret).split('.');
    const forged = `${h ?? ''}.${b64({ ...claims, sub: 'admin' })}.${s ?? ''}`;
    await expect(verify(forged, { key: hs })).rejects.toThrow('bad signature');
    const [rh, , rsig] = token('RS256', claims, rsa.privateKey).split('.');
    await expect(verify(`${rh ?? ''}.${b64({ ...claims, sub: 'admin' })}.${rsig ?? ''}`, { key: rs })).rejects.toThrow('bad signature');
    await expect(verify(token('HS256', claims, Buffer.from('another secret')), { key: hs })).rejects.toThrow('bad signature');
    await expect(verify(token('RS256', claims, otherRsa.privateKey), { key: rs })).rejects.toThrow('bad signature');
  });

  it('rejects alg none, and an algorithm outside the key family (alg confusion)', async () => {
    await expect(verify(token('none', claims, null), { key: hs })).rejects.toThrow('not allowed');
    await expect(verify(token('none', claims, null), { key: rs })).rejects.toThrow('not allowed');
    // The classic attack: an HS256 token whose HMAC key is the server's RSA public key PEM.
    const pem = Buffer.from(rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    await expect(verify(token('HS256', claims, pem), { key: rs })).rejects.toThrow('not allowed');
    await expect(verify(token('RS256', claims, rsa.privateKey), { key: es })).rejects.toThrow('not allowed');
    await expect(verify(token('ES256', claims, ec.privateKey), { key: rs })).rejects.toThrow('not allowed');
    expect(allowedAlgorithms({ publicKey: createPublicKey(ec.privateKey) })).toEqual(['ES256']);
  });

  it('rejects malformed tokens', async () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a.b.c', `${b64({ alg: 'HS256' })}.${b64([1])}.x`, `${b64({ alg: 'HS256' })}.e30.a+b`]) {
      await expect(verify(bad, { key: hs })).rejects.toThrow();
    }
    await expect(verify('a'.repeat(20000), { key: hs })).rejects.toThrow('too long');
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

/** A JWKS endpoint on a free port; `keys` is what it serves now, `fetches` how often it was asked. */
async function jwksServer(): Promise<{ url: URL; keys: JWK[]; fetches: number; close(): Promise<void> }> {
  const state = { keys: [] as JWK[], fetches: 0 };
  const server = createServer((_req, res) => {
    state.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return {
    url: new URL(`http://127.0.0.1:${String(port)}/.well-known/jwks.json`),
    get keys() {
      return state.keys;
    },
    set keys(value) {
      state.keys = value;
    },
    get fetches() {
      return state.fetches;
    },
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const jwk = async (publicKey: KeyObject, kid: string, alg: string): Promise<JWK> => ({ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' });
const signed = (alg: string, kid: string, key: KeyObject | Uint8Array): Promise<string> =>
  new SignJWT({ ...claims }).setProtectedHeader({ alg, kid }).sign(key);

describe('createJwtVerifier (jose) with a remote JWKS', () => {
  it('fetches the key set once, then serves verifications from its cache', async () => {
    const idp = await jwksServer();
    idp.keys = [await jwk(rsa.publicKey, 'k1', 'RS256')];
    const verifier = createJwtVerifier({ key: { jwksUrl: idp.url } });
    expect(await verifier.verify(await signed('RS256', 'k1', rsa.privateKey))).toEqual(claims);
    expect(await verifier.verify(await signed('RS256', 'k1', rsa.privateKey))).toEqual(claims);
    expect(idp.fetches).toBe(1);
  });

  it('follows a key rotation: an unknown key id refetches the set; a retired key is refused', async () => {
    const idp = await jwksServer();
    idp.keys = [await jwk(rsa.publicKey, 'k1', 'RS256')];
    const verifier = createJwtVerifier({ key: { jwksUrl: idp.url }, jwksCooldownMs: 0 });
    const old = await signed('RS256', 'k1', rsa.privateKey);
    expect(await verifier.verify(old)).toEqual(claims);
    idp.keys = [await jwk(ec.publicKey, 'k2', 'ES256')];
    expect(await verifier.verify(await signed('ES256', 'k2', ec.privateKey))).toEqual(claims);
    expect(idp.fetches).toBe(2);
    await expect(verifier.verify(old)).rejects.toThrow('no key of the JWKS matches the token');
  });

  it('pins each key to its own algorithm; HMAC and alg none are never accepted from a JWKS', async () => {
    const idp = await jwksServer();
    idp.keys = [await jwk(rsa.publicKey, 'k1', 'RS256'), { kty: 'oct', k: Buffer.from(secret).toString('base64url'), kid: 'h1', alg: 'HS256' }];
    const verifier = createJwtVerifier({ key: { jwksUrl: idp.url } });
    // The same RSA key, another algorithm than the one its JWK names.
    await expect(verifier.verify(await signed('RS384', 'k1', rsa.privateKey))).rejects.toThrow('no key of the JWKS matches the token');
    await expect(verifier.verify(await signed('HS256', 'h1', secret))).rejects.toThrow('algorithm not allowed');
    await expect(verifier.verify(token('none', claims, null))).rejects.toThrow('not allowed');
    // A forged token under the right key id.
    await expect(verifier.verify(await signed('RS256', 'k1', otherRsa.privateKey))).rejects.toThrow('bad signature');
  });

  it('an unreachable JWKS refuses the token with a reason', async () => {
    const idp = await jwksServer();
    const url = idp.url;
    await idp.close();
    const verifier = createJwtVerifier({ key: { jwksUrl: url }, jwksCooldownMs: 0, jwksTimeoutMs: 1000 });
    await expect(verifier.verify(await signed('RS256', 'k1', rsa.privateKey))).rejects.toThrow(/ECONNREFUSED|fetch failed|ERR_/);
  });
});
