import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { NON_HOLDER, SLT_AUDITOR, SUMMER_MORNING } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

/** A real PNG: a small "screenshot" with a band of colour, so its bytes are its own. */
function screenshotPng(width = 64, height = 40): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      png.data[i] = y < height / 2 ? 29 : 240;
      png.data[i + 1] = (x * 4) % 256;
      png.data[i + 2] = 155;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

describe('the incidents screen', () => {
  const e2e = useE2e({ vault: 'example', people: [SLT_AUDITOR] });

  it('reports an incident, refuses a delete before evidence, keeps the evidence with its SHA-256, then records the delete and closes it', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Incidents');
    await page.getByText('No incidents have been reported.').waitFor();

    // Report it: checked in the window first.
    await page.getByRole('button', { name: 'Report an incident' }).click();
    const report = page.getByRole('dialog', { name: 'Report an incident' });
    await report.getByRole('button', { name: 'Report it' }).click();
    await report.getByText('Choose the account it happened on.').waitFor();
    await report.getByText('Choose what kind of incident it is.').waitFor();
    await report.getByText('Say in a few words what happened.').waitFor();
    await app.screenshot('incident-report-invalid', { fullPage: false });
    await app.expectAccessible('the report form with mistakes');
    await report.getByRole('combobox', { name: 'Account it happened on' }).selectOption({ label: 'PET Twitter (@pendleeducation)' });
    await report.getByRole('radio', { name: 'Abuse' }).check();
    await report.getByLabel(/^What happened/).fill('Abusive reply under the sports day post');
    await report.getByRole('button', { name: 'Report it' }).click();
    await report.waitFor({ state: 'hidden' });

    // The incident opens at once, so the evidence can be attached next.
    const detail = page.getByRole('dialog', { name: 'Abuse on PET Twitter' });
    await detail.getByText('Abusive reply under the sports day post').waitFor();
    await detail.getByText('No evidence yet.').waitFor();
    await detail.getByText('Capture evidence before deleting', { exact: true }).waitFor();
    const [opened] = value(await e2e.vault.call(e2e.vault.admin, 'incident.list', {}));
    expect(opened).toMatchObject({ channel: 'x:@pendleeducation', kind: 'abuse', summary: 'Abusive reply under the sports day post', openedBy: ADMIN.email, status: 'open' });
    await app.screenshot('incident-detail', { fullPage: false });
    await app.expectAccessible('a new incident');

    // Deleting before the evidence is kept: the core refuses, in its own words.
    await detail.getByRole('radio', { name: 'Deleted it' }).check();
    await detail.getByRole('button', { name: 'Record what was done' }).click();
    await detail.getByRole('alert').getByText('Capture evidence (a screenshot) before deleting; nothing was changed.').waitFor();
    await app.screenshot('incident-delete-refused', { fullPage: false });
    expect(value(await e2e.vault.call(e2e.vault.admin, 'incident.list', {}))[0]?.actions).toEqual([]);

    // Keep the evidence: a real PNG, read in the window and stored by the core under its SHA-256.
    const png = screenshotPng();
    const sha256 = createHash('sha256').update(png).digest('hex');
    await detail.getByLabel('Screenshot or file').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: png });
    await detail.getByRole('button', { name: 'Attach the evidence' }).click();
    const evidence = detail.getByRole('list', { name: 'Evidence kept' });
    await evidence.getByText(sha256).waitFor();
    await evidence.getByText('screenshot.png').waitFor();
    await evidence.getByText(`PNG image · ${png.length} bytes · kept Wed, 1 Jul 2026, 10:30`).waitFor();
    expect(await detail.getByText('Capture evidence before deleting', { exact: true }).count()).toBe(0);
    const kept = value(await e2e.vault.call(e2e.vault.admin, 'incident.list', {}))[0]?.evidence[0];
    expect(kept).toMatchObject({ originalName: 'screenshot.png', sha256, bytes: png.length, mediaType: 'image/png' });
    expect(existsSync(join(e2e.vault.dataDir, 'evidence', `${sha256}.png`))).toBe(true);
    await app.screenshot('incident-evidence', { fullPage: false });
    await app.expectAccessible('an incident with evidence');

    // Now the delete is allowed; then the audience was told why, and it is closed.
    await detail.getByRole('radio', { name: 'Deleted it' }).check();
    await detail.getByRole('button', { name: 'Record what was done' }).click();
    await detail.getByRole('list', { name: 'Actions recorded' }).getByText('Deleted', { exact: true }).waitFor();
    await detail.getByRole('radio', { name: 'Yes' }).check();
    await detail.getByRole('button', { name: 'Record the answer' }).click();
    await expect.poll(async () => value(await e2e.vault.call(e2e.vault.admin, 'incident.list', {}))[0]?.audienceTold).toBe(true);
    await detail.getByRole('button', { name: 'Close the incident' }).click();
    await detail.getByRole('button', { name: 'Yes, close it' }).click();
    await detail.getByRole('note').getByText('Closed', { exact: true }).waitFor();
    expect(await detail.getByRole('button', { name: 'Attach the evidence' }).count()).toBe(0);
    const [closed] = value(await e2e.vault.call(e2e.vault.admin, 'incident.list', {}));
    expect(closed).toMatchObject({ status: 'closed', audienceTold: true, actions: [{ action: 'delete', by: ADMIN.email }] });
    const events = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { since: SUMMER_MORNING.toISOString() })).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['incident.add', 'incident.evidence', 'incident.action', 'incident.audience', 'incident.close']));

    await detail.getByRole('button', { name: 'Close this window' }).click();
    await detail.waitFor({ state: 'hidden' });
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Abusive reply under the sports day post' });
    await expect.poll(() => row.innerText()).toMatch(/Closed\s+Wed, 1 Jul 2026, 10:30\s+PET Twitter\s+Trust\s+Abuse\s+Abusive reply under the sports day post\s+Nobody yet\s+1 file/);
    await app.screenshot('incidents');
    await app.expectAccessible('the incidents list');
  });

  it('prompts for the DSL on a safeguarding concern, refuses closing with nothing done, and records the escalation', async () => {
    const { app, page } = await e2e.openScreenAs('non-holder', 'Incidents');
    await page.getByRole('button', { name: 'Report an incident' }).click();
    const report = page.getByRole('dialog', { name: 'Report an incident' });
    await report.getByRole('combobox', { name: 'Account it happened on' }).selectOption({ label: 'Pendle Primary Academy Instagram (@pendleprimaryacademy)' });
    await report.getByRole('radio', { name: 'Safeguarding concern' }).check();
    await report.getByRole('note').getByText('Tell the DSL now').waitFor();
    await report.getByLabel(/^What happened/).fill('Comment suggests a pupil is being harmed at home');
    await app.screenshot('incident-report-concern', { fullPage: false });
    await app.expectAccessible('the report form for a concern');
    await report.getByRole('button', { name: 'Report it' }).click();
    await report.waitFor({ state: 'hidden' });

    const detail = page.getByRole('dialog', { name: 'Safeguarding concern on Pendle Primary Academy Instagram' });
    await detail.getByRole('alert').getByText('Safeguarding: tell the DSL').waitFor();
    // The DSL is offered first.
    expect(await detail.getByRole('radio', { name: 'Designated Safeguarding Lead (DSL)' }).isChecked()).toBe(true);
    await app.screenshot('incident-concern', { fullPage: false });
    await app.expectAccessible('a safeguarding concern');

    // Closing with nothing done is refused by the core.
    await detail.getByRole('button', { name: 'Close the incident' }).click();
    await detail.getByRole('button', { name: 'Yes, close it' }).click();
    await detail.getByText(/has no action \(hide, delete, block, report\) and no escalation on record/).waitFor();

    await detail.getByRole('button', { name: 'Record the escalation' }).click();
    await detail.getByRole('list', { name: 'Escalations recorded' }).getByText('Designated Safeguarding Lead (DSL)').waitFor();
    expect(await detail.getByText('Safeguarding: tell the DSL').count()).toBe(0);
    const concern = value(await e2e.vault.call(e2e.vault.admin, 'incident.list', { open: true })).find((i) => i.kind === 'concern');
    expect(concern?.escalations).toEqual([{ to: 'dsl', at: SUMMER_MORNING.toISOString(), by: NON_HOLDER.email }]);
    const [escalated] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'incident.escalate' }));
    expect(escalated).toMatchObject({ actor: NON_HOLDER.email, target: `incident:${concern?.id}`, details: { to: 'dsl' } });

    await detail.getByRole('button', { name: 'Close the incident' }).click();
    await detail.getByRole('button', { name: 'Yes, close it' }).click();
    await detail.getByRole('note').getByText('Closed', { exact: true }).waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'incident.list', { open: true })).some((i) => i.id === concern?.id)).toBe(false);
  });

  it('shows an SLT auditor their own school’s incidents and the trust’s, open first, read-only, never another school’s', async () => {
    const ppa = value(await e2e.vault.call(e2e.vault.admin, 'incident.add', { channel: 'x:@SHINEatPPA', kind: 'bullying', summary: 'Pupils mocked in replies to the trip photos' }));
    value(await e2e.vault.call(e2e.vault.admin, 'incident.add', { channel: 'x:@SHINEatCPA', kind: 'bullying', summary: 'Another school’s pupils named in replies' }));
    value(await e2e.vault.call(e2e.vault.admin, 'incident.update', { id: ppa.id, action: 'hide', escalate: 'principal' }));
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Incidents');
    expect(await page.getByRole('button', { name: 'Report an incident' }).count()).toBe(0);
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Pupils mocked in replies to the trip photos' }).waitFor();
    // Pendle Primary's and the trust's: the open one first, then the closed ones; nothing of another school's.
    expect(await rows.count()).toBe(4);
    await expect.poll(() => rows.nth(1).innerText()).toMatch(/^Open\s.*Pendle Primary Academy Twitter.*Bullying.*Principal\s+None/s);
    await expect.poll(() => rows.nth(2).innerText()).toMatch(/^Closed\s.*Safeguarding concern.*DSL/s);
    await expect.poll(() => rows.nth(3).innerText()).toMatch(/^Closed\s.*PET Twitter.*Abusive reply under the sports day post/s);
    expect(await page.getByText('Another school’s pupils named in replies').count()).toBe(0);
    await page.getByText('1 open, 2 closed.').waitFor();
    await app.screenshot('incidents-slt-auditor');
    await app.expectAccessible('the auditor’s incidents list');

    await page.getByRole('button', { name: /^Open the incident on Pendle Primary Academy Twitter/ }).click();
    const detail = page.getByRole('dialog', { name: 'Bullying on Pendle Primary Academy Twitter' });
    await detail.getByText('You can read this incident. Only administrators and posters record evidence, actions and escalations.').waitFor();
    await detail.getByRole('list', { name: 'Actions recorded' }).getByText('Hidden').waitFor();
    await detail.getByText('Was the audience told why? Not recorded.').waitFor();
    for (const name of ['Attach the evidence', 'Record what was done', 'Record the answer', 'Record the escalation', 'Close the incident']) {
      expect(await detail.getByRole('button', { name }).count()).toBe(0);
    }
    await app.screenshot('incident-read-only', { fullPage: false });
    await app.expectAccessible('an incident, read-only');
  });
});
