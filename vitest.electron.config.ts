import { defineConfig } from 'vitest/config';

// The real Electron app (tests/electron), for machines with the Electron binary: `npm run test:electron`.
export const config = defineConfig({
  test: {
    include: ['tests/electron/**/*.electron.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// vitest loads the config module's default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
