import { describe, expect, it } from 'vitest';
import { openPlatformApps } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { value } from '../support/test-vault';

const APP_ID = '1234567890123456';
const APP_SECRET = 'fb-app-secret-0a9b8c7d6e5f4-secret';

describe('the Platform apps dialog: a Meta app’s Facebook Login for Business configuration', () => {
  const e2e = useE2e({ vault: 'example' });

  it('offers the configuration id for Facebook and Instagram only, refuses one that is not digits, and shows the saved one', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const apps = await openPlatformApps(page);

    await apps.getByRole('button', { name: 'Enter the X (Twitter) app' }).click();
    await apps.getByRole('heading', { name: 'Enter the X (Twitter) app' }).waitFor();
    expect(await apps.getByLabel('Facebook Login for Business configuration ID').count()).toBe(0);

    await apps.getByRole('button', { name: 'Enter the Facebook app' }).click();
    await apps.getByRole('heading', { name: 'Enter the Facebook app' }).waitFor();
    // The one redirect a Meta app registers: Meta's own page, which the sign-in window watches for.
    expect(await apps.getByLabel('Redirect URI to register').inputValue()).toBe('https://www.facebook.com/connect/login_success.html');
    await apps.getByText('Valid OAuth Redirect URIs', { exact: false }).waitFor();
    expect(await apps.getByLabel('Redirect port').count()).toBe(0);
    await apps.getByLabel('Client id').fill(APP_ID);
    await apps.getByLabel('Client secret').fill(APP_SECRET);
    const config = apps.getByLabel('Facebook Login for Business configuration ID');
    await config.fill('98765-abc');
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByText('digits only', { exact: false }).waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'platform.apps', {}))).toEqual([]);
    await page.screenshot({ path: '/tmp/meta-dialog.png', animations: 'disabled', caret: 'hide' });
    await app.expectAccessible('the platform apps form with a Meta configuration id');

    await config.fill('987654321012345');
    await apps.getByRole('button', { name: 'Save the app' }).click();
    await apps.getByText('The Facebook app is saved.', { exact: false }).waitFor();
    const facebook = apps.getByRole('row', { name: /^Facebook/ });
    await facebook.getByText('Facebook Login for Business, configuration 987654321012345').waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'platform.apps', {}))).toEqual([expect.objectContaining({ platform: 'facebook', configId: '987654321012345', hasSecret: true })]);
    // Not a secret, so replacing the app starts from the saved configuration id.
    await apps.getByRole('button', { name: 'Replace the Facebook app' }).click();
    expect(await apps.getByLabel('Facebook Login for Business configuration ID').inputValue()).toBe('987654321012345');
    expect(await page.content()).not.toContain(APP_SECRET);
  });
});
