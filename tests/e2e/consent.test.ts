import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { CORE_AUDITOR, NON_HOLDER, SLT_AUDITOR, type E2ePerson } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

// Pendle Primary Academy's own SLT, as an auditor (SLT_AUDITOR), is the one auditor who may see
// PPA's list; a trust core-team auditor (CORE_AUDITOR) oversees the trust, but has no part in a
// school's safeguarding list.
const PPA_SLT = SLT_AUDITOR;
/** Colne Primet Academy's SLT, as an auditor: PPA's list is not theirs to see. */
const CPA_SLT: E2ePerson = { name: 'Colin Crabtree', email: 'colin.crabtree@cpa.example', passphrase: 'auditor passphrase 10', role: 'slt', school: 'CPA', consoleRole: 'auditor' };

const PPA_REFUSAL = "The consent register of PPA is open only to the trust's administrators and PPA's own senior leadership team.";

describe('the consent register screen', () => {
  // The window's own clock is at the core's (openScreenAs), for what is in force today.
  const e2e = useE2e({
    vault: 'example',
    people: [PPA_SLT, CPA_SLT, CORE_AUDITOR],
    seed: async (vault) => {
      value(await vault.call(vault.admin, 'consent.add', { school: 'PPA', name: 'J.S.', class: 'Year 3', reason: 'safeguarding' }));
      value(await vault.call(vault.admin, 'consent.add', { school: 'PPA', name: 'K.L.', class: 'Reception', reason: 'no-consent', from: '2026-09-01' }));
      value(await vault.call(vault.admin, 'consent.add', { school: 'CPA', name: 'M.N.', reason: 'not-filmed', note: 'Parent helper at sports day' }));
    },
  });

  it('lets an administrator choose a school, add someone to its list and remove them, each view recorded', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Consent');
    await page.getByRole('note').getByText('Each time a school’s list is opened, Custodian records who looked at it and when.').waitFor();
    await page.getByText('Choose a school to see its list.').waitFor();
    // Nothing is opened, and so nothing recorded, until a school is chosen.
    expect(value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.view', actor: ADMIN.email }))).toHaveLength(0);

    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: 'Pendle Primary Academy' });
    const list = page.getByRole('table');
    await list.getByRole('rowheader', { name: 'J.S.' }).waitFor();
    const rows = list.getByRole('row');
    expect(await rows.count()).toBe(3);
    await expect.poll(() => rows.nth(1).innerText()).toMatch(/J\.S\.\s+Year 3\s+Safeguarding\s+Until further notice\s+None\s+In force/);
    await expect.poll(() => rows.nth(2).innerText()).toMatch(/K\.L\.\s+Reception\s+No consent\s+From 1 September 2026\s+None\s+Not started yet/);
    await page.getByText('2 people on the list, 1 in force today.').waitFor();
    expect(await page.getByText('M.N.').count()).toBe(0);
    await app.screenshot('consent');
    await app.expectAccessible('the consent register');

    const [view] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.view', actor: ADMIN.email }));
    expect(view).toMatchObject({ actor: ADMIN.email, target: 'school:PPA', school: 'PPA', outcome: 'ok', details: { school: 'PPA', entries: 2 } });
    // The audit trail names the school and a count, never who is on the list.
    expect(JSON.stringify(view)).not.toContain('J.S.');

    // Add someone: checked in the window first, in plain words.
    await page.getByRole('button', { name: 'Add to the list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to Pendle Primary Academy’s list' });
    await dialog.getByRole('button', { name: 'Add to the list' }).click();
    await dialog.getByText('Enter their name or initials.').waitFor();
    await dialog.getByText('Choose why their image must not be published.').waitFor();
    await dialog.getByLabel(/^Name or initials/).fill('A.B.');
    await dialog.getByLabel('Class (optional)').fill('Year 4');
    await dialog.getByRole('radio', { name: 'Consent withdrawn' }).check();
    await dialog.getByLabel('From (optional)').fill('2026-06-01');
    await dialog.getByLabel('Until (optional)').fill('2026-05-01');
    await dialog.getByRole('button', { name: 'Add to the list' }).click();
    await dialog.getByText('The end date cannot be before the start date.').waitFor();
    await app.screenshot('consent-add-invalid', { fullPage: false });
    await app.expectAccessible('the add form with a mistake');
    await dialog.getByLabel('Until (optional)').fill('2027-07-31');
    await dialog.getByLabel('Note (optional)').fill('Can appear from behind');
    await dialog.getByRole('button', { name: 'Add to the list' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('A.B. (Year 4) is on Pendle Primary Academy’s list: consent withdrawn.').waitFor();
    await list.getByRole('rowheader', { name: 'A.B.' }).waitFor();
    await page.getByText('3 people on the list, 2 in force today.').waitFor();
    const added = value(await e2e.vault.call(e2e.vault.admin, 'consent.list', { school: 'PPA' })).find((e) => e.name === 'A.B.');
    expect(added).toMatchObject({ class: 'Year 4', reason: 'withdrawn', from: '2026-06-01', to: '2027-07-31', note: 'Can appear from behind', addedBy: ADMIN.email, active: true });
    await app.screenshot('consent-added');

    // Remove them, after a confirmation.
    await list.getByRole('button', { name: 'Remove A.B. (Year 4) from the list' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove from the list?' });
    await confirm.getByText('will no longer be on Pendle Primary Academy’s list (consent withdrawn)').waitFor();
    await app.screenshot('consent-remove', { fullPage: false });
    await app.expectAccessible('the removal confirmation');
    await confirm.getByRole('button', { name: 'Remove from the list' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('A.B. (Year 4) is no longer on Pendle Primary Academy’s list.').waitFor();
    expect(await list.getByRole('rowheader', { name: 'A.B.' }).count()).toBe(0);
    const removed = value(await e2e.vault.call(e2e.vault.admin, 'consent.list', { school: 'PPA', includeRemoved: true })).find((e) => e.name === 'A.B.');
    expect(removed?.removedAt).not.toBeNull();
    const [removal] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.remove' }));
    expect(removal).toMatchObject({ actor: ADMIN.email, target: `consent:${added?.id}`, outcome: 'ok' });

    // People taken off the list stay on the record.
    await page.getByRole('checkbox', { name: 'Include people taken off the list' }).check();
    await list.getByRole('rowheader', { name: 'A.B.' }).waitFor();
    await expect.poll(() => list.getByRole('row').filter({ hasText: 'A.B.' }).innerText()).toMatch(/Removed/);
    expect(await list.getByRole('button', { name: 'Remove A.B. (Year 4) from the list' }).count()).toBe(0);
  });

  it('shows an SLT auditor their own school’s list only, read-only, and records the view', async () => {
    const { app, page } = await e2e.openScreenAs(PPA_SLT, 'Consent');
    // Their school is fixed: there is no choice of school.
    expect(await page.getByRole('combobox', { name: 'School' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Pendle Primary Academy’s list' }).waitFor();
    await page.getByRole('table').getByRole('rowheader', { name: 'J.S.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add to the list' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await app.screenshot('consent-slt-auditor');
    await app.expectAccessible('the SLT auditor’s consent register');
    const [view] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.view', actor: PPA_SLT.email }));
    expect(view).toMatchObject({ target: 'school:PPA', outcome: 'ok' });
  });

  it('refuses another school’s SLT and a core-team auditor in the core’s words, and records the refusal', async () => {
    // Colne Primet's SLT sees Colne Primet's list, never Pendle Primary's.
    let { app, page } = await e2e.openScreenAs(CPA_SLT, 'Consent');
    await page.getByRole('heading', { name: 'Colne Primet Academy’s list' }).waitFor();
    await page.getByRole('table').getByRole('rowheader', { name: 'M.N.' }).waitFor();
    expect(await page.getByText('J.S.').count()).toBe(0);
    // Asked directly for Pendle Primary's list, the core says no, and says why.
    const token = await e2e.vault.signIn(CPA_SLT.email, CPA_SLT.passphrase);
    const refused = await e2e.vault.call(token, 'consent.list', { school: 'PPA' });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden', message: PPA_REFUSAL }) });
    const [denied] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.view', actor: CPA_SLT.email, outcome: 'denied' }));
    expect(denied).toMatchObject({ target: 'school:PPA', outcome: 'denied' });
    await app.close();

    // A core-team auditor may choose a school, and is shown the core's refusal plainly.
    ({ app, page } = await e2e.openScreenAs('core-auditor', 'Consent'));
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: 'Pendle Primary Academy' });
    const alert = page.getByRole('alert');
    await alert.getByText('You cannot see this list').waitFor();
    await alert.getByText(PPA_REFUSAL).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await app.screenshot('consent-refused');
    await app.expectAccessible('the refused consent register');
    const [coreDenied] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'consent.view', actor: CORE_AUDITOR.email }));
    expect(coreDenied).toMatchObject({ target: 'school:PPA', outcome: 'denied' });
  });

  it('is not offered to a poster', async () => {
    const { page } = await e2e.openScreenAs('non-holder', 'Dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Incidents' }).waitFor();
    expect(await nav.getByRole('button', { name: 'Consent' }).count()).toBe(0);
    const token = await e2e.vault.signIn(NON_HOLDER.email, NON_HOLDER.passphrase);
    const refused = await e2e.vault.call(token, 'consent.list', { school: 'PPA' });
    expect(refused.ok).toBe(false);
  });
});
