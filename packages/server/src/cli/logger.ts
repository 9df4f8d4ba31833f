/**
 * JSON-lines logger of the command-line server.
 *
 * @module
 */
import type { Logger } from '@chat-service/core';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

function serialise(context: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(context ?? {})) out[k] = v instanceof Error ? { message: v.message, name: v.name } : v;
  return out;
}

/** A logger writing one JSON object per line to `write`. */
export function createJsonLogger(level: keyof typeof LEVELS, write: (line: string) => void): Logger {
  const min = LEVELS[level];
  const log = (lvl: Exclude<keyof typeof LEVELS, 'silent'>) => (message: string, context?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...serialise(context) })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
