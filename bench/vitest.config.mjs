// The bench harness's own smoke test, apart from the packages' suite (it needs
// the built packages): `npx vitest run --config bench/vitest.config.mjs`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/test/**/*.test.mjs'], testTimeout: 60_000 },
});
