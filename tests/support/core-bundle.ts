import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a child-process entry (a .ts file under tests/support) with the core, as the CLI
 * is bundled, into out/reliability/<name>.mjs, so plain node can run it in a process of its
 * own: one that can be killed with SIGKILL, or given an environment without a keychain.
 * Native and runtime packages stay external and load from node_modules. Takes well under a second.
 */
export async function bundleChild(entry: string, name: string): Promise<string> {
  const { build } = await import('vite');
  const outDir = join(REPO_ROOT, 'out', 'reliability', name);
  await build({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'silent',
    define: { __CUSTODIAN_VERSION__: JSON.stringify('test-child') },
    build: {
      ssr: join(REPO_ROOT, entry),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'keytar', 'kysely', 'otplib', 'zod', 'pdfkit', 'exceljs', 'pg'],
        output: { format: 'es', entryFileNames: `${name}.mjs` },
      },
    },
  });
  return join(outDir, `${name}.mjs`);
}
