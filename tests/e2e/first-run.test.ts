import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyVault, launchE2eBrowser, type E2eApp, type E2eBrowser, type E2eVault } from '../support/e2e-harness';

describe('first run', () => {
  let browser: E2eBrowser;
  let vault: E2eVault | null = null;
  let app: E2eApp | null = null;

  beforeAll(async () => {
    browser = await launchE2eBrowser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => {
    try {
      await app?.close();
    } finally {
      app = null;
      await vault?.close();
      vault = null;
    }
  });

  it('creates the trust and its first administrator, then loads the example trust', async () => {
    vault = createEmptyVault();
    app = await browser.openApp(vault.core);
    const { page } = app;

    await page.getByRole('heading', { name: 'Set up Custodian' }).waitFor();
    await app.screenshot('first-run');
    await app.expectAccessible('the first-run screen');

    await page.getByLabel('Trust name').fill('Pendle Education Trust');
    await page.getByLabel('Your name').fill('Alex Admin');
    await page.getByLabel('Your work email').fill('alex.admin@trust.example');
    await page.getByLabel('Choose a passphrase').fill('correct horse battery');
    await page.getByLabel('Type the passphrase again').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create the trust' }).click();
    await page.getByText('The two passphrases are not the same.').waitFor();
    expect(await vault.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: false, trustName: null } });
    await app.screenshot('first-run-mismatch');
    await app.expectAccessible('the first-run screen showing a mistake');

    await page.getByLabel('Type the passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create the trust' }).click();

    await page.getByRole('heading', { name: 'Pendle Education Trust is set up' }).waitFor();
    expect(await vault.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: true, trustName: 'Pendle Education Trust' } });
    expect(app.session.signedIn).toBe(true);
    await app.screenshot('first-run-welcome');
    await app.expectAccessible('the welcome screen');

    await page.getByRole('button', { name: 'Load the example trust' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('The example trust is loaded: 5 schools and 15 official channels.').waitFor();
    const gaps = page.getByRole('region', { name: 'Channels without a core-team holder' });
    await gaps.getByText('15', { exact: true }).waitFor();
    expect(await gaps.getByRole('listitem').count()).toBe(6);
    await app.screenshot('dashboard-example-trust');
    await app.expectAccessible('the dashboard');
    await gaps.getByRole('button', { name: 'Show all 15' }).click();
    expect(await gaps.getByRole('listitem').count()).toBe(15);
    await gaps.getByText('PET Twitter').waitFor();
    await gaps.getByRole('button', { name: 'Show fewer' }).waitFor();
  });

  it('shows the core’s reason when the trust cannot be created', async () => {
    vault = createEmptyVault();
    app = await browser.openApp(vault.core);
    const { page } = app;
    await page.getByLabel('Trust name').fill('Pendle Education Trust');
    await page.getByLabel('Your name').fill('Alex Admin');
    await page.getByLabel('Your work email').fill('not an email');
    await page.getByLabel('Choose a passphrase').fill('correct horse battery');
    await page.getByLabel('Type the passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create the trust' }).click();
    await page.getByText("The administrator's email address must look like name@school.org.uk.").waitFor();
    expect(await vault.core.call(null, 'vault.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
  });
});
