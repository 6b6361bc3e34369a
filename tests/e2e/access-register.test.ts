import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { HOLDER_CHANNEL, NON_HOLDER, SLT_AUDITOR } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

/** A school channel of Pendle Primary Academy, held only by a member of staff who has since left. */
const SCHOOL_CHANNEL = { ref: 'x:@SHINEatPPA', name: 'Pendle Primary Academy Twitter' };
const LEAVER = { name: 'Jordan Hale', email: 'jordan.hale@ppa.example' };
const REASON = 'Left at the end of the summer term';
/** Given the trust's Twitter but never signed in: no key yet, so their grant waits for them. */
const NEWCOMER = { name: 'Riley Ford', email: 'riley.ford@trust.example', passphrase: 'amber kite harbour nine' };
/** The register once its table has loaded. */
async function registerLoaded(page: Page): Promise<void> {
  await page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) }).waitFor();
}

describe('the access register', () => {
  // A Pendle Primary Academy leader who audits (SLT_AUDITOR) sees their own school only.
  const e2e = useE2e({
    vault: 'example',
    people: [SLT_AUDITOR],
    seed: async (vault) => {
      // A member of staff holds the school's Twitter, is recorded as leaving on 10 July, and that
      // day has passed: the register must flag them.
      value(await vault.call(vault.admin, 'person.add', { name: LEAVER.name, email: LEAVER.email, role: 'staff', school: 'PPA' }));
      value(await vault.call(vault.admin, 'access.grant', { channel: SCHOOL_CHANNEL.ref, email: LEAVER.email }));
      value(await vault.call(vault.admin, 'person.markLeft', { email: LEAVER.email, on: '2026-07-10' }));
      value(await vault.call(vault.admin, 'person.add', { ...NEWCOMER, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
      value(await vault.call(vault.admin, 'access.grant', { channel: HOLDER_CHANNEL.ref, email: NEWCOMER.email }));
      vault.clock.set(new Date('2026-07-15T09:30:00Z'));
    },
  });

  it('lists every channel under the trust or its school, with its holders and the policy gaps', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Access register');
    await registerLoaded(page);

    const groups = await page.locator('th[scope="rowgroup"]').allTextContents();
    expect(groups).toEqual(['Trust', 'Castercliff Primary Academy', 'Casterton Primary Academy', 'Colne Primet Academy', 'Pendle Primary Academy', 'West Craven High School']);
    await page.getByText('15 channels; 14 need attention.').waitFor();

    const pet = page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) });
    const petHolders = pet.getByRole('list', { name: `Holders of ${HOLDER_CHANNEL.name}` });
    await petHolders.getByText(ADMIN.name, { exact: true }).waitFor();
    await petHolders.getByText('Core team', { exact: true }).waitFor();
    await pet.getByText('Meets the policy').waitFor();

    const school = page.getByRole('row', { name: new RegExp(SCHOOL_CHANNEL.name) });
    const schoolHolders = school.getByRole('list', { name: `Holders of ${SCHOOL_CHANNEL.name}` });
    await schoolHolders.getByText(LEAVER.name, { exact: true }).waitFor();
    await schoolHolders.getByText('has left', { exact: true }).waitFor();
    for (const gap of ['No core-team holder', 'No SLT holder from Pendle Primary Academy', `${LEAVER.name} has left the trust`]) {
      await school.getByRole('listitem').filter({ hasText: gap }).waitFor();
    }
    await page.getByRole('row', { name: /PET LinkedIn/ }).getByText('Nobody', { exact: true }).waitFor();
    await app.screenshot('access-register');
    await app.expectAccessible('the access register');

    // A grant that cannot open the details yet says so, and what completes it.
    const waiting = petHolders.getByRole('listitem').filter({ hasText: NEWCOMER.name }).getByText('Waiting for their first sign-in');
    await waiting.hover();
    await page
      .getByRole('tooltip')
      .getByText(`${NEWCOMER.name} has not signed in to Custodian yet. Once they have, the next sign-in of a current holder gives them the login details.`)
      .waitFor();
    await app.screenshot('access-register-pending', { fullPage: false });
    expect(await petHolders.getByText('Waiting for', { exact: false }).count()).toBe(1);

    await page.getByLabel('Only channels that need attention').check();
    expect(await page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) }).count()).toBe(0);
    await page.getByLabel('Find a channel or holder').fill('jordan');
    expect(await page.locator('tr.register-row').count()).toBe(1);
  });

  it('lets an administrator give access and remove it with a reason, and shows past holders', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Access register');
    await registerLoaded(page);
    const row = () => page.getByRole('row', { name: new RegExp(SCHOOL_CHANNEL.name) });

    await page.getByRole('button', { name: `Give access to ${SCHOOL_CHANNEL.name}` }).click();
    const grant = page.getByRole('dialog', { name: `Give access to ${SCHOOL_CHANNEL.name}` });
    await grant.getByRole('button', { name: 'Give access' }).click();
    await grant.getByText('Choose who should hold the login details.').waitFor();
    // The leaver and the channel's current holders are not offered.
    const options = await grant.getByLabel('Person').locator('option').allTextContents();
    expect(options.some((text) => text.includes(LEAVER.name))).toBe(false);
    expect(options).toContain(`${NON_HOLDER.name}, SLT (${NON_HOLDER.email})`);
    await app.screenshot('access-grant', { fullPage: false });
    await app.expectAccessible('the give-access dialog');

    await grant.getByLabel('Person').selectOption(NON_HOLDER.email);
    await grant.getByRole('button', { name: 'Give access' }).click();
    await page.getByText(`${NON_HOLDER.name} now holds the login details of ${SCHOOL_CHANNEL.name}.`).waitFor();
    await grant.waitFor({ state: 'hidden' });
    await row().getByRole('list', { name: `Holders of ${SCHOOL_CHANNEL.name}` }).getByText(NON_HOLDER.name, { exact: true }).waitFor();
    await row().getByText('No core-team holder').waitFor();
    expect(await row().getByText('No SLT holder from Pendle Primary Academy').count()).toBe(0);
    const holders = value(await e2e.vault.call(e2e.vault.admin, 'access.list', { channel: SCHOOL_CHANNEL.ref }));
    expect(holders.map((g) => g.holderEmail).sort()).toEqual([LEAVER.email, NON_HOLDER.email]);

    await page.getByRole('button', { name: `Remove ${LEAVER.name}'s access to ${SCHOOL_CHANNEL.name}` }).click();
    const revoke = page.getByRole('dialog', { name: `Remove ${LEAVER.name}'s access` });
    await revoke.getByRole('button', { name: 'Remove access' }).click();
    await revoke.getByText('Say in a few words why their access is being removed.').waitFor();
    await revoke.getByLabel(`Why is ${LEAVER.name}'s access being removed?`).fill(REASON);
    await app.screenshot('access-revoke', { fullPage: false });
    await app.expectAccessible('the remove-access dialog');
    await revoke.getByRole('button', { name: 'Remove access' }).click();
    await page.getByText(`${LEAVER.name} no longer holds the login details of ${SCHOOL_CHANNEL.name}.`).waitFor();
    await revoke.waitFor({ state: 'hidden' });
    expect(await row().getByText(`${LEAVER.name} has left the trust`).count()).toBe(0);
    expect(await row().getByText(LEAVER.name, { exact: true }).count()).toBe(0);

    await page.getByLabel('Show past holders').check();
    const past = row().locator('.past-holders');
    await past.getByText('Past holders').waitFor();
    await past.getByText(LEAVER.name, { exact: true }).waitFor();
    await past.getByText(`held it 1 Jul 2026 to 15 Jul 2026; removed by ${ADMIN.name}: “${REASON}”`).waitFor();
    await app.screenshot('access-register-history');
    await app.expectAccessible('the access register with past holders');

    const events = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { channel: SCHOOL_CHANNEL.ref, limit: 5 }));
    expect(events[0]).toMatchObject({ action: 'access.revoke', actor: ADMIN.email, target: LEAVER.email, reason: REASON, outcome: 'ok' });
    expect(events[1]).toMatchObject({ action: 'access.grant', actor: ADMIN.email, target: NON_HOLDER.email, outcome: 'ok' });
  });

  it('shows a poster the register read-only; the core refuses them a change', async () => {
    const { app, page } = await e2e.openScreenAs('non-holder', 'Access register');
    await registerLoaded(page);
    await page.getByText('Only an administrator can give or remove access.').waitFor();
    await page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) }).getByText(ADMIN.name, { exact: true }).waitFor();
    await page.getByRole('row', { name: new RegExp(SCHOOL_CHANNEL.name) }).getByText('No core-team holder').waitFor();
    expect(await page.getByRole('button', { name: /^Give access/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await app.screenshot('access-register-read-only');
    await app.expectAccessible('the read-only access register');

    const poster = await e2e.vault.signIn(NON_HOLDER.email, NON_HOLDER.passphrase);
    expect(await e2e.vault.call(poster, 'access.grant', { channel: HOLDER_CHANNEL.ref, email: NON_HOLDER.email })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('shows an SLT auditor their own school only, read-only', async () => {
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Access register');
    await page.getByText("Who holds the login details of Pendle Primary Academy's official channels.", { exact: false }).waitFor();
    await page.getByRole('row', { name: new RegExp(SCHOOL_CHANNEL.name) }).waitFor();
    expect(await page.locator('th[scope="rowgroup"]').allTextContents()).toEqual(['Pendle Primary Academy']);
    expect(await page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Give access/ }).count()).toBe(0);
    await page.getByText('3 channels; 3 need attention.').waitFor();
    await app.screenshot('access-register-slt-auditor');
    await app.expectAccessible('the access register of one school');
  });
});
