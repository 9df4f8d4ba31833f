/**
 * Why the command could not start, in one line for the operator: the cause
 * and what to change, never a stack trace.
 *
 * @module
 */
import { OptionError } from '@chat-service/core';
import type { CliSettings } from './args.js';

function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** One line saying why the start failed (without the `chat-service:` prefix). */
export function explainStartFailure(error: unknown, settings: Pick<CliSettings, 'port' | 'host' | 'config'>): string {
  const code = codeOf(error);
  const where = settings.host ? `${settings.host}:${String(settings.port)}` : `port ${String(settings.port)}`;
  if (code === 'EADDRINUSE') {
    return `${where} is already in use (is another chat-service running?): stop it, or choose another port with --port <n> or PORT=<n>`;
  }
  if (code === 'EACCES') return `no permission to listen on ${where}: choose a port above 1023 with --port <n> or PORT=<n>`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: no such local address; fix --host or HOST`;
  if (error instanceof OptionError && settings.config) return `${settings.config}: ${error.message}`;
  return firstLine(error);
}
