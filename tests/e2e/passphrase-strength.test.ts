import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashPassphrase } from '../../electron/core/auth/passphrase';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN, value } from '../support/test-vault';

/** Issue 12, attack 10, in the window: the core's estimate shown as the person types, a weak one never sent. */
describe('passphrase strength in the window', () => {
  // A vault with only its administrator, shared in order: the second test changes nothing, the
  // third weakens the administrator's passphrase (so it runs last). The first run has its own empty folder.
  const e2e = useE2e({ vault: 'admin-only' });

  it('shows the strength and advice on first run, and refuses to create the trust with a weak passphrase', async () => {
    const { vault: empty, app, page } = await e2e.openFirstRun();
    await page.getByLabel('Trust name').fill('Pendle Education Trust');
    await page.getByLabel('Your name').fill('Alex Admin');
    await page.getByLabel('Your work email').fill('alex.admin@trust.example');
    await page.getByLabel('Choose a passphrase').fill('password12');
    const strength = page.getByTestId('passphrase-strength');
    await strength.getByText('This is a commonly used password.').waitFor();
    await strength.getByText('Add more words that are less common.').waitFor();
    await strength.getByText('Easy to guess: choose a stronger one.').waitFor();
    await page.getByLabel('Type the passphrase again').fill('password12');
    await page.getByRole('button', { name: 'Create the trust' }).click();
    await page.getByText('This passphrase is too easy to guess. Follow the advice below it.').waitFor();
    expect(await empty.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: false, trustName: null } });
    await app.screenshot('first-run-weak-passphrase');
    await app.expectAccessible('the first-run screen with a weak passphrase');

    await page.getByLabel('Choose a passphrase').fill('correct horse battery');
    await strength.getByText('Very hard to guess').waitFor();
    expect(await strength.getByText('This is a commonly used password.').count()).toBe(0);
    await page.getByLabel('Type the passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create the trust' }).click();
    // The trust is made; the recovery kit is the first run's next step.
    await page.getByRole('heading', { name: 'Make the recovery kit' }).waitFor();
    expect(await empty.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: true, trustName: 'Pendle Education Trust' } });
  });

  it('shows the advice when an administrator gives someone a weak first passphrase', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'People');
    await page.getByRole('button', { name: 'Add a person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Name').fill('Robin Ashworth');
    await dialog.getByLabel('Work email').fill('robin.ashworth@trust.example');
    await dialog.getByLabel('Role').selectOption('core-team');
    await dialog.getByLabel('Console access').selectOption({ label: 'Poster' });
    await dialog.getByLabel('Their first passphrase').fill('aaaaaaaaaa');
    await dialog.getByText('Repeated characters like "aaa" are easy to guess.').waitFor();
    await dialog.getByLabel('Type the passphrase again').fill('aaaaaaaaaa');
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    await dialog.getByText('This passphrase is too easy to guess. Follow the advice below it.').waitFor();
    await app.screenshot('people-add-weak-passphrase', { fullPage: false });
    await app.expectAccessible('the add-person dialog with a weak passphrase');
    expect(value(await e2e.vault.call(e2e.vault.admin, 'person.list', {})).map((p) => p.email)).toEqual([ADMIN.email]);
  });

  it('makes an operator with an old weak passphrase change it straight after signing in', async () => {
    const { vault } = e2e;
    // As a vault made before strength was checked would have it.
    const db = new Database(join(vault.dataDir, 'custodian.sqlite3'));
    db.prepare('UPDATE operators SET passphrase_hash = ? WHERE person_id = (SELECT id FROM people WHERE email = ?)').run(await hashPassphrase('password12'), ADMIN.email);
    db.close();
    const app = await e2e.openApp();
    const { page } = app;
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel(/^Passphrase/).fill('password12');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new passphrase' }).waitFor();
    await page.getByText('Your passphrase must be changed').waitFor();
    // The page itself is held to it too: the core refuses anything else.
    expect(await page.evaluate("window.custodian.invoke('school.list', {})")).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await page.getByRole('textbox', { name: 'Current passphrase' }).fill('password12');
    await page.getByRole('textbox', { name: 'New passphrase' }).fill('1234567890');
    await page.getByTestId('passphrase-strength').getByText('This is a frequently used password.').waitFor();
    await app.screenshot('change-passphrase-forced');
    await app.expectAccessible('the forced change of passphrase');

    await page.getByRole('textbox', { name: 'New passphrase' }).fill('lemon tree window seven');
    await page.getByTestId('passphrase-strength').getByText('Very hard to guess').waitFor();
    await page.getByLabel('Type the passphrase again').fill('lemon tree window seven');
    await page.getByRole('button', { name: 'Change the passphrase' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Your passphrase was changed.').waitFor();
    expect(value(await vault.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: 'lemon tree window seven' })).operator.mustChangePassphrase).toBe(false);
  });
});
