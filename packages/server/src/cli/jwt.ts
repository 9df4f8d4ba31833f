/**
 * A small JWS-compact JWT verifier on `node:crypto` (no dependency): HMAC
 * (HS256/384/512) with a shared secret, RSA (RS256/384/512) or ECDSA
 * (ES256/384) with a public key. The algorithm family is fixed by the key,
 * never by the token, so `alg: none` and algorithm confusion (an HS256 token
 * "signed" with the RSA public key) are rejected.
 *
 * @module
 */
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** The claims of a verified token. */
export type JwtClaims = Record<string, unknown>;

/** The key a token must be signed with. */
export type JwtKey = { secret: Buffer } | { publicKey: KeyObject };

/** Options of {@link verifyJwt}. */
export interface JwtVerifyOptions {
  key: JwtKey;
  /** The required `iss` claim, if any. */
  issuer?: string | undefined;
  /** The required `aud` (the token's `aud` may be a string or an array). */
  audience?: string | undefined;
  /** Leeway for `exp` and `nbf`, in seconds. @default 30 */
  clockToleranceSec?: number | undefined;
  /** The current time in ms. @default Date.now() */
  now?: number | undefined;
}

const HASHES: Record<string, string> = {
  HS256: 'sha256', HS384: 'sha384', HS512: 'sha512',
  RS256: 'sha256', RS384: 'sha384', RS512: 'sha512',
  ES256: 'sha256', ES384: 'sha384',
};
const EC_CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1' };
const MAX_TOKEN_LENGTH = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The algorithms a key accepts: its family only. */
export function allowedAlgorithms(key: JwtKey): string[] {
  if ('secret' in key) return ['HS256', 'HS384', 'HS512'];
  const type = key.publicKey.asymmetricKeyType;
  if (type === 'rsa') return ['RS256', 'RS384', 'RS512'];
  if (type === 'ec') {
    const curve = key.publicKey.asymmetricKeyDetails?.namedCurve;
    return Object.keys(EC_CURVES).filter((alg) => EC_CURVES[alg] === curve);
  }
  return [];
}

function decodeJson(part: string, what: string): JwtClaims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`malformed ${what}: not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`malformed ${what}: not a JSON object`);
  return value as JwtClaims;
}

function signatureValid(alg: string, key: JwtKey, data: Buffer, signature: Buffer): boolean {
  const hash = HASHES[alg] ?? 'sha256';
  if ('secret' in key) {
    const expected = createHmac(hash, key.secret).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  try {
    const dsaEncoding = alg.startsWith('ES') ? 'ieee-p1363' : 'der';
    return verify(hash, data, { key: key.publicKey, dsaEncoding }, signature);
  } catch {
    return false;
  }
}

function numericDate(claims: JwtClaims, name: string): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`malformed token: "${name}" is not a number`);
  return value;
}

function checkClaims(claims: JwtClaims, options: JwtVerifyOptions): void {
  const now = (options.now ?? Date.now()) / 1000;
  const leeway = options.clockToleranceSec ?? 30;
  const exp = numericDate(claims, 'exp');
  const nbf = numericDate(claims, 'nbf');
  if (exp !== undefined && now > exp + leeway) throw new Error('token expired');
  if (nbf !== undefined && now + leeway < nbf) throw new Error('token not yet valid (nbf)');
  if (options.issuer !== undefined && claims['iss'] !== options.issuer) throw new Error('issuer mismatch');
  if (options.audience !== undefined) {
    const aud = claims['aud'];
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(options.audience)) throw new Error('audience mismatch');
  }
}

/**
 * Verifies a compact JWS token and its time and issuer / audience claims.
 *
 * @param token - `header.payload.signature`, base64url
 * @param options - the key and the optional checks
 * @returns the token's claims
 * @throws {Error} with the reason (never containing the token) when it is not valid
 */
export function verifyJwt(token: string, options: JwtVerifyOptions): JwtClaims {
  if (token.length > MAX_TOKEN_LENGTH) throw new Error('token too long');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw new Error('malformed token: expected 3 base64url parts');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart, 'header');
  const alg = header['alg'];
  if (typeof alg !== 'string' || !allowedAlgorithms(options.key).includes(alg)) {
    throw new Error(`algorithm ${typeof alg === 'string' ? JSON.stringify(alg.slice(0, 16)) : 'missing'} not allowed for the configured key`);
  }
  if (header['crit'] !== undefined) throw new Error('unsupported "crit" header');
  const data = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (!signatureValid(alg, options.key, data, Buffer.from(signaturePart, 'base64url'))) throw new Error('bad signature');
  const claims = decodeJson(payloadPart, 'payload');
  checkClaims(claims, options);
  return claims;
}
