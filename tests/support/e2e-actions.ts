import type { Page } from 'playwright-core';
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
