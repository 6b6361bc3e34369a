import { describe, expect, it } from 'vitest';
import { peopleListed } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { addPerson, CORE_AUDITOR, NON_HOLDER } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

/** Left before today (1 July 2026 in this vault), leaving later in the summer, and about to leave. */
const GONE = { name: 'Jordan Hale', email: 'jordan.hale@ppa.example' };
const GOING = { name: 'Sam Okoro', email: 'sam.okoro@wchs.example' };
const HOLDER = { name: 'Morgan Reid', email: 'morgan.reid@ppa.example' };
const HELD = [
  { ref: 'x:@SHINEatPPA', name: 'Pendle Primary Academy Twitter' },
  { ref: 'instagram:@pendleprimaryacademy', name: 'Pendle Primary Academy Instagram' },
];
const NEW_PERSON = { name: 'Robin Ashworth', email: 'robin.ashworth@cas.example', passphrase: 'amber kite orchard four' };

describe('people', () => {
  const e2e = useE2e({
    vault: 'example',
    seed: async (vault) => {
      const admin = vault.admin;
      value(await vault.call(admin, 'person.add', { ...GONE, role: 'staff', school: 'PPA' }));
      value(await vault.call(admin, 'person.markLeft', { email: GONE.email, on: '2026-06-20' }));
      value(await vault.call(admin, 'person.add', { ...GOING, role: 'slt', school: 'WCHS' }));
      value(await vault.call(admin, 'person.markLeft', { email: GOING.email, on: '2026-08-31' }));
      value(await vault.call(admin, 'person.add', { ...HOLDER, role: 'slt', school: 'PPA' }));
      for (const channel of HELD) value(await vault.call(admin, 'access.grant', { channel: channel.ref, email: HOLDER.email }));
      await addPerson(vault, CORE_AUDITOR);
    },
  });

  it('lists everyone with their role, school, console access and whether they are leaving or have left', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'People');
    await peopleListed(page);

    const expected: [string, string[]][] = [
      [ADMIN.name, [ADMIN.email, 'Trust core team', 'Trust', 'Administrator', 'Active']],
      [NON_HOLDER.name, [NON_HOLDER.email, 'Senior leadership (SLT)', 'Pendle Primary Academy', 'Poster', 'Active']],
      [GONE.name, [GONE.email, 'Staff', 'Pendle Primary Academy', 'None', 'Left 20 June 2026']],
      [GOING.name, [GOING.email, 'Senior leadership (SLT)', 'West Craven High School', 'None', 'Leaving 31 August 2026']],
      [CORE_AUDITOR.name, [CORE_AUDITOR.email, 'Trust core team', 'Trust', 'Auditor', 'Active']],
    ];
    for (const [name, cells] of expected) {
      const row = page.getByRole('row', { name: new RegExp(name) });
      for (const text of cells) await row.getByText(text, { exact: true }).waitFor();
    }
    await page.getByText('6 people on the register; 3 can sign in to Custodian.').waitFor();
    expect(await page.getByRole('button', { name: `Record leaving for ${GONE.name}` }).count()).toBe(0);
    await app.screenshot('people');
    await app.expectAccessible('the people list');

    await page.getByLabel('Include people who have left').uncheck();
    expect(await page.getByRole('row', { name: new RegExp(GONE.name) }).count()).toBe(0);
    await page.getByRole('row', { name: new RegExp(GOING.name) }).waitFor();
    await page.getByLabel('Find a person').fill('west craven');
    expect(await page.getByRole('row').count()).toBe(2);
  });

  it('adds a console operator, asking for the passphrase twice', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'People');
    await peopleListed(page);

    await page.getByRole('button', { name: 'Add a person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    for (const message of ['Enter their name.', 'Enter their work email address.', 'Choose their role.']) await dialog.getByText(message).waitFor();

    await dialog.getByLabel('Name').fill(NEW_PERSON.name);
    await dialog.getByLabel('Work email').fill(NEW_PERSON.email);
    await dialog.getByLabel('Role').selectOption('slt');
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    await dialog.getByText('Choose their school.').waitFor();
    await dialog.getByLabel('School').selectOption({ label: 'Castercliff Primary Academy' });
    await dialog.getByLabel('Console access').selectOption({ label: 'Auditor' });
    await dialog.getByText('Can read the register, the people list and the audit log', { exact: false }).waitFor();
    await dialog.getByLabel('Their first passphrase').fill(NEW_PERSON.passphrase);
    await dialog.getByLabel('Type the passphrase again').fill('amber kite orchard five');
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    await dialog.getByText('The two passphrases are not the same. Type it again.').waitFor();
    await app.screenshot('people-add', { fullPage: false });
    await app.expectAccessible('the add-person dialog');

    await dialog.getByLabel('Type the passphrase again').fill(NEW_PERSON.passphrase);
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    await page.getByText(`${NEW_PERSON.name} is on the register and can sign in to Custodian as an auditor; they choose their own passphrase at their first sign-in.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(NEW_PERSON.name) });
    for (const text of ['Senior leadership (SLT)', 'Castercliff Primary Academy', 'Auditor', 'Active']) await row.getByText(text, { exact: true }).waitFor();

    const people = value(await e2e.vault.call(e2e.vault.admin, 'person.list', {}));
    expect(people.find((p) => p.email === NEW_PERSON.email)).toMatchObject({ role: 'slt', school: 'CAS', consoleRole: 'auditor', active: true });
    await e2e.vault.signIn(NEW_PERSON.email, NEW_PERSON.passphrase);

    // The core's own refusal comes back on the right field.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await dialog.getByLabel('Name').fill('Someone Else');
    await dialog.getByLabel('Work email').fill(NEW_PERSON.email);
    await dialog.getByLabel('Role').selectOption('core-team');
    expect(await dialog.getByLabel('School').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Add the person' }).click();
    await dialog.getByText(`${NEW_PERSON.email} is already on the register.`).waitFor();
  });

  it('records a leaver: the core removes their access, and the screen says what to change', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'People');
    await peopleListed(page);

    await page.getByRole('button', { name: `Record leaving for ${HOLDER.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `${HOLDER.name} is leaving` });
    const holding = dialog.getByRole('list', { name: 'Channels they hold' });
    for (const channel of HELD) await holding.getByText(channel.name).waitFor();
    await dialog.getByLabel(/^Leaving date/).fill('2026-07-01');
    await dialog.getByText('Their last day: 1 July 2026.').waitFor();
    await app.screenshot('people-leaver', { fullPage: false });
    await app.expectAccessible('the leaver dialog');
    await dialog.getByRole('button', { name: 'Record leaving' }).click();

    await dialog.getByText(`${HOLDER.name} is recorded as having left on 1 July 2026`).waitFor();
    const removed = dialog.getByRole('list', { name: 'Channels whose access was removed' });
    for (const channel of HELD) await removed.getByText(channel.name).waitFor();
    await dialog.getByText('Now change the passwords and 2FA keys').waitFor();
    await dialog.getByText('change the password and set up two-factor authentication again', { exact: false }).waitFor();
    await app.screenshot('people-leaver-recorded', { fullPage: false });
    await app.expectAccessible('the leaver result');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(HOLDER.name) }).getByText('Left 1 July 2026', { exact: true }).waitFor();

    for (const channel of HELD) {
      const holders = value(await e2e.vault.call(e2e.vault.admin, 'access.list', { channel: channel.ref }));
      expect(holders.map((g) => g.holderEmail)).not.toContain(HOLDER.email);
    }
  });

  it('shows an auditor the list read-only, and does not offer it to a poster', async () => {
    const { app, page } = await e2e.openScreenAs('core-auditor', 'People');
    await peopleListed(page);
    await page.getByText('Only an administrator can add people or record leavers.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a person' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Record leaving/ }).count()).toBe(0);
    await app.screenshot('people-read-only');
    await app.expectAccessible('the read-only people list');
    const auditor = await e2e.vault.signIn(CORE_AUDITOR.email, CORE_AUDITOR.passphrase);
    expect(await e2e.vault.call(auditor, 'person.markLeft', { email: NON_HOLDER.email, on: '2026-07-01' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.close();

    const poster = await e2e.openScreenAs('non-holder', 'Dashboard');
    const nav = poster.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Access register' }).waitFor();
    expect(await nav.getByRole('button', { name: 'People' }).count()).toBe(0);
  });
});
