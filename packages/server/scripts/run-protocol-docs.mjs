// `npm run docs:protocol`: bundles the generator from the TypeScript sources
// (no build needed) next to itself, so its paths hold, and runs it.
import { rm } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outfile = here('./protocol-docs/main.bundle.mjs');
await build({
  entryPoints: [here('./protocol-docs/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  alias: {
    '@chat-service/core/protocol': here('../../core/src/protocol/index.ts'),
    '@chat-service/core': here('../../core/src/index.ts'),
  },
  logLevel: 'warning',
});
try {
  await import(new URL('./protocol-docs/main.bundle.mjs', import.meta.url).href);
} finally {
  await rm(outfile, { force: true });
}
