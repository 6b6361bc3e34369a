import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * The desktop app: three bundles under out/.
 * - main (electron/main → out/main/index.js): ESM, because package.json says "type": "module"
 *   and package.json "main" points at that file.
 * - preload (electron/preload → out/preload/index.cjs): CommonJS, because a sandboxed preload
 *   is loaded by Electron's own require-like loader and cannot be an ES module.
 * - renderer (renderer/ → out/renderer): a plain static site served through app://.
 */
const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// Native modules are never bundled: they load at run time. keytar (N-API) from node_modules;
// better-sqlite3's JavaScript from node_modules too, but its addon from the Electron build
// that main passes as nativeBinding (build/electron/ in a checkout, resources/electron/ when
// packaged: docs/native-modules.md), so node_modules keeps the Node build for CLI and tests.
const nativeModules = ['better-sqlite3', 'keytar'];

export const electronViteConfig = defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Every package.json dependency stays an import resolved from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: fromRoot('electron/main/index.ts') },
        external: nativeModules,
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require only 'electron' and a few polyfilled modules, so
      // anything it uses must be bundled in, never left as a require of node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      emptyOutDir: true,
      // The CSP (script-src 'self', style-src 'self', font-src 'self') refuses inline code:
      // no module-preload polyfill (an inline <script>), and no assets inlined as data: URIs
      // (fonts would be refused; files are simpler to reason about).
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      cssCodeSplit: true,
      sourcemap: false,
      rolldownOptions: {
        input: { index: fromRoot('renderer/index.html') },
      },
    },
  },
});

// electron-vite loads the config file's default export; this is the one default export here.
// eslint-disable-next-line no-restricted-syntax
export default electronViteConfig;
