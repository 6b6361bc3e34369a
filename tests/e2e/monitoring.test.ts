import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN, HOLDER_CHANNEL, NON_HOLDER, SLT_AUDITOR } from '../support/e2e-trust';
import { value } from '../support/test-vault';

describe('the monitoring screen', () => {
  // The trust has used Custodian since June, so each of the last 7 days counts (days before a channel was added do not).
  const e2e = useE2e({ vault: 'example', people: [SLT_AUDITOR], since: new Date('2026-06-01T09:00:00Z') });

  it('records a check, after which today shows checked and the other six days missed', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Monitoring');
    // By default the 7 days ending today (Wednesday 1 July 2026), weekends included.
    await page.getByRole('heading', { name: 'Thu 25 Jun 2026 to Wed 1 Jul 2026', level: 2 }).waitFor();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-06-25');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2026-07-01');
    await page.getByText('0 of 15 channels were checked every day; 15 not at all.').waitFor();
    const row = page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) });
    await row.getByText('Missed 7 of 7').waitFor();
    for (const day of ['Thu 25 Jun', 'Sat 27 Jun', 'Sun 28 Jun', 'Wed 1 Jul']) await row.getByRole('img', { name: `Not checked on ${day}` }).waitFor();

    await row.getByRole('button', { name: `Record a check of ${HOLDER_CHANNEL.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record a check of ${HOLDER_CHANNEL.name}` });
    await dialog.getByLabel('Anything found? (optional)').fill('Two comments, logged in the inbox');
    await app.screenshot('monitoring-check', { fullPage: false });
    await app.expectAccessible('the check form');
    await dialog.getByRole('button', { name: 'Record the check' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: `Check of ${HOLDER_CHANNEL.name} recorded: Wed, 1 Jul 2026, 10:30, with your note.` }).waitFor();

    await row.getByRole('img', { name: 'Checked on Wed 1 Jul' }).waitFor();
    expect(await row.getByRole('img', { name: /^Checked on/ }).count()).toBe(1);
    expect(await row.getByRole('img', { name: /^Not checked on/ }).count()).toBe(6);
    await row.getByText('Missed 6 of 7').waitFor();
    await page.getByText('0 of 15 channels were checked every day; 14 not at all.').waitFor();
    await app.screenshot('monitoring');
    await app.expectAccessible('the coverage table');

    // What the core recorded.
    const report = value(await e2e.vault.call(e2e.vault.admin, 'monitor.coverage', {}));
    const coverage = report.channels.find((c) => c.channel === HOLDER_CHANNEL.ref);
    expect(coverage).toMatchObject({ checkedDays: 1, totalDays: 7, missedDays: ['2026-06-25', '2026-06-26', '2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30'] });
    const [event] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'monitor.check' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { checkedOn: '2026-07-01', noted: true } });
  });

  it('refuses a range that ends before it starts or spans more than a year, and shows a longer one by week', async () => {
    // A poster checked PET Twitter on Saturday 20 June.
    const poster = await e2e.vault.signIn(NON_HOLDER.email, NON_HOLDER.passphrase);
    value(await e2e.vault.call(poster, 'monitor.check', { channel: HOLDER_CHANNEL.ref, at: '2026-06-20T08:15:00Z' }));
    const { app, page } = await e2e.openScreenAs('admin', 'Monitoring');
    await page.getByRole('heading', { name: 'Thu 25 Jun 2026 to Wed 1 Jul 2026', level: 2 }).waitFor();

    await page.getByLabel('From', { exact: true }).fill('2026-07-01');
    await page.getByLabel('To', { exact: true }).fill('2026-06-01');
    await page.getByRole('button', { name: 'Show these days' }).click();
    await page.getByText('The last day must be on or after the first day.').waitFor();
    // The last good report stays on screen.
    await page.getByRole('heading', { name: 'Thu 25 Jun 2026 to Wed 1 Jul 2026', level: 2 }).waitFor();
    await app.screenshot('monitoring-bad-range', { fullPage: false });
    await app.expectAccessible('the refused range');
    await page.getByLabel('From', { exact: true }).fill('2025-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-07-01');
    await page.getByRole('button', { name: 'Show these days' }).click();
    await page.getByText('Choose at most a year (366 days): this range is 547 days.').waitFor();
    // The core says no to both as well.
    expect((await e2e.vault.call(e2e.vault.admin, 'monitor.coverage', { from: '2026-07-01', to: '2026-06-01' })).ok).toBe(false);
    expect((await e2e.vault.call(e2e.vault.admin, 'monitor.coverage', { from: '2025-01-01', to: '2026-07-01' })).ok).toBe(false);

    // June, by week (Monday to Sunday).
    await page.getByLabel('From', { exact: true }).fill('2026-06-01');
    await page.getByLabel('To', { exact: true }).fill('2026-06-30');
    await page.getByRole('button', { name: 'Show these days' }).click();
    await page.getByRole('heading', { name: 'Mon 1 Jun 2026 to Tue 30 Jun 2026', level: 2 }).waitFor();
    const report = value(await e2e.vault.call(e2e.vault.admin, 'monitor.coverage', { from: '2026-06-01', to: '2026-06-30' }));
    const pet = report.channels.find((c) => c.channel === HOLDER_CHANNEL.ref);
    expect(pet).toMatchObject({ checkedDays: 1, totalDays: 30 });
    const row = page.getByRole('row', { name: new RegExp(HOLDER_CHANNEL.name) });
    await row.getByText(`Missed ${pet?.missedDays.length} of 30`).waitFor();
    await row.getByRole('img', { name: 'Checked on 1 of 7 days in the week from Mon 15 Jun' }).waitFor();
    await row.getByRole('img', { name: 'Checked on 0 of 7 days in the week from Mon 8 Jun' }).waitFor();
    await row.getByRole('img', { name: 'Checked on 0 of 2 days in the week from Mon 29 Jun' }).waitFor();
    await app.screenshot('monitoring-weeks');
    await app.expectAccessible('coverage by week');

    await page.getByRole('button', { name: 'The last 7 days' }).click();
    await page.getByRole('heading', { name: 'Thu 25 Jun 2026 to Wed 1 Jul 2026', level: 2 }).waitFor();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-06-25');
  });

  it('shows an SLT auditor their own school’s channels and the trust’s, with no checks to record', async () => {
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Monitoring');
    await page.getByRole('row', { name: /Pendle Primary Academy Twitter/ }).getByText('Missed 7 of 7').waitFor();
    expect(await page.getByRole('button', { name: /Record a check/ }).count()).toBe(0);
    // The trust's own channels are every school's daily work; another school's are not theirs.
    expect(await page.getByRole('row', { name: /PET Twitter/ }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('row', { name: /West Craven High School Twitter/ }).count()).toBe(0);
    await page.getByText(/^\d+ of 7 channels were checked every day/).waitFor();
    await app.screenshot('monitoring-slt-auditor');
    await app.expectAccessible('the auditor’s monitoring screen');
  });

  it('shows the rota, and lets an administrator put someone on it for each day', async () => {
    value(await e2e.vault.call(e2e.vault.admin, 'person.add', { name: 'Sam Staff', email: 'sam.staff@ppa.example', role: 'staff', school: 'PPA' }));
    value(await e2e.vault.call(e2e.vault.admin, 'person.add', { name: 'Wes Other', email: 'wes.other@wchs.example', role: 'staff', school: 'WCHS' }));
    const { app, page } = await e2e.openScreenAs('admin', 'Monitoring');
    const rota = page.getByRole('region', { name: 'The rota' });
    const ppa = rota.getByRole('row', { name: /Pendle Primary Academy Twitter/ });
    expect(await ppa.getByText('Nobody', { exact: true }).count()).toBe(7);
    await ppa.getByRole('button', { name: 'Change the rota for Pendle Primary Academy Twitter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Monitoring rota: Pendle Primary Academy Twitter' });
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await dialog.getByLabel(day).selectOption({ label: 'Sam Staff' });
    await dialog.getByLabel('Saturday').selectOption({ label: ADMIN.name });
    // Someone from another school is not offered for a school's channel.
    const offered = await dialog.getByLabel('Sunday').locator('option').allTextContents();
    expect(offered).toContain('Sam Staff');
    expect(offered).not.toContain('Wes Other');
    await app.screenshot('monitoring-rota-dialog', { fullPage: false });
    await app.expectAccessible('the rota dialog');
    await dialog.getByRole('button', { name: 'Save the rota' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await ppa.getByText('Sam Staff', { exact: true }).count()).toBe(5);
    expect(await ppa.getByText('Nobody', { exact: true }).count()).toBe(1);
    const saved = value(await e2e.vault.call(e2e.vault.admin, 'monitor.rota', {})).find((r) => r.channel === 'x:@SHINEatPPA');
    expect(saved?.days).toMatchObject({ mon: { email: 'sam.staff@ppa.example' }, sat: { email: ADMIN.email }, sun: null });
    const gap = value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {})).findings.find((f) => f.ruleId === 'monitoring-rota' && f.subject.key === 'x:@SHINEatPPA');
    expect(gap?.message).toContain('on Sundays');
    await app.screenshot('monitoring-rota');
  });

  it('shows a channel added today as missing nothing from before it was in Custodian', async () => {
    value(await e2e.vault.call(e2e.vault.admin, 'channel.add', { platform: 'linkedin', handle: 'pet-news', name: 'PET News' }));
    const { app, page } = await e2e.openScreenAs('admin', 'Monitoring');
    const row = page.getByRole('row', { name: /PET News/ });
    await row.getByText('Missed 1 of 1').waitFor();
    for (const day of ['Thu 25 Jun', 'Tue 30 Jun']) await row.getByRole('img', { name: `${day}: before it was in Custodian` }).waitFor();
    await row.getByRole('img', { name: 'Not checked on Wed 1 Jul' }).waitFor();
    expect(await row.getByRole('img', { name: /^Not checked on/ }).count()).toBe(1);
    await app.screenshot('monitoring-new-channel', { fullPage: false });
  });
});
