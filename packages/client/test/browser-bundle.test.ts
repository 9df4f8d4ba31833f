/**
 * The client bundles for a browser on its own: no Node.js built-ins or
 * globals, and nothing from core or socket.io-client at runtime (their types
 * only), as a bundler would see it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

describe('browser bundle', () => {
  it('bundles with platform browser from the client sources alone', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs).map((input) => fileURLToPath(new URL(input, `file://${process.cwd()}/`)));
    expect(inputs.filter((input) => !input.startsWith(srcDir))).toEqual([]);
    const code = result.outputFiles.map((file) => file.text).join('\n');
    expect(code).not.toMatch(/^import\b|\brequire\(|node:|\bprocess\.|\bBuffer\b/m);
  });
});
