/**
 * JWT verification of `--auth jwt`, on `jose`: an HMAC secret (HS256/384/512),
 * a PEM public key (RS256/384/512 or ES256/384 by its curve), or a remote
 * JWKS as identity providers publish it (cached, refetched when a token
 * names an unknown key id, so key rotation needs no restart). The accepted
 * algorithms are fixed by the key, never by the token: `alg: none` and
 * algorithm confusion (an HS256 token "signed" with an RSA public key) fail.
 *
 * @module
 */
import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';

/** The claims of a verified token. */
export type JwtClaims = Record<string, unknown>;

/** Where the verification key comes from. */
export type JwtKey = { secret: Uint8Array } | { publicKey: KeyObject } | { jwksUrl: URL };

/** Options of {@link createJwtVerifier}. */
export interface JwtVerifyOptions {
  key: JwtKey;
  /** The required `iss` claim, if any. */
  issuer?: string | undefined;
  /** The required `aud` (the token's `aud` may be a string or an array). */
  audience?: string | undefined;
  /** Leeway for `exp` and `nbf`, in seconds. @default 30 */
  clockToleranceSec?: number | undefined;
  /** JWKS: how long a fetched key set is used before it is fetched again, in ms. @default 600000 */
  jwksCacheMaxAgeMs?: number | undefined;
  /** JWKS: the least time between two fetches caused by unknown key ids, in ms. @default 30000 */
  jwksCooldownMs?: number | undefined;
  /** JWKS: the fetch timeout, in ms. @default 5000 */
  jwksTimeoutMs?: number | undefined;
}

/** Verifies tokens against one configured key. */
export interface JwtVerifier {
  /** The algorithms this key accepts. */
  readonly algorithms: readonly string[];
  /**
   * @returns the claims of a valid token
   * @throws {Error} with the reason (never containing the token) when it is not valid
   */
  verify(token: string): Promise<JwtClaims>;
}

const EC_CURVES: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384' };
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const MAX_TOKEN_LENGTH = 16 * 1024;

/** The algorithms a key accepts: its family only (a JWKS: asymmetric ones, each key further pinned by its own `kty`/`alg`). */
export function allowedAlgorithms(key: JwtKey): string[] {
  if ('secret' in key) return ['HS256', 'HS384', 'HS512'];
  if ('jwksUrl' in key) return [...ASYMMETRIC];
  const type = key.publicKey.asymmetricKeyType;
  if (type === 'rsa') return ['RS256', 'RS384', 'RS512'];
  if (type === 'ec') {
    const alg = EC_CURVES[key.publicKey.asymmetricKeyDetails?.namedCurve ?? ''];
    return alg ? [alg] : [];
  }
  return [];
}

/** A short reason for a refusal, from jose's error classes. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" check failed: ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed for the configured key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token';
  if (error instanceof errors.JWKSTimeout) return 'JWKS fetch timed out';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A verifier for one key: checks the signature, `exp` / `nbf` (with leeway),
 * and the issuer and audience when configured.
 *
 * @example
 * ```ts
 * const verifier = createJwtVerifier({ key: { jwksUrl: new URL('https://idp.example/.well-known/jwks.json') }, issuer: 'https://idp.example/' });
 * const claims = await verifier.verify(token);
 * ```
 */
export function createJwtVerifier(options: JwtVerifyOptions): JwtVerifier {
  const { key } = options;
  const algorithms = allowedAlgorithms(key);
  let getKey: Uint8Array | KeyObject | JWTVerifyGetKey;
  if ('secret' in key) getKey = key.secret;
  else if ('publicKey' in key) getKey = key.publicKey;
  else {
    getKey = createRemoteJWKSet(key.jwksUrl, {
      cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      timeoutDuration: options.jwksTimeoutMs ?? 5000,
    });
  }
  const verifyOptions = {
    algorithms,
    clockTolerance: options.clockToleranceSec ?? 30,
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
  };
  return {
    algorithms,
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) throw new Error('token too long');
      try {
        const { payload } =
          typeof getKey === 'function' ? await jwtVerify(token, getKey, verifyOptions) : await jwtVerify(token, getKey, verifyOptions);
        return payload;
      } catch (error) {
        throw new Error(reasonOf(error), { cause: error });
      }
    },
  };
}
