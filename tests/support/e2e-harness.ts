import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Result } from '../../shared/contract/result';
import { createCore, type Core, type FolderPicker } from '../../electron/core/app';
import type { Clock } from '../../electron/core/clock';
import { securityHeaders } from '../../electron/main/csp';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { createWindowSession, type WindowSession } from '../../electron/core/window-session';
import { ensureRendererBuilt, RENDERER_OUT, ROOT } from './e2e-renderer-build';
import { tempDir } from './test-vault';

/**
 * End-to-end harness: the built renderer in Debian's Chromium (never a downloaded browser),
 * served by request routing from an http origin of its own with the app's CSP header, and
 * window.custodian bound to a window session over a real core (temp data folder, real
 * keychain), the same object the preload exposes through ipcMain. Any console error, page
 * error, CSP violation or request leaving the origin fails the test when its page closes.
 */
export const APP_ORIGIN = 'http://custodian.test';
export const APP_URL = `${APP_ORIGIN}/index.html`;
/** Under out/, which .gitignore already covers. */
export const SCREENSHOT_DIR = join(ROOT, 'out/screenshots');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // A UK user's window: dates in native date fields read dd/mm/yyyy (needs Debian's chromium-l10n).
  '--lang=en-GB',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Console errors that are known and harmless, each with why. Keep this list short: anything
 * else the page logs as an error fails the test.
 */
const KNOWN_CONSOLE_ERRORS: { text: string; why: string }[] = [];

/**
 * Runs before any of the page's own scripts, in place of the preload: the same two-function
 * window.custodian. The CSP listener reports every violation, including ones the console
 * would word differently.
 */
const INIT_SCRIPT = `(() => {
  const invoke = (method, input) => window.__custodianInvoke(method, input);
  const on = () => () => {};
  Object.defineProperty(window, 'custodian', { value: Object.freeze({ invoke, on }), enumerable: true });
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__custodianReportCsp(event.violatedDirective + ' refused ' + (event.blockedURI || 'inline content') + ' (' + (event.sourceFile || 'document') + ':' + event.lineNumber + ')');
  });
})();`;

export interface E2eVault {
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

/** A data folder with no vault yet (first run) and its core over the real keychain; folderPicker stands in for main's dialog. */
export function createEmptyVault(options: { clock?: Clock; folderPicker?: FolderPicker } = {}): E2eVault {
  const dir = tempDir('custodian-e2e-');
  const core = createCore({
    dataDir: dir.path,
    secretStore: createKeytarStore(),
    validateOutputs: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.folderPicker ? { folderPicker: options.folderPicker } : {}),
  });
  return {
    core,
    dataDir: dir.path,
    close: async () => {
      await core.close();
      dir.remove();
    },
  };
}

export interface E2eApp {
  readonly page: Page;
  /** The window session behind the page (signed in or not), as main holds it. */
  readonly session: WindowSession;
  /** Console errors, page errors, CSP violations and stray requests seen so far. */
  readonly problems: readonly string[];
  /**
   * Writes out/screenshots/<name>.png and returns its path: the whole page, or only the
   * window's viewport (for dialogs, whose backdrop covers the viewport only).
   */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** Runs axe-core on the page as it is; throws on any serious or critical violation. */
  expectAccessible(what: string): Promise<void>;
  /** Throws if anything went wrong on the page so far. */
  expectNoProblems(): void;
  /** Ends the session, closes the page, and throws if anything went wrong on it. */
  close(): Promise<void>;
}

export interface E2eBrowser {
  /** A fresh page (its own context) showing the app over `core`, with its own window session. */
  openApp(core: Core): Promise<E2eApp>;
  close(): Promise<void>;
}

function serveFile(pathname: string): { status: number; body: Buffer | string; contentType: string } {
  let relativePath: string;
  try {
    relativePath = decodeURIComponent(pathname);
  } catch {
    return { status: 400, body: 'Bad request', contentType: 'text/plain; charset=utf-8' };
  }
  if (relativePath === '/' || relativePath === '') relativePath = '/index.html';
  const file = normalize(join(RENDERER_OUT, relativePath));
  if (!file.startsWith(RENDERER_OUT + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return { status: 404, body: 'Not found', contentType: 'text/plain; charset=utf-8' };
  }
  return { status: 200, body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}

/** Launches Chromium (one per test file) after making sure out/renderer is current. */
export async function launchE2eBrowser(): Promise<E2eBrowser> {
  await ensureRendererBuilt();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' } });

  return {
    close: () => browser.close(),
    async openApp(core) {
      const problems: string[] = [];
      // Another time zone than the app's: the UI must show UK time whatever the machine says.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'America/New_York' });
      // Well under vitest's own test timeout, so a missing element fails with Playwright's message.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const session = createWindowSession(core);

      await context.route('**/*', async (route) => {
        const request = route.request();
        const url = new URL(request.url());
        if (url.origin !== APP_ORIGIN) {
          problems.push(`request outside the app's origin: ${url.href}`);
          return route.abort('blockedbyclient');
        }
        // Chromium asks for a favicon by itself; the app has none, and that is no error.
        if (url.pathname === '/favicon.ico') return route.fulfill({ status: 204, headers: securityHeaders('image/x-icon') });
        if (request.method() !== 'GET') {
          problems.push(`${request.method()} ${url.href}: the app only ever loads files`);
          return route.fulfill({ status: 405, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Method not allowed' });
        }
        const file = serveFile(url.pathname);
        if (file.status !== 200) problems.push(`${file.status} for ${url.href}`);
        return route.fulfill({ status: file.status, headers: securityHeaders(file.contentType), body: file.body });
      });

      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (KNOWN_CONSOLE_ERRORS.some((known) => known.text === message.text())) return;
        problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('crash', () => problems.push('the page crashed'));

      // Like the IPC guard in main: only our own main frame at our origin reaches the core.
      await page.exposeBinding('__custodianInvoke', async (source, method: unknown, input: unknown): Promise<Result<unknown>> => {
        if (source.frame !== page.mainFrame() || new URL(source.frame.url()).origin !== APP_ORIGIN) {
          problems.push(`a call from ${source.frame.url()} reached the binding`);
          return { ok: false, error: { code: 'forbidden', message: 'Refused: not the app window.' } };
        }
        return session.invoke(String(method), input);
      });
      await page.exposeBinding('__custodianReportCsp', (_source, report: unknown) => {
        problems.push(`CSP violation: ${String(report)}`);
      });
      await page.addInitScript({ content: INIT_SCRIPT });
      await page.goto(APP_URL);

      const expectNoProblems = () => {
        if (problems.length > 0) throw new Error(`The page had problems:\n- ${problems.join('\n- ')}`);
      };
      return {
        page,
        session,
        problems,
        expectNoProblems,
        async screenshot(name, options = {}) {
          const path = join(SCREENSHOT_DIR, `${name}.png`);
          // The pointer rests where the last click was; a hover colour there is not the screen.
          await page.mouse.move(0, 0);
          // A string, not a function: this project's Node typings have no DOM.
          await page.evaluate('document.fonts.ready.then(() => true)');
          await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled', caret: 'hide' });
          return path;
        },
        async expectAccessible(what) {
          const results = await new AxeBuilder({ page }).analyze();
          const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          if (bad.length > 0) {
            const lines = bad.flatMap((v) => [
              `${v.impact} ${v.id}: ${v.help}`,
              ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
            ]);
            throw new Error(`axe-core found serious or critical problems on ${what}:\n- ${lines.join('\n- ')}`);
          }
        },
        async close() {
          await session.end();
          await context.close();
          expectNoProblems();
        },
      };
    },
  };
}
