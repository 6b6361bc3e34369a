import { defineConfig } from 'vitest/config';

// `npm run bench` only (docs/benchmarks.md): one long file, kept out of `npm test`, whose
// include is tests/**/*.test.ts.
export const benchConfig = defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    pool: 'forks',
    testTimeout: 15 * 60_000,
    hookTimeout: 120_000,
  },
});

// vitest loads the config module's default export.
// eslint-disable-next-line no-restricted-syntax
export default benchConfig;
