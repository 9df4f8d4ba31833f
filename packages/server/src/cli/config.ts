/**
 * Loads the config module of the command-line server.
 *
 * @module
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hooks } from '@chat-service/core';
import type { ChatServiceOptions } from '../chat-service.js';

/** What a config module may export (named, or as the default export). */
export interface CliConfig {
  hooks?: Hooks;
  options?: ChatServiceOptions;
}

function asConfig(value: unknown): CliConfig {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: CliConfig = {};
  if (typeof v['hooks'] === 'object' && v['hooks'] !== null) out.hooks = v['hooks'] as Hooks;
  if (typeof v['options'] === 'object' && v['options'] !== null) out.options = v['options'] as ChatServiceOptions;
  return out;
}

/** Imports `file` and reads its `hooks` / `options`. */
export async function loadConfig(file: string | undefined): Promise<CliConfig> {
  if (!file) return {};
  const mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  const named = asConfig(mod);
  const fallback = asConfig(mod['default']);
  return { ...fallback, ...named };
}
