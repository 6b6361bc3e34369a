import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import { useE2e } from '../support/e2e-fixture';
import { DEMO_PASSPHRASE, HOLDER_CHANNEL, NON_HOLDER, SUMMER_MORNING } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

/** A demo core-team member whose console role is auditor: the whole trust, read-only. */
const DEMO_CORE_AUDITOR = { name: 'Chloe Clarke', email: 'chloe.clarke3@demo.pendle-trust.example', passphrase: DEMO_PASSPHRASE };
/** A demo Pendle Primary Academy leader who audits: that school's events only. */
const DEMO_SLT_AUDITOR = { name: 'Amira Fox', email: 'amira.fox21@demo.pendle-trust.example', passphrase: DEMO_PASSPHRASE };

/** On the audit log, waits for its first events. */
async function auditEventsShown(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Audit events' }).getByRole('row').nth(1).waitFor();
}

/** Scrolls the audit table to its end until every event is loaded; returns the summary line. */
async function scrollToOldest(page: Page): Promise<string> {
  const scroller = page.getByRole('region', { name: 'Audit events' });
  const summary = page.getByText(/, newest first\.$/);
  for (let i = 0; i < 40 && (await summary.count()) === 0; i++) {
    await scroller.evaluate((element: { scrollTop: number; scrollHeight: number }) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.waitForTimeout(150);
  }
  // The last page made the table longer: to the very end once more.
  await scroller.evaluate((element: { scrollTop: number; scrollHeight: number }) => {
    element.scrollTop = element.scrollHeight;
  });
  await page.waitForTimeout(150);
  return (await summary.textContent()) ?? '';
}

/** The text of each rendered body row (the virtualised table renders only some of them). */
async function rowTexts(scroller: Locator): Promise<string[]> {
  return scroller.locator('tbody tr:not([aria-hidden])').allTextContents();
}

/** Two reveals of the administrator's channel either side of midnight in British Summer Time. */
const JUST_INSIDE = 'Checking overnight comments after the 30 June fair';
const JUST_OUTSIDE = 'Checking overnight comments after the 1 July assembly';

describe('the audit log', () => {
  const e2e = useE2e({
    vault: 'demo',
    seed: async (vault) => {
      // 23:30 UTC on 29 June is 00:30 on 30 June in the UK; 23:30 UTC on 30 June is already 1 July.
      vault.clock.set(new Date('2026-06-29T23:30:00Z'));
      value(await vault.call(vault.admin, 'secret.reveal', { channel: HOLDER_CHANNEL.ref, kind: 'password', reason: JUST_INSIDE }));
      vault.clock.set(new Date('2026-06-30T23:30:00Z'));
      value(await vault.call(vault.admin, 'secret.reveal', { channel: HOLDER_CHANNEL.ref, kind: 'password', reason: JUST_OUTSIDE }));
      vault.clock.set(SUMMER_MORNING);
      const priya = await vault.signIn(NON_HOLDER.email, NON_HOLDER.passphrase);
      expect(await vault.call(priya, 'totp.code', { channel: HOLDER_CHANNEL.ref, reason: 'Checking the account' })).toMatchObject({ ok: false });
    },
  });

  it('shows the trail newest first in UK time, rendering only the rows in view and loading older ones on scroll', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Audit log');
    await auditEventsShown(page);
    const scroller = page.getByRole('region', { name: 'Audit events' });

    // Among the newest events is this sign-in (with the inbox sweep the administrator's console
    // runs, which raises the demo's overdue items); the refused 2FA code comes shortly before.
    const first = scroller.locator('tbody tr:not([aria-hidden])').filter({ hasText: 'Signed in' }).first();
    for (const text of ['Wed, 1 Jul 2026, 10:30', ADMIN.name, ADMIN.email, 'Signed in', 'Allowed']) await first.getByText(text, { exact: true }).waitFor();
    const refused = scroller.getByRole('row', { name: /Checking the account/ });
    for (const text of ['Priya Patel', 'Got a 2FA code', HOLDER_CHANNEL.name, 'X (Twitter) · @pendleeducation', 'Refused', 'Does not hold the login details']) {
      await refused.getByText(text, { exact: true }).waitFor();
    }
    await page.getByText('The newest 200 events; older ones load as you scroll.').waitFor();
    const rendered = (await rowTexts(scroller)).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await app.screenshot('audit-log');
    await app.expectAccessible('the audit log');

    const all = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { limit: 10_000 }));
    expect(await scrollToOldest(page)).toBe(`${all.length} events, newest first.`);
    expect(all.length).toBeGreaterThan(800);
    // Still a handful of rows in the page, however long the trail.
    expect((await rowTexts(scroller)).length).toBeLessThan(60);
    const last = scroller.locator('tbody tr:not([aria-hidden])').last();
    await last.getByText('Set up Custodian', { exact: true }).waitFor();
    await last.getByText('Event 1', { exact: true }).waitFor();
    expect(await scroller.getByRole('table').getAttribute('aria-rowcount')).toBe(String(all.length + 1));
    await app.screenshot('audit-log-oldest', { fullPage: false });
  });

  it('filters by person, result, action, channel, school and UK calendar days', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Audit log');
    await auditEventsShown(page);
    const scroller = page.getByRole('region', { name: 'Audit events' });

    // Person and result: Priya's refused attempt, and nothing of anyone else.
    await page.getByLabel('Person').selectOption(NON_HOLDER.email);
    await page.getByLabel('Result').selectOption({ label: 'Refused' });
    await page.getByText('1 event, newest first.').waitFor();
    expect(await rowTexts(scroller)).toEqual([expect.stringContaining('Checking the account')]);
    await app.screenshot('audit-log-filtered');
    await app.expectAccessible('the filtered audit log');

    // Action (by the core): every grant, and only grants.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Action').selectOption({ label: 'Gave access' });
    const all = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { limit: 10_000 }));
    const grants = all.filter((e) => e.action === 'access.grant');
    expect(await scrollToOldest(page)).toBe(`${grants.length} events, newest first.`);
    for (const text of await rowTexts(scroller)) expect(text).toContain('Gave access');

    // School (by the core).
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('School').selectOption({ label: 'Pendle Primary Academy' });
    const ppa = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { school: 'PPA', limit: 10_000 }));
    expect(await scrollToOldest(page)).toBe(`${ppa.length} events, newest first.`);

    // A channel and one UK day: 00:30 on 30 June (BST) is in it, 00:30 on 1 July is not.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Channel').selectOption({ label: HOLDER_CHANNEL.name });
    await page.getByLabel('From (UK date)').fill('2026-06-30');
    await page.getByLabel('To (UK date)').fill('2026-06-30');
    await scroller.getByText(JUST_INSIDE).waitFor();
    await page.getByText('On 30 June 2026.').waitFor();
    await scrollToOldest(page);
    const day = await rowTexts(scroller);
    expect(day.some((text) => text.includes(JUST_OUTSIDE))).toBe(false);
    for (const text of day) expect(text).toMatch(/Tue, 30 Jun 2026/);
    await scroller.getByRole('row', { name: new RegExp(JUST_INSIDE) }).getByText('Tue, 30 Jun 2026, 00:30').waitFor();

    await page.getByLabel('From (UK date)').fill('2026-07-01');
    await page.getByLabel('To (UK date)').fill('2026-06-30');
    await page.getByText('The end date is before the start date.').waitFor();
  });

  it('verifies the trail, shows the head hash, and records the check', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Audit log');
    await auditEventsShown(page);
    const before = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { limit: 1 }))[0]?.seq ?? 0;

    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The audit trail is intact' });
    await result.getByText(`The audit trail is intact: ${before} events`).waitFor();
    expect(await result.locator('pre').textContent()).toMatch(/^[0-9a-f]{64}$/);
    // The check is itself in the trail, at the top.
    const first = page.getByRole('region', { name: 'Audit events' }).locator('tbody tr:not([aria-hidden])').first();
    await first.getByText('Verified the audit trail').waitFor();
    await first.getByText(`${before} events intact`).waitFor();
    await app.screenshot('audit-log-verified');
    await app.expectAccessible('the audit log after verifying');
  });

  it('downloads the events on screen as a CSV file for a spreadsheet', async () => {
    // The window's own clock, not the vault's: the file is named after the day the window is in.
    const { page } = await e2e.openScreenAs('admin', 'Audit log', { now: null });
    await auditEventsShown(page);
    await page.getByLabel('Person').selectOption(NON_HOLDER.email);
    // Her refused code, and her first sign-in (the passphrase the administrator set, changed; her key made).
    const hers = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { actor: NON_HOLDER.email, limit: 1000 })).length;
    expect(hers).toBeGreaterThanOrEqual(3);
    await page.getByText(new RegExp(`^${hers} events, newest first\\.$`)).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-trail-' + new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }) + '.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Event,When (UK time),"When (UTC, ISO 8601)",Who,Email,What,Details,Action code,Channel,Channel reference,School,Reason given,Result');
    expect(lines).toHaveLength(hers + 1);
    expect(lines[1]).toContain(',"Wed, 1 Jul 2026, 10:30",2026-07-01T09:30:00.000Z,Priya Patel,priya.patel@ppa.example,Got a 2FA code,,totp.code,PET Twitter,x:@pendleeducation,,Checking the account,Refused: Does not hold the login details');
    expect(lines.slice(2).map((line) => (line.includes('Signed in') ? 'Signed in' : line.includes('Made their key') ? 'Made their key' : line))).toEqual(
      expect.arrayContaining(['Signed in', 'Made their key']),
    );
  });

  it('is not offered to a poster, whom the core refuses anyway; an auditor can read it', async () => {
    const { app, page } = await e2e.openScreenAs('non-holder', 'Dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Channels' }).waitFor();
    expect(await nav.getByRole('button', { name: 'Audit log' }).count()).toBe(0);
    const poster = await e2e.vault.signIn(NON_HOLDER.email, NON_HOLDER.passphrase);
    expect(await e2e.vault.call(poster, 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.close();

    const auditor = await e2e.openScreenAs(DEMO_CORE_AUDITOR, 'Audit log');
    await auditEventsShown(auditor.page);
    await auditor.page.getByRole('button', { name: 'Verify the audit trail' }).waitFor();
    expect(await auditor.page.getByLabel('School').isDisabled()).toBe(false);
  });

  it('shows an SLT auditor the events of their own school only', async () => {
    const { app, page } = await e2e.openScreenAs(DEMO_SLT_AUDITOR, 'Audit log');
    await auditEventsShown(page);
    await page.getByText('Everything done in Custodian about Pendle Primary Academy', { exact: false }).waitFor();
    const school = page.getByLabel('School');
    expect(await school.isDisabled()).toBe(true);
    expect(await school.locator('option:checked').textContent()).toBe('Pendle Primary Academy');
    const token = await e2e.vault.signIn(DEMO_SLT_AUDITOR.email, DEMO_SLT_AUDITOR.passphrase);
    const own = value(await e2e.vault.call(token, 'audit.list', { limit: 10_000 }));
    expect(own.every((e) => e.school === 'PPA')).toBe(true);
    expect(await scrollToOldest(page)).toBe(`${own.length} events, newest first.`);
    // Verify checks the whole trail, and says so: its count is the trust's, not the list's.
    const whole = value(await e2e.vault.call(token, 'audit.verify', {}));
    expect(whole.ok && whole.events > own.length).toBe(true);
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    const result = page.getByRole('status').filter({ hasText: 'audit trail is intact' });
    const title = result.getByText(/^The whole audit trail is intact: \d+ events$/);
    await title.waitFor();
    expect(Number((await title.textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(whole.ok ? whole.events : Infinity);
    await result.getByText('the list below shows only those about Pendle Primary Academy', { exact: false }).waitFor();
    await app.screenshot('audit-log-slt-auditor', { fullPage: false });
    await app.expectAccessible('the audit log of one school');
  });
});

describe('the audit log after tampering', () => {
  // A vault of its own: the test tampers with it.
  const e2e = useE2e({ vault: 'example' });

  it('names the first event that fails the check', async () => {
    // Someone with the database file but not the keychain turns event 3 from allowed into refused.
    await e2e.vault.core.close();
    const db = new Database(databasePath(e2e.vault.dataDir));
    db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
    db.exec("UPDATE audit_events SET outcome = 'denied' WHERE seq = 3");
    db.close();

    const { app, page } = await e2e.openScreenAs('admin', 'Audit log');
    await auditEventsShown(page);
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('The audit trail has been altered: event 3 fails the check').waitFor();
    await alert.getByText(/^What Custodian found: event 3 .+\.$/).waitFor();
    await alert.getByText(/^Events 1 to 2 are intact; from event 3 on, the trail cannot be trusted\./).waitFor();
    await app.screenshot('audit-log-tampered', { fullPage: false });
    await app.expectAccessible('the audit log after a failed check');
  });
});
