import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // `@chat-service/core/protocol` (a dependency) stays an import, in the code and the declarations.
    // tsconfig.json is composite for the root's `tsc -b`; tsup's declaration build lists only the entries, which composite rejects (TS6307).
    dts: { compilerOptions: { composite: false } },
    // The browser bundle below writes dist/browser at the same time: keep it.
    clean: ['!browser/**'],
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
  },
  {
    // One minified ES module for a browser's <script type="module"> or import map,
    // with no bare imports left: `@chat-service/client/browser`.
    entry: { 'chat-service-client': 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
    clean: true,
  },
]);
