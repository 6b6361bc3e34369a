import { describe, expect, it } from 'vitest';
import { peopleListed } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { addPerson, CORE_AUDITOR, NON_HOLDER } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

describe('training records', () => {
  // The window's clock reads the vault's day (1 July 2026, openScreenAs), as the window and the core share one computer.
  const e2e = useE2e({
    vault: 'example',
    seed: async (vault) => {
      // The administrator holds a channel's login details; their training ran out on 1 May 2026.
      value(await vault.call(vault.admin, 'training.record', { email: ADMIN.email, on: '2025-05-01' }));
      await addPerson(vault, CORE_AUDITOR);
    },
  });

  it('flags posters without training in date, and records training given by an administrator', async () => {
    const before = value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {}));
    expect(before.findings.some((f) => f.ruleId === 'poster-training' && f.subject.key === NON_HOLDER.email)).toBe(true);

    const { app, page } = await e2e.openScreenAs('admin', 'People');
    await peopleListed(page);
    await page.getByRole('columnheader', { name: 'Training' }).waitFor();
    const poster = page.getByRole('row', { name: new RegExp(`^${NON_HOLDER.name}`) });
    await poster.getByText('No training', { exact: true }).waitFor();
    await poster.getByText('Can post, so must be trained').waitFor();
    const admin = page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) });
    await admin.getByText('Expired 1 May 2026', { exact: true }).waitFor();
    await admin.getByText('Can post, so must be trained').waitFor();
    await page.getByText('2 people who can post have no training in date.', { exact: false }).waitFor();
    await app.screenshot('people-training');
    await app.expectAccessible('the people list with training');

    await page.getByRole('button', { name: `Record training for ${NON_HOLDER.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record training for ${NON_HOLDER.name}` });
    await dialog.getByText('So far: No training', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Date of the training').inputValue()).toBe('2026-07-01');
    const trainer = dialog.getByRole('combobox', { name: 'Trainer' });
    expect(await trainer.inputValue()).toBe(ADMIN.email);
    expect(await trainer.locator('option').allTextContents()).toEqual([ADMIN.name]);

    // A date still to come is refused in the window; nothing reaches the core.
    await dialog.getByLabel('Date of the training').fill('2026-07-15');
    await dialog.getByRole('button', { name: 'Record training' }).click();
    await dialog.getByText('That date is in the future (today is 1 Jul 2026). Record the training once it has happened.').waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'training.list', {})).filter((t) => t.personEmail === NON_HOLDER.email)).toEqual([]);
    await app.screenshot('training-record', { fullPage: false });
    await app.expectAccessible('the record-training dialog');

    await dialog.getByLabel('Date of the training').fill('2026-06-29');
    await dialog.getByLabel('Note (optional)').fill('Social media induction with the trust policy');
    await dialog.getByRole('button', { name: 'Record training' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Training recorded for ${NON_HOLDER.name}: trained 29 Jun 2026, it runs out 29 Jun 2027.`).waitFor();
    await poster.getByText('Trained 29 Jun 2026 · runs out 29 Jun 2027', { exact: true }).waitFor();
    await poster.getByText(`by ${ADMIN.name}`).waitFor();
    expect(await poster.getByText('Can post, so must be trained').count()).toBe(0);
    await page.getByText('1 person who can post has no training in date.', { exact: false }).waitFor();

    const records = value(await e2e.vault.call(e2e.vault.admin, 'training.list', {})).filter((t) => t.personEmail === NON_HOLDER.email);
    expect(records).toEqual([
      expect.objectContaining({ trainedOn: '2026-06-29', trainerEmail: ADMIN.email, note: 'Social media induction with the trust policy', expiresOn: '2027-06-29', inDate: true }),
    ]);
    const after = value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {}));
    expect(after.findings.filter((f) => f.ruleId === 'poster-training' && f.subject.key === NON_HOLDER.email)).toEqual([]);
    expect(after.findings.some((f) => f.ruleId === 'poster-training' && f.subject.key === ADMIN.email)).toBe(true);
    const [event] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'training.record' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { trainedOn: '2026-06-29' } });
  });

  it('shows an auditor the training column read-only', async () => {
    const { app, page } = await e2e.openScreenAs('core-auditor', 'People');
    await peopleListed(page);
    await page.getByRole('columnheader', { name: 'Training' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) }).getByText('Expired 1 May 2026', { exact: true }).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${CORE_AUDITOR.name}`) }).getByText('No training', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Record training/ }).count()).toBe(0);
    await app.screenshot('people-training-read-only');
    await app.expectAccessible('the read-only training column');

    const auditor = await e2e.vault.signIn(CORE_AUDITOR.email, CORE_AUDITOR.passphrase);
    expect(await e2e.vault.call(auditor, 'training.record', { email: CORE_AUDITOR.email, on: '2026-06-30' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
