import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Inline the protocol types from core's (type-only, browser-safe) sources, so the
  // published declarations stand alone and core stays a dev dependency.
  dts: { resolve: ['@chat-service/core'], compilerOptions: { paths: { '@chat-service/core': ['../core/src/protocol-types.ts'] } } },
  clean: true,
  sourcemap: true,
  platform: 'neutral',
  target: 'es2022',
});
