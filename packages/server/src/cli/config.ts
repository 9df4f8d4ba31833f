/**
 * Loads the config module of the command-line server, with errors that say
 * which file and line is wrong.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Hooks } from '@chat-service/core';
import type { ChatServiceOptions } from '../chat-service.js';

/** What a config module may export (named, or as the default export). */
export interface CliConfig {
  hooks?: Hooks;
  options?: ChatServiceOptions;
}

/** A config module that cannot be used; the message names the file (and the line when known). */
export class ConfigError extends Error {
  /** The message names the file; `cause` carries the error that loading or evaluating the module threw. */
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asConfig(value: unknown, file: string): CliConfig {
  if (!isObject(value)) return {};
  const out: CliConfig = {};
  for (const key of ['hooks', 'options'] as const) {
    const entry = value[key];
    if (entry === undefined) continue;
    if (!isObject(entry) || Array.isArray(entry)) throw new ConfigError(`config module ${file}: "${key}" must be an object`);
    if (key === 'hooks') out.hooks = entry;
    else out.options = entry;
  }
  return out;
}

/** `file:line` of a syntax error, from Node's own syntax check (an ES module's SyntaxError carries no location). */
function syntaxErrorLine(path: string): string | undefined {
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  const first = check.stderr.split('\n')[0] ?? '';
  return /:\d+$/.test(first) ? first : undefined;
}

/** `file:line` of the first stack frame inside `path`. */
function frameIn(error: unknown, path: string): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const url = pathToFileURL(path).href;
  for (const candidate of [url, path]) {
    const at = stack.indexOf(`${candidate}:`);
    if (at < 0) continue;
    const match = /^:(\d+)/.exec(stack.slice(at + candidate.length));
    if (match) return `${path}:${match[1] ?? ''}`;
  }
  return undefined;
}

function loadError(error: unknown, path: string, file: string): ConfigError {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(path)) return new ConfigError(`config module ${file} not found`, { cause: e });
  const place = (e instanceof SyntaxError ? syntaxErrorLine(path) : undefined) ?? frameIn(e, path) ?? path;
  return new ConfigError(`config module ${place.startsWith('file:') ? fileURLToPath(place) : place}: ${e.name}: ${e.message.split('\n')[0] ?? ''}`, { cause: e });
}

/**
 * Imports `file` and reads its `hooks` / `options`.
 *
 * @throws {ConfigError} when the file is missing, fails to load (naming the file and line), or exports neither `hooks` nor `options`
 */
export async function loadConfig(file: string | undefined): Promise<CliConfig> {
  if (!file) return {};
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError(`config module ${file} not found`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw loadError(error, path, file);
  }
  const config = { ...asConfig(mod['default'], file), ...asConfig(mod, file) };
  if (!config.hooks && !config.options) {
    throw new ConfigError(`config module ${file} exports neither "hooks" nor "options" (export const hooks = {...} and/or export const options = {...})`);
  }
  return config;
}
