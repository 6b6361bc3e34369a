import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Core, FolderPicker } from '../../electron/core/app';
import { openScreen, signInTo } from './e2e-actions';
import { createEmptyVault, launchE2eBrowser, type E2eApp, type E2eBrowser, type E2eVault } from './e2e-harness';
import { addPerson, CORE_AUDITOR, createDemoTrust, createExampleTrust, NON_HOLDER, POSTER, SLT_AUDITOR, type E2ePerson } from './e2e-trust';
import { ADMIN, createTestVault, type CoreSinks, type TestVault } from './test-vault';

/**
 * One e2e test file's set-up in one call: its browser, its vault and the people in it, an app
 * page per test, and the clean-up. `useE2e` registers the vitest hooks itself, in the describe
 * (or file) it is called in:
 *
 *   const e2e = useE2e({ vault: 'example', people: [SLT_AUDITOR] });
 *   it('…', async () => {
 *     const { app, page } = await e2e.openScreenAs('slt-auditor', 'Inbox');
 *   });
 *
 * One browser and one vault per call (so per file, or per describe that calls it), unless
 * `perTest`: tests share the vault in the order they are written, so a test that changes it must
 * leave nothing a later test relies on, or its describe gets a vault of its own.
 */

/** The main navigation's names (renderer/src/components/console-shell.component.tsx). */
export type Screen = 'Dashboard' | 'Compliance' | 'Channels' | 'Posts' | 'Inbox' | 'Monitoring' | 'Incidents' | 'Consent' | 'Audit log' | 'Access register' | 'People' | 'Calendar' | 'Data';

/** The people defined once in e2e-trust.ts, by what they are to the console. */
export type Role = 'admin' | 'poster' | 'slt-auditor' | 'core-auditor' | 'non-holder';

const PEOPLE: Record<Role, { email: string; passphrase: string }> = {
  admin: ADMIN,
  poster: POSTER,
  'slt-auditor': SLT_AUDITOR,
  'core-auditor': CORE_AUDITOR,
  'non-holder': NON_HOLDER,
};

/** A role, or anyone with an email address and passphrase (the demo's people, a test's own). */
export type Who = Role | { email: string; passphrase: string };

export interface E2eOptions {
  /**
   * The vault: the example trust (the default), the demo trust, a vault with only its
   * administrator ('admin-only'), or none ('none': first-run tests make empty vaults with
   * `emptyVault`).
   */
  vault?: 'example' | 'demo' | 'admin-only' | 'none';
  /** What main plugs into the core (clipboard, pickers, publishing), for the vault's core. */
  sinks?: CoreSinks;
  /** People to add to it, as an administrator would, with their first sign-in behind them. */
  people?: readonly E2ePerson[];
  /** Anything else the tests need in it, after the people are added. */
  seed?: (vault: TestVault) => Promise<void>;
  /** A new vault for each test, for tests that each need one untouched. */
  perTest?: boolean;
  /** When the example trust set Custodian up (createExampleTrust), where days before it matter. */
  since?: Date;
}

export interface OpenOptions {
  /** Another core than the vault's (one that watches its calls, say). */
  core?: Core;
  /** The page's clock: fixed at this time; by default the vault clock's now, for openScreenAs; null leaves the real clock. */
  now?: Date | null;
}

export interface E2e {
  readonly browser: E2eBrowser;
  readonly vault: TestVault;
  /** The app in a page of its own, closed (and checked for problems) after the test. */
  openApp(options?: OpenOptions): Promise<E2eApp>;
  /** Opens the app, sets the page's clock, signs in as `who`, opens `screen` and returns the page and its app. */
  openScreenAs(who: Who, screen: Screen, options?: OpenOptions): Promise<{ app: E2eApp; page: Page }>;
  /** A data folder with no vault yet (first run), closed after the test. */
  emptyVault(options?: { folderPicker?: FolderPicker }): E2eVault;
  /** An empty data folder (emptyVault) and the app over it, showing the first-run screen. */
  openFirstRun(options?: { folderPicker?: FolderPicker }): Promise<{ vault: E2eVault; app: E2eApp; page: Page }>;
}

/** The email address and passphrase of a role's person (e2e-trust.ts), or of the person given. */
export function person(who: Who): { email: string; passphrase: string } {
  return typeof who === 'string' ? PEOPLE[who] : who;
}

async function createVault(options: E2eOptions): Promise<TestVault | null> {
  const kind = options.vault ?? 'example';
  if (kind === 'none') return null;
  if (kind === 'demo' && options.sinks) throw new Error('The demo trust takes no sinks.');
  const vault = kind === 'demo' ? await createDemoTrust() : kind === 'admin-only' ? await createTestVault(options.sinks ? { sinks: options.sinks } : {}) : await createExampleTrust(options.sinks, options.since === undefined ? {} : { since: options.since });
  try {
    for (const someone of options.people ?? []) await addPerson(vault, someone);
    await options.seed?.(vault);
    return vault;
  } catch (error) {
    await vault.close();
    throw error;
  }
}

export function useE2e(options: E2eOptions = {}): E2e {
  let browser: E2eBrowser | null = null;
  let vault: TestVault | null = null;
  /** The vault clock's time once set up: each test starts from it. */
  let start: Date | null = null;
  const closeAfterTest: { close(): Promise<void> }[] = [];

  const setUpVault = async () => {
    vault = await createVault(options);
    start = vault?.clock.now() ?? null;
  };
  const closeVault = async () => {
    const closing = vault;
    vault = null;
    await closing?.close();
  };

  beforeAll(async () => {
    const launching = launchE2eBrowser();
    const setting = options.perTest ? Promise.resolve() : setUpVault();
    // Both settle before either failure is reported, so afterAll closes whatever was made.
    const [launched] = await Promise.allSettled([launching, setting]);
    if (launched.status === 'fulfilled') browser = launched.value;
    await Promise.all([launching, setting]);
  });
  if (options.perTest) beforeEach(setUpVault);
  afterEach(async () => {
    const closing = closeAfterTest.splice(0).reverse();
    const failures: unknown[] = [];
    for (const thing of closing) {
      try {
        await thing.close();
      } catch (error) {
        failures.push(error);
      }
    }
    if (options.perTest) await closeVault();
    else if (vault && start) vault.clock.set(start);
    if (failures.length > 0) throw failures[0];
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
    await closeVault();
  });

  const e2e: E2e = {
    get browser() {
      if (!browser) throw new Error('The browser is not launched: use it in a test or a hook after useE2e.');
      return browser;
    },
    get vault() {
      if (!vault) throw new Error(options.vault === 'none' ? 'useE2e({ vault: "none" }) has no vault.' : 'The vault is not set up yet: use it in a test or a hook after useE2e.');
      return vault;
    },
    async openApp(open = {}) {
      const opened = await e2e.browser.openApp(open.core ?? e2e.vault.core);
      // A test may close its app itself (to open another); after the test it is not closed twice.
      let closing: Promise<void> | null = null;
      const app: E2eApp = { ...opened, close: () => (closing ??= opened.close()) };
      closeAfterTest.push(app);
      if (open.now) await app.page.clock.setFixedTime(open.now);
      return app;
    },
    async openScreenAs(who, screen, open = {}) {
      const app = await e2e.openApp({ ...open, now: open.now === undefined ? e2e.vault.clock.now() : open.now });
      const { email, passphrase } = person(who);
      await signInTo(app.page, email, passphrase);
      if (screen !== 'Dashboard') await openScreen(app.page, screen);
      return { app, page: app.page };
    },
    emptyVault(empty = {}) {
      const made = createEmptyVault(empty);
      // Closed after the test's app (closing runs in reverse order).
      closeAfterTest.unshift(made);
      return made;
    },
    async openFirstRun(empty = {}) {
      const vault = e2e.emptyVault(empty);
      const app = await e2e.openApp({ core: vault.core });
      return { vault, app, page: app.page };
    },
  };
  return e2e;
}
