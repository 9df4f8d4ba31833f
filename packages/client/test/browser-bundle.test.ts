/**
 * The client bundles for a browser on its own: no Node.js built-ins or
 * globals, nothing from socket.io-client at runtime (its types only), and of
 * core only its dependency-free protocol subpath, as a bundler would see it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const protocolDir = fileURLToPath(new URL('../../core/src/protocol/', import.meta.url));

describe('browser bundle', () => {
  it('bundles with platform browser from the client sources and core/protocol alone', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      alias: { '@chat-service/core/protocol': `${protocolDir}index.ts` },
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs).map((input) => fileURLToPath(new URL(input, `file://${process.cwd()}/`)));
    expect(inputs.filter((input) => !input.startsWith(srcDir) && !input.startsWith(protocolDir))).toEqual([]);
    expect(inputs.some((input) => input.startsWith(protocolDir))).toBe(true);
    const code = result.outputFiles.map((file) => file.text).join('\n');
    expect(code).not.toMatch(/^import\b|\brequire\(|node:|\bprocess\.|\bBuffer\b/m);
  });
});
