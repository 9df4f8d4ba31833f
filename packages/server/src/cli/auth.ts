/**
 * The `onConnect` hooks of the `--auth` modes: `dev` (trusts `?user=`) and
 * `jwt` (verifies a token from `?token=` or `Authorization: Bearer`).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { ChatServiceError } from '@chat-service/core';
import type { HandshakeData, Logger } from '@chat-service/core';
import type { ChatService } from '../chat-service.js';
import type { JwtSettings } from './args.js';
import { createJwtVerifier } from './jwt.js';
import type { JwtClaims, JwtKey } from './jwt.js';

/** An `onConnect` hook of the command. */
export type AuthHook = (server: ChatService, id: string) => unknown;

/** Development mode: the `user` query parameter (or socket.io 4's `auth.user`) is the user name. */
export const devAuth: AuthHook = (server, id) => {
  const { query, auth } = server.transport.getHandshakeData(id);
  return query['user'] ?? auth?.['user'];
};

/** Reads the key of the JWT settings. @throws {Error} when the public key file is unreadable or not a PEM public key */
export function loadJwtKey(settings: JwtSettings): JwtKey {
  if (settings.secret !== undefined) return { secret: Buffer.from(settings.secret, 'utf8') };
  if (settings.jwksUrl !== undefined) return { jwksUrl: new URL(settings.jwksUrl) };
  const file = settings.publicKeyFile ?? '';
  try {
    const publicKey = createPublicKey(readFileSync(file));
    return { publicKey };
  } catch (error) {
    throw new Error(`--jwt-public-key ${file}: not a readable PEM public key (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The token of a handshake: `?token=`, else `Authorization: Bearer <token>`. */
export function handshakeToken(handshake: HandshakeData): string | undefined {
  const query = handshake.query['token'];
  if (typeof query === 'string' && query !== '') return query;
  const header = handshake.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The `--auth jwt` hook: the user name is the `settings.claim` claim of a
 * valid token; the client's `loginConfirmed` auth data carries only `exp`.
 * A missing token rejects with `noLogin`, an invalid one with `notAllowed`;
 * the precise reason is logged, never sent.
 */
export function createJwtAuth(settings: JwtSettings, logger: Logger): AuthHook {
  const verifier = createJwtVerifier({ key: loadJwtKey(settings), issuer: settings.issuer, audience: settings.audience });
  return async (server, id) => {
    const handshake = server.transport.getHandshakeData(id);
    const token = handshakeToken(handshake);
    if (token === undefined) {
      logger.debug('jwt auth: no token', { id });
      throw new ChatServiceError('noLogin');
    }
    let claims: JwtClaims;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      logger.warn('jwt auth: token rejected', { id, address: handshake.address, reason: error instanceof Error ? error.message : String(error) });
      throw new ChatServiceError('notAllowed');
    }
    const userName = claims[settings.claim];
    if (typeof userName !== 'string' || userName === '') {
      logger.warn('jwt auth: token rejected', { id, address: handshake.address, reason: `claim "${settings.claim}" is not a non-empty string` });
      throw new ChatServiceError('notAllowed');
    }
    return [userName, typeof claims['exp'] === 'number' ? { exp: claims['exp'] } : {}];
  };
}
