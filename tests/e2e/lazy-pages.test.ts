import { describe, expect, it } from 'vitest';
import { openScreen, signInTo } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN } from '../support/test-vault';

/**
 * The signed-in console loads at sign-in and each console page other than the dashboard the
 * first time it is opened (the renderer's first load stays small: docs/benchmarks.md). A user must never see a blank
 * page while one loads, and the chunks must pass the CSP like the rest of the app.
 */
describe('console pages loaded on first use', () => {
  const e2e = useE2e({ vault: 'example' });

  it('fetches a page only when it is opened, shows a labelled loader meanwhile, then the page', async () => {
    // Signed in by hand: the Channels page's code is held back first.
    const app = await e2e.openApp();
    const { page } = app;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // Hold the Channels page's code back until the loader has been seen.
    let release = () => {};
    const held = new Promise<void>((done) => (release = done));
    await page.route(/\/assets\/channels\.screen-[^/]*\.js$/, async (route) => {
      await held;
      await route.fallback();
    });

    await signInTo(page, ADMIN.email, ADMIN.passphrase);
    // Signing in brings the console itself (shell, dashboard, permission table), no other page.
    expect(requested.filter((path) => /\.screen-/.test(path))).toEqual([expect.stringMatching(/^\/assets\/signed-in\.screen-[^/]*\.js$/)]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Channels' }).click();
    const loading = page.getByRole('status', { name: 'Loading the page' });
    await loading.waitFor();
    // The console around the page stays usable while it loads.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await app.screenshot('lazy-page-loading');
    release();
    await page.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
    expect(await loading.count()).toBe(0);
    expect(requested.some((path) => /\/assets\/channels\.screen-[^/]*\.js$/.test(path))).toBe(true);

    // Once loaded, going back and forth needs no loader and no new fetch.
    await openScreen(page, 'Dashboard');
    const before = requested.length;
    await openScreen(page, 'Channels');
    expect(requested.slice(before).filter((path) => path.endsWith('.js'))).toEqual([]);
    app.expectNoProblems();
  });
});
