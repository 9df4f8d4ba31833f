import { defineConfig } from 'tsup';

// The library entry. The `chat-service` command is built after it by the
// package's build script, as an ESM-only executable (it runs on import, so it
// is no library entry).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // tsconfig.json is composite for the root's `tsc -b`; tsup's declaration build lists only the entries, which composite rejects (TS6307).
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // import.meta.url in the CommonJS build too (the web chat's files are found from it)
  shims: true,
});
