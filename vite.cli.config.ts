import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The `custodian` CLI: the core and the CLI bundled for Node 20 into out/cli/index.js (the
 * command table) and chunks it imports when a command needs them (the runner with the core,
 * zxcvbn, the QR reader, the review writers). Plain-JS dependencies are bundled in: resolving
 * and compiling hundreds of files from node_modules was most of the CLI's start (issue 14).
 * External, loaded from node_modules: the native modules (better-sqlite3, keytar), pdfkit (it
 * reads its fonts from files beside its own code) and exceljs (CommonJS with optional
 * requires; loaded only by review export).
 */
const EXTERNAL = ['better-sqlite3', 'keytar', 'pdfkit', 'exceljs'];
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
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...EXTERNAL],
      output: { format: 'es', entryFileNames: 'index.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, external: EXTERNAL },
});

// vite loads a config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default cliConfig;
