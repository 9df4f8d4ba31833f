/**
 * `npx chat-service` in a clone runs this repository's command: the root
 * package links the server's bin (a fresh `npm ci` cannot link the
 * workspace's own, whose file is only built later), and `--no` makes npx
 * refuse to fetch a registry package of the same name.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function readJson(path: string): { bin?: Record<string, string> } {
  return JSON.parse(readFileSync(new URL(path, `file://${ROOT}`), 'utf8')) as { bin?: Record<string, string> };
}

describe('npx chat-service in the clone', () => {
  it('the root package links the server workspace command', () => {
    const server = readJson('packages/server/package.json').bin?.['chat-service'];
    expect(server).toBe('./dist/cli.js');
    expect(readJson('package.json').bin).toEqual({ 'chat-service': 'packages/server/dist/cli.js' });
  });

  it('npx --no -- chat-service --help prints this command usage, offline', async () => {
    const child = spawn('npx', ['--no', '--', 'chat-service', '--help'], { cwd: ROOT, env: { ...process.env, npm_config_offline: 'true' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(out).toMatch(/^Usage: chat-service \[options\]/);
    expect(out).toContain('--no-socketio-v2');
    expect(code).toBe(0);
  });
});
