import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { NON_HOLDER } from '../support/e2e-trust';
import { ADMIN } from '../support/test-vault';

/** The field's label ("Passphrase", plus Mantine's required mark), not its show/hide button. */
const PASSPHRASE = /^Passphrase/;

async function signIn(page: Page, email: string, passphrase: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(PASSPHRASE).fill(passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in and locking', () => {
  // The sign-in screen is what these tests are about: each signs in by hand, in a page of its own.
  const e2e = useE2e({ vault: 'example' });

  it('signs in with email and passphrase and opens the dashboard', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Pendle Education Trust').waitFor();
    await app.screenshot('sign-in');
    await app.expectAccessible('the sign-in screen');

    await signIn(page, ADMIN.email, ADMIN.passphrase);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('banner').getByText(ADMIN.name).waitFor();
    await page.getByRole('banner').getByText('Administrator').waitFor();
    expect(app.session.signedIn).toBe(true);
  });

  it('refuses a wrong passphrase with a clear message and lets the person try again', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await signIn(page, ADMIN.email, 'not the passphrase');
    const alert = page.getByRole('alert');
    await alert.getByText('Not signed in').waitFor();
    await alert.getByText('That email and passphrase do not match a console operator.').waitFor();
    expect(await page.getByLabel(PASSPHRASE).inputValue()).toBe('');
    expect(app.session.signedIn).toBe(false);
    await app.screenshot('sign-in-refused');
    await app.expectAccessible('the sign-in screen after a refusal');

    await page.getByLabel(PASSPHRASE).fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('asks for both fields before calling the core', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your email address.').waitFor();
    await page.getByText('Enter your passphrase.').waitFor();
  });

  it('says how long to wait after too many wrong passphrases', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, NON_HOLDER.email, `wrong guess ${attempt}`);
      await page.getByRole('alert').getByText('Not signed in').waitFor();
    }
    // The clock stands still in this vault: after the fifth miss in a row the count is at the limit.
    await signIn(page, NON_HOLDER.email, NON_HOLDER.passphrase);
    const alert = page.getByRole('alert');
    await alert.getByText('Please wait before trying again').waitFor();
    await alert.getByText('Too many wrong passphrases. Try again in 12 minutes.').waitFor();
    expect(app.session.signedIn).toBe(false);
    await app.screenshot('sign-in-throttled');
    await app.expectAccessible('the sign-in screen while throttled');

    e2e.vault.clock.advance(13 * 60_000);
    await signIn(page, NON_HOLDER.email, NON_HOLDER.passphrase);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('banner').getByText('Poster').waitFor();
  });

  it('locks with the Lock button: the session ends and the passphrase is asked again', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await signIn(page, ADMIN.email, ADMIN.passphrase);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Locking reloads the page, so nothing the screens held stays in the renderer's memory.
    await page.evaluate('window.__beforeLock = true');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForFunction('window.__beforeLock === undefined');
    await page.getByText('Custodian is locked. Enter your passphrase to carry on.').waitFor();
    expect(app.session.signedIn).toBe(false);
    expect(await page.getByLabel('Email address').inputValue()).toBe(ADMIN.email);
    await app.screenshot('sign-in-locked');
    await app.expectAccessible('the lock screen');

    await page.getByLabel(PASSPHRASE).fill(ADMIN.passphrase);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('locks with Ctrl+L, even while typing in a field', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await signIn(page, ADMIN.email, ADMIN.passphrase);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Channels' }).click();
    await page.getByLabel('Find a channel').fill('PET');
    await page.evaluate('window.__beforeLock = true');
    await page.keyboard.press('Control+L');
    await page.waitForFunction('window.__beforeLock === undefined');
    await page.getByText('Custodian is locked. Enter your passphrase to carry on.').waitFor();
    expect(app.session.signedIn).toBe(false);
  });

  it('goes back to sign in when the session ends outside the window (idle lock, suspend)', async () => {
    const app = await e2e.openApp();
    const { page } = app;
    await signIn(page, ADMIN.email, ADMIN.passphrase);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await app.session.end();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Channels' }).click();
    await page.getByText('Your session has ended. Sign in again to carry on.').waitFor();
  });
});
