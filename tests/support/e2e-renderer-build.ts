import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The end-to-end suite runs the BUILT renderer (out/renderer), as the app does. It is built
 * here, renderer only, with electron-vite's own resolved renderer config (same target, base,
 * CSP-safe settings as `npm run build`), whenever the sources changed since the last build.
 * A stamp beside the output records a hash of everything the bundle is made from, and a lock
 * folder keeps parallel test files from building into the same folder at once.
 */
export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
const STAMP = join(ROOT, 'out/.renderer-build-stamp');
const LOCK = join(ROOT, 'out/.renderer-build-lock');
const LOCK_STALE_MS = 3 * 60_000;

/** Every input of the bundle: the renderer, the shared code it imports, the config, the lockfile. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry));
      return;
    }
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const path of ['renderer', 'shared', 'electron.vite.config.ts', 'package-lock.json']) add(join(ROOT, path));
  return hash.digest('hex');
}

function isFresh(hash: string): boolean {
  return existsSync(join(RENDERER_OUT, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
}

async function acquireLock(): Promise<() => void> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run must not block every later run.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

async function buildRenderer(): Promise<void> {
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  // vitest runs with NODE_ENV=test, which would make React's development build go into the
  // bundle; the app ships the production build, so that is what the suite must test.
  const saved = { nodeEnv: process.env.NODE_ENV, electronVite: process.env.NODE_ENV_ELECTRON_VITE };
  process.env.NODE_ENV = 'production';
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  try {
    const resolved = await resolveConfig({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' }, 'build', 'production');
    const renderer = resolved.config?.renderer;
    if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer config.');
    await build({ ...renderer, configFile: false, logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = saved.nodeEnv;
    if (saved.electronVite === undefined) delete process.env.NODE_ENV_ELECTRON_VITE;
    else process.env.NODE_ENV_ELECTRON_VITE = saved.electronVite;
  }
}

/** Builds out/renderer unless it is already built from the current sources. */
export async function ensureRendererBuilt(): Promise<void> {
  if (isFresh(sourceHash())) return;
  const release = await acquireLock();
  try {
    // Another test file may have built it while this one waited for the lock.
    const hash = sourceHash();
    if (isFresh(hash)) return;
    rmSync(STAMP, { force: true });
    await buildRenderer();
    writeFileSync(STAMP, hash);
  } finally {
    release();
  }
}
