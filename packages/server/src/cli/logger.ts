/**
 * The command's logger, on pino: JSON lines with level names and ISO times,
 * tokens redacted from headers, query objects and URLs, and the core's
 * `(message, context)` {@link Logger} shape on top of pino's `(context, message)`.
 *
 * For human-readable output in development, pipe the JSON through pino's
 * own formatter: `chat-service ... | npx pino-pretty` (no runtime dependency).
 *
 * @module
 */
import { pino } from 'pino';
import type { DestinationStream, Logger as Pino } from 'pino';
import type { Logger } from '@chat-service/core';

/** The levels of `--log-level`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** A core {@link Logger} that can bind fields for a connection, and exposes the pino logger beneath. */
export interface ServerLogger extends Logger {
  /** A logger whose lines all carry `bindings` (e.g. `{ socket, user }`). */
  child(bindings: Record<string, unknown>): ServerLogger;
  /** The pino logger beneath (every port takes this logger itself, in the core's `Logger` shape). */
  readonly pino: Pino;
}

/** Paths pino censors in every line. */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["proxy-authorization"]',
  'headers["sec-websocket-protocol"]',
  'query.token',
  'query.access_token',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.query.token',
  '*.query.access_token',
];

const TOKEN_IN_URL = /([?&](?:token|access_token|id_token|jwt)=)[^&#\s]*/gi;

/** A URL with its token parameters censored. */
export function redactUrl(url: unknown): unknown {
  return typeof url === 'string' ? url.replace(TOKEN_IN_URL, '$1[Redacted]') : url;
}

/** True when `NODE_DEBUG` names ChatService (the reference's debugging switch). */
export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  return (env['NODE_DEBUG'] ?? '').split(/[\s,]+/).some((section) => section.toLowerCase() === 'chatservice');
}

function wrap(base: Pino): ServerLogger {
  return {
    debug: (message, context) => { base.debug(context ?? {}, message); },
    info: (message, context) => { base.info(context ?? {}, message); },
    warn: (message, context) => { base.warn(context ?? {}, message); },
    error: (message, context) => { base.error(context ?? {}, message); },
    child: (bindings) => wrap(base.child(bindings)),
    pino: base,
  };
}

/**
 * The command's logger.
 *
 * @param level - the minimum level; `NODE_DEBUG=ChatService` lowers it to `debug`
 * @param destination - where lines go (stdout by default)
 * @param env - read for `NODE_DEBUG`
 */
export function createServerLogger(level: LogLevel, destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env): ServerLogger {
  const serializeError = pino.stdSerializers.err;
  const base = pino(
    {
      level: debugRequested(env) && level !== 'silent' ? 'debug' : level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      serializers: { err: serializeError, error: (value: unknown) => (value instanceof Error ? serializeError(value) : value), url: redactUrl },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return wrap(base);
}
