import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The `custodian` CLI: the core and the CLI bundled for Node 20 into out/cli/index.js.
 * Native and runtime dependencies stay external and load from node_modules.
 */
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export const cliConfig = defineConfig({
  define: { __CUSTODIAN_VERSION__: JSON.stringify(version) },
  build: {
    ssr: 'electron/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'keytar', 'kysely', 'otplib', 'zod', 'pdfkit', 'exceljs'],
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
  ssr: { noExternal: [] },
});

// vite loads a config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default cliConfig;
