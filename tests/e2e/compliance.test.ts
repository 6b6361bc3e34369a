import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { SLT_AUDITOR } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

describe('the compliance screen', () => {
  const e2e = useE2e({ vault: 'example', people: [SLT_AUDITOR] });

  it('leads from the dashboard to every finding, most urgent first, with what to do', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Dashboard');
    const report = value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {}));
    const open = page.getByRole('region', { name: 'Against the policy' });
    await open.getByText(`${report.counts.high} high, ${report.counts.medium} medium and ${report.counts.low} low findings. The most urgent:`).waitFor();
    expect(await open.getByRole('list', { name: 'Most urgent findings' }).getByRole('listitem').count()).toBe(5);
    // The count at the top is the same number: every finding, as the Compliance page lists them.
    await page.getByRole('group', { name: 'Things to fix' }).getByText(String(report.findings.length), { exact: true }).waitFor();
    await app.screenshot('dashboard-findings');

    await open.getByRole('button', { name: 'See all findings' }).click();
    await page.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();
    const findings = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    expect(await findings.count()).toBe(report.findings.length);
    // Most urgent first.
    await findings.first().getByLabel('High severity').waitFor();
    await page.getByText('The policy review is overdue: it was due by 31 January 2026').waitFor();
    await app.screenshot('compliance', { fullPage: false });
    await app.expectAccessible('the compliance screen');

    // Narrow it down: one rule, then one school.
    await page.getByRole('combobox', { name: 'Rule', exact: true }).selectOption({ label: '2-factor authentication is on wherever the platform offers it' });
    const twoFactor = report.findings.filter((f) => f.ruleId === 'two-factor');
    await page.getByText(`${twoFactor.length} of ${report.findings.length} findings shown.`).waitFor();
    await page.getByRole('textbox', { name: 'Find', exact: true }).fill('Pendle Primary');
    const ppa = twoFactor.filter((f) => f.subject.name.includes('Pendle Primary'));
    expect(ppa.length).toBeGreaterThan(0);
    await page.getByText(`${ppa.length} of ${report.findings.length} findings shown.`).waitFor();
    await findings.first().getByText('What to do:').waitFor();

    // The rules, each with the policy sentence it enforces.
    const rules = page.getByRole('region', { name: 'The rules checked' });
    await rules.getByText(report.rules[0]?.title ?? '', { exact: false }).first().click();
    await rules.getByText(report.rules[0]?.policy ?? '', { exact: false }).first().waitFor();
  });

  it('records the annual policy review, after which it is no longer overdue', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Compliance');
    await page.getByRole('button', { name: 'Record a review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a policy review' });
    await dialog.getByLabel('Date of the review').fill('2026-06-24');
    await dialog.getByLabel('Reviewed by').fill('Online safety group');
    await dialog.getByLabel('Outcome').fill('Approved with the new monitoring rota');
    await dialog.getByLabel('Next review by').fill('2026-06-01');
    await dialog.getByRole('button', { name: 'Record the review' }).click();
    await dialog.getByText('The next review must come after this one.').waitFor();
    await app.expectAccessible('the review form');
    await dialog.getByLabel('Next review by').fill('2027-06-30');
    await dialog.getByRole('button', { name: 'Record the review' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Next policy review by 30 June 2027').waitFor();
    await page.getByText('Last reviewed on 24 June 2026 by Online safety group: Approved with the new monitoring rota').waitFor();
    const report = value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {}));
    expect(report.findings.some((f) => f.ruleId === 'policy-review')).toBe(false);
    const [event] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'policy.review' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok' });
  });

  it('shows an SLT auditor their own school’s findings, read-only', async () => {
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Compliance');
    const items = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/West Craven|Colne Primet|Castercliff|Casterton/);
    expect(await page.getByRole('button', { name: 'Record a review' }).count()).toBe(0);
    await app.screenshot('compliance-slt-auditor');
    await app.expectAccessible('the auditor’s compliance screen');
  });
});
