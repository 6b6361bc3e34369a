import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Core } from '../../electron/core/app';
import { launchE2eBrowser } from '../support/e2e-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../support/e2e-renderer-build';
import { ADMIN, type BenchDataset } from './bench-dataset';
import { median, round, target, type Figure } from './bench-report';

// A static `import … from "./x.js"` or `import "./x.js"` in a built chunk; never `import(…)`,
// which is how the lazy pages load, and never `import.meta`.
const STATIC_IMPORT = /\bimport\s*(?:[\w$\s{},*]+?from\s*)?["']([^"']+)["']/g;

/**
 * Every JavaScript file the first page load executes: index.html's module scripts and
 * modulepreloads, and everything those import statically, followed through the built
 * chunks themselves, so a shared chunk counts even if no modulepreload names it. Chunks
 * reached only through dynamic import() (the lazily loaded console pages) are left out.
 */
function initialScripts(html: string): string[] {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => posix.normalize(m[1] ?? m[2] ?? ''));
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(RENDERER_OUT, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) {
      const spec = m[1] ?? '';
      const target = posix.join(posix.dirname(file), spec);
      // Only a built file: a string in the code that merely looks like an import is ignored.
      if ((spec.startsWith('./') || spec.startsWith('../')) && existsSync(join(RENDERER_OUT, target))) queue.push(target);
    }
  }
  return [...seen];
}

/**
 * The JavaScript the window must load before it can show anything (initialScripts), gzipped
 * at zlib's default level, as a web server would send them.
 */
export async function measureBundle(): Promise<Figure> {
  await ensureRendererBuilt();
  const html = readFileSync(join(RENDERER_OUT, 'index.html'), 'utf8');
  const refs = initialScripts(html);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
  const size = (files: string[]) =>
    files.reduce(
      (sum, file) => {
        const bytes = readFileSync(join(RENDERER_OUT, file));
        return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes).length };
      },
      { raw: 0, gzip: 0 },
    );
  const js = size(refs);
  const styles = size(css);
  const kb = js.gzip / 1024;
  return {
    id: 'renderer.bundle',
    title: 'Renderer: initial JavaScript, gzipped',
    value: round(kb, 1),
    unit: 'KB',
    limit: null,
    ratio: null,
    target: target('≤ 250 KB', [{ actual: kb, bound: 250, kind: 'max', unit: 'KB' }]),
    details: { files: refs.length, rawKb: round(js.raw / 1024, 1), cssGzipKb: round(styles.gzip / 1024, 1) },
  };
}

/**
 * Time to the dashboard in headless Chromium over the big vault: a signed-in window is
 * reloaded (the session lives in main, so the app goes straight to the console), and the
 * clock stops when the dashboard's summary and channel names have arrived and been painted.
 * Measured from the page's own navigation start. The core's share (the two calls) is shown.
 */
export async function measureTimeToDashboard(ds: BenchDataset): Promise<Figure> {
  const browser = await launchE2eBrowser();
  const calls: { method: string; ms: number }[] = [];
  let pending = new Set<string>();
  const timedCore: Core = {
    ...ds.core,
    dispatch: async (token, method, input) => {
      const start = performance.now();
      pending.add(method);
      try {
        return await ds.core.dispatch(token, method, input);
      } finally {
        pending.delete(method);
        calls.push({ method, ms: performance.now() - start });
      }
    },
  };
  const loads: number[] = [];
  const coreMs: number[] = [];
  try {
    const app = await browser.openApp(timedCore);
    const { page } = app;
    await page.getByLabel('Email address').waitFor();
    const signedIn = await app.session.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
    for (let i = 0; i < 4; i += 1) {
      calls.length = 0;
      pending = new Set();
      await page.reload();
      await page.getByRole('heading', { name: 'Recent use of login details' }).waitFor({ timeout: 30_000 });
      while (pending.has('channel.list') || !calls.some((c) => c.method === 'channel.list')) await new Promise((done) => setTimeout(done, 5));
      // The next frame after the last answer: what the user sees is painted.
      const at = (await page.evaluate('new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0)))')) as number;
      loads.push(at);
      coreMs.push(calls.filter((c) => c.method === 'dashboard.summary' || c.method === 'channel.list').reduce((max, c) => Math.max(max, c.ms), 0));
    }
    await app.screenshot('bench-dashboard');
    await app.close();
  } finally {
    await browser.close();
  }
  // The first load warms Chromium's compile cache; a user opening the app gets the later ones.
  const value = median(loads.slice(1));
  return {
    id: 'renderer.dashboard',
    title: 'Renderer: time to the dashboard in headless Chromium (big vault), median of 3',
    value: round(value, 0),
    unit: 'ms',
    limit: { what: "the core's dashboard.summary / channel.list answer alone", value: round(median(coreMs.slice(1)), 1), unit: 'ms' },
    ratio: round(median(coreMs.slice(1)) / value, 2),
    target: target('≤ 1 s', [{ actual: value, bound: 1000, kind: 'max', unit: 'ms' }]),
    details: { firstLoadMs: round(loads[0] ?? Number.NaN, 0), loadsMs: loads.map((ms) => Math.round(ms)).join(', ') },
  };
}
