import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests run against the TypeScript sources; the built dist is exercised by the
// server's CLI and package-export tests.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@chat-service\/core\/protocol$/, replacement: src('core/src/protocol/index.ts') },
      { find: /^@chat-service\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@chat-service\/core\/contracts$/, replacement: src('core/src/testing/contracts/index.ts') },
      { find: /^@chat-service\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@chat-service\/store-memory$/, replacement: src('store-memory/src/index.ts') },
      { find: /^@chat-service\/store-redis$/, replacement: src('store-redis/src/index.ts') },
      { find: /^@chat-service\/transport-socketio$/, replacement: src('transport-socketio/src/index.ts') },
      { find: /^@chat-service\/transport-ws$/, replacement: src('transport-ws/src/index.ts') },
      { find: /^@chat-service\/server$/, replacement: src('server/src/index.ts') },
      { find: /^@chat-service\/client$/, replacement: src('client/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/{src,test}/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./packages/test-support/src/global-setup.ts'],
  },
});
