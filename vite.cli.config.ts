import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The `custodian` CLI: the core and the CLI bundled for Node 20 into out/cli/index.js (the
 * entry, with the command table in its first chunk) and chunks it imports when a command needs them (the runner with the core,
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
      output: {
        format: 'es',
        entryFileNames: 'index.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Each ES module costs about a millisecond to resolve, read and link, whatever its size, and
        // loading handlers per method (core/method-handlers.ts) left totp loading some 50 small
        // chunks. So three chunks hold what is always loaded together: the command table (help
        // loads it alone), the runner with the core it imports, and sign-in (vault.handlers, which
        // every signed-in command calls). A group takes its module and everything it imports that
        // a higher group has not taken; handler modules stay chunks of their own. A fourth, small
        // one (cli/early-sign-in.ts: better-sqlite3 and the scrypt) starts a sign-in's scrypt
        // before the runner loads, so the scrypt must not sit in the runner's chunk. The entry
        // (electron/cli/index.ts) stays out: the runner imports from the command table's chunk,
        // and with the entry's top-level await in it that import would never settle (exit 13).
        codeSplitting: {
          groups: [
            { name: 'commands', test: /electron[\\/]cli[\\/]run-cli\.ts$/, priority: 4 },
            { name: 'early-sign-in', test: /electron[\\/]cli[\\/]early-sign-in\.ts$/, priority: 3 },
            { name: 'runner', test: /electron[\\/]cli[\\/]run-command\.ts$/, priority: 2 },
            { name: 'sign-in', test: /electron[\\/]core[\\/]vault[\\/]vault\.handlers\.ts$/, priority: 1 },
          ],
        },
      },
    },
  },
  ssr: { noExternal: true, external: EXTERNAL },
});

// vite loads a config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default cliConfig;
