import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHandle } from '../fakes/fake-server';
import { OAuthFake, playBrowser } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { platformRoutes } from '../fakes/platform-routes';
import { freeRedirect } from '../support/free-port';
import { openPlatformApps } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { POSTER, SLT_AUDITOR, SUMMER_MORNING } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

const PPA_X = { ref: 'x:@SHINEatPPA', name: 'Pendle Primary Academy Twitter' };
const CLIENT_ID = 'Zm9vYmFyLWNsaWVudC1pZA';
const CLIENT_SECRET = 'x-client-secret-7f6e5d4c3b2a1908-secret';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };

function row(page: Page, name: string): Locator {
  return page.getByRole('row', { name: new RegExp(name) });
}

describe('connecting channels for publishing by signing in on the platform', () => {
  const systemBrowser = playBrowser();
  // Holds the (played) browser back until released, so the page's waiting state can be seen.
  let held: Promise<void> | null = null;
  const x = new XFake('none-yet');
  const xAuth = new OAuthFake('x', CLIENT_ID, CLIENT_SECRET);
  // X's own addresses, served by the fakes: the window names no host (the command line's alone can).
  const routes = platformRoutes({
    'https://x.com/i/oauth2/': () => `${xAuth.base}/i/oauth2/`,
    'https://api.x.com/2/oauth2/': () => `${xAuth.base}/2/oauth2/`,
    'https://api.x.com': () => x.base,
  });
  /** The addresses the core asked the system browser to open, as it gave them. */
  const opened: string[] = [];
  const heldBrowser = {
    open: async (url: string) => {
      opened.push(url);
      if (held === null) return systemBrowser.open(routes.rewrite(url));
      void held.then(() => systemBrowser.open(routes.rewrite(url)));
    },
  };
  // The platform accepts exactly the newest token its sign-in service issued.
  xAuth.onIssue = (token) => (x.token = token);
  let servers: FakeHandle[] = [];
  // The callback registered in X's developer portal: this run's own free port, entered in the dialog.
  let redirect: { port: number; uri: string };

  // The fakes start before the vault and browser, and close after them (after-hooks run last registered first).
  beforeAll(async () => {
    redirect = await freeRedirect();
    xAuth.register(redirect.uri);
    servers = [await x.start(), await xAuth.start()];
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    expect(x.problems).toEqual([]);
    expect(xAuth.problems).toEqual([]);
  });
  // A trained poster and an SLT auditor at Pendle Primary Academy, their first sign-ins behind them.
  const e2e = useE2e({
    vault: 'example',
    sinks: { browser: heldBrowser, oauthWaitMs: 5_000, publishing: { fetch: routes.fetch, requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() } },
    people: [POSTER, SLT_AUDITOR],
  });

  it('an administrator enters the X app, then connects a channel by signing in, and its badge says Connected', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const ppa = row(page, PPA_X.name);
    await ppa.getByText('Not connected', { exact: true }).waitFor();

    // Without the platform app there is nothing to sign in with: the dialog says so and offers it.
    await page.getByRole('button', { name: `Connect ${PPA_X.name} for publishing` }).click();
    const connect = page.getByRole('dialog', { name: `Connect ${PPA_X.name} for publishing` });
    await connect.getByText('Custodian has no X (Twitter) app to sign in with yet').waitFor();
    expect(await connect.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    await connect.getByRole('button', { name: 'Enter the X (Twitter) app' }).click();

    const apps = page.getByRole('dialog', { name: 'Platform apps' });
    await apps.getByRole('heading', { name: 'Enter the X (Twitter) app' }).waitFor();
    for (const platform of ['X (Twitter)', 'Facebook', 'Instagram', 'LinkedIn', 'YouTube']) {
      await apps.getByRole('row', { name: new RegExp(`^${platform.replace(/[()]/g, '\\$&')}`) }).getByText('Not entered yet').waitFor();
    }
    await apps.getByLabel('Client id').fill(CLIENT_ID);
    const secretField = apps.getByLabel('Client secret');
    expect(await secretField.getAttribute('type')).toBe('password');
    await secretField.fill(CLIENT_SECRET);
    // The window offers no address fields: where a sign-in goes is the command line's to say.
    expect(await apps.getByLabel('Sign-in address').count()).toBe(0);
    // The exact redirect to register in X's developer portal, read-only, following the port.
    const port = apps.getByLabel('Redirect port');
    const uri = apps.getByLabel('Redirect URI to register');
    expect(await port.inputValue()).toBe('53682');
    expect(await uri.inputValue()).toBe('http://127.0.0.1:53682/callback');
    expect(await uri.getAttribute('readonly')).not.toBeNull();
    await apps.getByText('Register this redirect address, exactly as shown, in the X developer portal', { exact: false }).waitFor();
    await apps.getByText('Open the X developer portal: https://developer.x.com/en/portal/projects-and-apps').waitFor();
    await port.fill('80');
    expect(await uri.inputValue()).toBe('');
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByText('Enter a port number from 1024 to 65535.').waitFor();
    await port.fill(String(redirect.port));
    expect(await uri.inputValue()).toBe(redirect.uri);
    await uri.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: '/tmp/redirect-dialog.png' });
    await app.expectAccessible('the platform apps form');
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByText('The X (Twitter) app is saved.', { exact: false }).waitFor();
    const xRow = apps.getByRole('row', { name: /^X \(Twitter\)/ });
    await xRow.getByText('Saved, with its client secret').waitFor();
    await xRow.getByText(`by ${ADMIN.email}`, { exact: false }).waitFor();
    await xRow.getByText(`Redirect: ${redirect.uri}`).waitFor();
    await app.screenshot('platform-apps', { fullPage: false });
    await app.expectAccessible('the platform apps dialog');
    // The core keeps the id and secret in the keychain: neither is ever on the page again.
    const html = await page.content();
    expect(html).not.toContain(CLIENT_SECRET);
    expect(html).not.toContain(CLIENT_ID);
    expect(value(await e2e.vault.call(e2e.vault.admin, 'platform.apps', {}))).toEqual([
      expect.objectContaining({ platform: 'x', hasSecret: true, authorizeUrl: 'https://x.com/i/oauth2/authorize', tokenUrl: 'https://api.x.com/2/oauth2/token', customAddresses: false, redirectUri: redirect.uri, configuredBy: ADMIN.email }),
    ]);

    // Closing the apps dialog goes back to connecting the channel it was opened from.
    await apps.getByRole('button', { name: 'Close this window' }).click();
    await connect.getByText('your web browser opens X (Twitter)', { exact: false }).waitFor();
    await connect.getByText('Advanced: a particular account').click();
    expect(await connect.getByLabel('API address').count()).toBe(0);
    await app.screenshot('channel-connect', { fullPage: false });
    await app.expectAccessible('the connect dialog');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await connect.getByText(`${PPA_X.name} is connected`).waitFor();
    await connect.getByText(`as account ${x.userId}`, { exact: false }).waitFor();
    // The system browser was opened at X's own sign-in page, and came back once.
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0] ?? '').origin + new URL(opened[0] ?? '').pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(systemBrowser.callbacks).toEqual([200]);
    await connect.getByRole('button', { name: 'Done' }).click();
    await connect.waitFor({ state: 'hidden' });

    await ppa.getByText('Connected', { exact: true }).waitFor();
    await ppa.getByText('signed in', { exact: true }).waitFor();
    await row(page, 'PET Twitter').getByText('Not connected', { exact: true }).waitFor();
    expect(await page.getByText('must be connected again', { exact: false }).count()).toBe(0);
    expect(value(await e2e.vault.call(e2e.vault.admin, 'channel.connections', {}))).toEqual([
      expect.objectContaining({ channel: PPA_X.ref, accountId: x.userId, auth: 'oauth', status: 'connected', apiBase: null }),
    ]);
  });

  it('a lapsed sign-in shows Reconnect needed with the reason and a banner; reconnecting sends the waiting post', async () => {
    // The refresh token is withdrawn on the platform, and the access token is about to run out:
    // the publishing pass tries to refresh it, is refused, and holds the post back.
    const sam = await e2e.vault.signIn(POSTER.email, POSTER.passphrase);
    const post = value(
      await e2e.vault.call(sam, 'post.create', { channels: [PPA_X.ref], text: 'Our choir sang at the town carol service. Thank you, families!', outcome: 'Share the concert', pupils: 'none', checklist: CHECKED, at: 'now' }),
    );
    value(await e2e.vault.call(e2e.vault.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    xAuth.liveRefreshTokens.clear();
    e2e.vault.clock.set(new Date(SUMMER_MORNING.getTime() + 119 * 60_000));
    const pass = value(await e2e.vault.call(e2e.vault.admin, 'scheduler.runOnce', {})).results;
    expect(pass).toEqual([expect.objectContaining({ post: post.id, state: 'scheduled' })]);
    expect(x.posts).toHaveLength(0);

    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    await page.getByText('1 channel must be connected again: its posts wait until then.').waitFor();
    const ppa = row(page, PPA_X.name);
    await ppa.getByText('Reconnect needed', { exact: true }).waitFor();
    const reason = ppa.getByText(/^The connection to X.* has lapsed/);
    expect(await reason.getAttribute('title')).toContain('Token has been expired or revoked');
    await app.screenshot('channels-publishing');
    await app.expectAccessible('the channels with a lapsed connection');

    await page.getByRole('button', { name: `Reconnect ${PPA_X.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reconnect ${PPA_X.name}` });
    await dialog.getByText('Token has been expired or revoked', { exact: false }).waitFor();
    // The account it was connected with is kept for the reconnect.
    expect(await dialog.getByLabel('Account id').inputValue()).toBe(x.userId);
    await app.screenshot('channel-reconnect', { fullPage: false });
    await dialog.getByRole('button', { name: 'Connect again' }).click();
    await dialog.getByText(`${PPA_X.name} is connected`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await ppa.getByText('Connected', { exact: true }).waitFor();
    expect(await page.getByText('must be connected again', { exact: false }).count()).toBe(0);

    const after = value(await e2e.vault.call(e2e.vault.admin, 'scheduler.runOnce', {})).results;
    expect(after).toEqual([expect.objectContaining({ post: post.id, state: 'published' })]);
    expect(x.posts).toHaveLength(1);
  });

  it('waits visibly for the sign-in and gives the core’s reason when the person refuses on the platform', async () => {
    xAuth.deny = true;
    let release = () => undefined as void;
    held = new Promise<void>((resolve) => (release = resolve));
    try {
      const { app, page } = await e2e.openScreenAs('admin', 'Channels');
      await page.getByRole('button', { name: 'Connect PET Twitter for publishing' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect PET Twitter for publishing' });
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      await dialog.getByText('Waiting for you to finish signing in, in your browser… (up to 5 minutes)').waitFor();
      expect(await dialog.getByRole('button', { name: 'Close', exact: true }).count()).toBe(1);
      await app.screenshot('channel-connect-waiting', { fullPage: false });
      await app.expectAccessible('the connect dialog while it waits');
      release();
      const refusal = dialog.getByRole('alert');
      await refusal.getByText('Not connected').waitFor();
      expect(await refusal.textContent()).toContain('Nothing was changed.');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await row(page, 'PET Twitter').getByText('Not connected', { exact: true }).waitFor();
    } finally {
      release();
      held = null;
      xAuth.deny = false;
    }
  });

  it("the Platform apps dialog: LinkedIn's native PKCE flow needs no secret and no redirect; X's port moves with its id and secret kept", async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const apps = await openPlatformApps(page);
    await apps.getByRole('button', { name: 'Enter the LinkedIn app' }).click();
    await apps.getByRole('heading', { name: 'Enter the LinkedIn app' }).waitFor();
    expect(await apps.getByLabel('Redirect URI to register').inputValue()).toBe('http://127.0.0.1:53683/callback');
    await apps.getByText('Open LinkedIn developer apps: https://www.linkedin.com/developers/apps').waitFor();
    await apps.getByRole('radio', { name: 'Native PKCE' }).check();
    expect(await apps.getByLabel('Redirect URI to register').count()).toBe(0);
    await apps.getByText('there is no redirect to register', { exact: false }).waitFor();
    await apps.getByLabel('Client id').fill('86li-native-client');
    await app.expectAccessible('the LinkedIn app form');
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByRole('row', { name: /^LinkedIn/ }).getByText('Native PKCE sign-in (any port)').waitFor();

    await apps.getByRole('button', { name: 'Replace the X (Twitter) app' }).click();
    const port = apps.getByLabel('Redirect port');
    expect(await port.inputValue()).toBe(String(redirect.port));
    const moved = await freeRedirect();
    await port.fill(String(moved.port));
    expect(await apps.getByLabel('Redirect URI to register').inputValue()).toBe(moved.uri);
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByRole('row', { name: /^X \(Twitter\)/ }).getByText(`Redirect: ${moved.uri}`).waitFor();
    const saved = value(await e2e.vault.call(e2e.vault.admin, 'platform.apps', {}));
    expect(saved).toEqual([
      expect.objectContaining({ platform: 'linkedin', linkedinFlow: 'native', hasSecret: false, redirectUri: null }),
      expect.objectContaining({ platform: 'x', hasSecret: true, redirectUri: moved.uri }),
    ]);
    // Back to the port registered with the X fake, for the tests after this one.
    value(await e2e.vault.call(e2e.vault.admin, 'platform.app', { platform: 'x', redirectPort: redirect.port }));
  });

  it('an auditor sees the publishing badges of their school but no way to connect or enter apps', async () => {
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Channels');
    await row(page, PPA_X.name).getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Publishing' }).waitFor();
    expect(await page.getByRole('button', { name: /^(Connect|Reconnect) / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Platform apps' }).count()).toBe(0);
    await app.expectAccessible('the channels screen for an auditor');
  });
});
