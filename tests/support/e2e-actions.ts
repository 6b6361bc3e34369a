import type { Locator, Page } from 'playwright-core';
import { ADMIN } from './test-vault';

/** Signs in through the sign-in screen and waits for the dashboard. */
export async function signInTo(page: Page, email: string, passphrase: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

/** Opens a screen from the main navigation and waits for its heading. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** On the People screen, waits for the list to load (the administrator's row). */
export async function peopleListed(page: Page): Promise<void> {
  await page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) }).waitFor();
}

/**
 * Fills in the first-run form (the trust, its first administrator, the passphrase twice) and
 * presses Create the trust. By default as test-vault.ts's ADMIN; a test of a mistake passes its own.
 */
export async function fillFirstRun(page: Page, fields: { email?: string; passphrase?: string; again?: string } = {}): Promise<void> {
  const passphrase = fields.passphrase ?? ADMIN.passphrase;
  await page.getByLabel('Trust name').fill('Pendle Education Trust');
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Your work email').fill(fields.email ?? ADMIN.email);
  await page.getByLabel('Choose a passphrase').fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(fields.again ?? passphrase);
  await page.getByRole('button', { name: 'Create the trust' }).click();
}

/** On the Channels screen, opens the Platform apps dialog. */
export async function openPlatformApps(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Platform apps' }).click();
  const apps = page.getByRole('dialog', { name: 'Platform apps' });
  await apps.waitFor();
  return apps;
}
