import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { readRecoveryKit, recoveryWords } from '../../electron/core/keys/recovery-kit';
import { fillFirstRun } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { kitPdfText, kitWordsIn } from '../support/recovery-kit-text';
import { scriptedPicker } from '../support/scripted-picker';
import { ADMIN as TEST_ADMIN, tempDir, value } from '../support/test-vault';

const ADMIN = { email: TEST_ADMIN.email, passphrase: TEST_ADMIN.passphrase };

/** The recovery-kit finding, as the compliance report gives it to an administrator. */
async function kitFindings(core: Core, token: string) {
  return value(await core.call(token, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'recovery-kit');
}

describe('first run', () => {
  // No vault for the file: each test starts from an empty data folder of its own (emptyVault).
  const e2e = useE2e({ vault: 'none' });

  it('creates the trust and its first administrator, then loads the example trust', async () => {
    const { vault, app, page } = await e2e.openFirstRun();

    await page.getByRole('heading', { name: 'Set up Custodian' }).waitFor();
    await app.screenshot('first-run');
    await app.expectAccessible('the first-run screen');

    await fillFirstRun(page, { again: 'correct horse battery staple' });
    await page.getByText('The two passphrases are not the same.').waitFor();
    expect(await vault.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: false, trustName: null } });
    await app.screenshot('first-run-mismatch');
    await app.expectAccessible('the first-run screen showing a mistake');

    await page.getByLabel('Type the passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create the trust' }).click();

    // The recovery kit comes next; Later leaves it to the Data page, and the finding stays high.
    await page.getByRole('heading', { name: 'Make the recovery kit' }).waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByRole('heading', { name: 'Pendle Education Trust is set up' }).waitFor();
    const token = value(await vault.core.call(null, 'auth.signIn', ADMIN)).token;
    expect(await kitFindings(vault.core, token)).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(await vault.core.call(null, 'vault.status', {})).toEqual({ ok: true, value: { initialized: true, trustName: 'Pendle Education Trust' } });
    expect(app.session.signedIn).toBe(true);
    await app.screenshot('first-run-welcome');
    await app.expectAccessible('the welcome screen');

    await page.getByRole('button', { name: 'Load the example trust' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('The example trust is loaded: 5 schools and 15 official channels.').waitFor();
    const gaps = page.getByRole('region', { name: 'Channels without a core-team holder' });
    await gaps.getByText('15', { exact: true }).waitFor();
    expect(await gaps.getByRole('listitem').count()).toBe(6);
    await app.screenshot('dashboard-example-trust');
    await app.expectAccessible('the dashboard');
    await gaps.getByRole('button', { name: 'Show all 15' }).click();
    expect(await gaps.getByRole('listitem').count()).toBe(15);
    await gaps.getByText('PET Twitter').waitFor();
    await gaps.getByRole('button', { name: 'Show fewer' }).waitFor();
  });

  it('makes the recovery kit after the administrator: the PDF where main’s dialog said, the words only on request, the checksum typed back', async () => {
    const picker = scriptedPicker();
    const out = tempDir('custodian-e2e-kit-');
    try {
      const { vault, app, page } = await e2e.openFirstRun({ folderPicker: picker });
      await fillFirstRun(page);
      await page.getByRole('heading', { name: 'Make the recovery kit' }).waitFor();
      await page.getByText(/nobody can open its login details again/).waitFor();
      await app.screenshot('first-run-kit');
      await app.expectAccessible('the recovery-kit step');

      // Closing the dialog makes nothing.
      picker.answers.push(null);
      await page.getByRole('button', { name: 'Save the kit as PDF…' }).click();
      await page.getByText('No folder was chosen, so no kit was made.').waitFor();
      expect(readdirSync(out.path)).toEqual([]);

      picker.answers.push(out.path);
      await page.getByRole('button', { name: 'Save the kit as PDF…' }).click();
      const saved = page.getByRole('status').filter({ hasText: 'Recovery kit saved' });
      await saved.waitFor();
      const shown = /Saved as (\S+\.pdf) in (.+)\. Its checksum words are (\w+ \w+ \w+)\./.exec(await saved.innerText());
      expect(shown?.[2]).toBe(out.path);
      const [fileName = '', , checksum = ''] = (shown ?? []).slice(1);
      expect(readdirSync(out.path)).toEqual([fileName]);
      const pdf = join(out.path, fileName);
      expect(statSync(pdf).mode & 0o777).toBe(0o600);
      const text = kitPdfText(pdf);
      expect(text).toMatch(new RegExp(`Checksum words\\s+${checksum}`));
      const printed = recoveryWords(readRecoveryKit(text));
      // Nothing of the 24 words is on the page until asked for.
      expect(await page.getByRole('list', { name: 'Recovery words' }).count()).toBe(0);
      expect(kitWordsIn(await page.locator('body').innerText(), printed)).toBeLessThan(5);
      await app.screenshot('first-run-kit-saved');

      await page.getByRole('button', { name: 'Show the 24 words on screen' }).click();
      const words = page.getByRole('list', { name: 'Recovery words' });
      await words.waitFor();
      const onScreen = (await words.getByRole('listitem').allInnerTexts()).map((item) => item.replace(/^\d+\.\s*/, '').trim());
      expect(onScreen).toEqual(printed);
      await app.screenshot('first-run-kit-words');
      await app.expectAccessible('the recovery words on screen');
      await page.getByRole('button', { name: 'Hide the words now' }).click();
      await words.waitFor({ state: 'detached' });
      expect(kitWordsIn(await page.locator('body').innerText(), printed)).toBeLessThan(5);

      // A wrong word is named and nothing is confirmed; the printed ones are.
      const field = page.getByLabel('Checksum words on the printed kit');
      await field.fill('abandon ability able');
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await page.getByText(/These are not the checksum words of the kit just made/).waitFor();
      await field.fill(checksum.toUpperCase());
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await page.getByText('The checksum words match: the printed page is this kit. Put it in the safe and delete the file.').waitFor();
      await app.screenshot('first-run-kit-confirmed');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Pendle Education Trust is set up' }).waitFor();

      const token = value(await vault.core.call(null, 'auth.signIn', ADMIN)).token;
      const trail = value(await vault.core.call(token, 'audit.list', { limit: 1000 }));
      expect(trail.filter((e) => e.action.startsWith('recovery.')).map((e) => [e.action, e.outcome, e.actor])).toEqual([
        ['recovery.kit_confirmed', 'ok', ADMIN.email],
        ['recovery.reveal', 'ok', ADMIN.email],
        ['recovery.kit_created', 'ok', ADMIN.email],
      ]);
      expect(kitWordsIn(JSON.stringify(trail), printed)).toBeLessThan(5);
      expect(await kitFindings(vault.core, token)).toEqual([]);
      expect(picker.asked).toEqual(['recovery-kit', 'recovery-kit']);
    } finally {
      out.remove();
    }
  }, 60_000);

  it('says what the contract refuses, in its words, under the field, and creates nothing', async () => {
    const { vault, page } = await e2e.openFirstRun();
    await fillFirstRun(page, { email: 'not an email' });
    // The form checks the input against the contract's own schema (useContractForm), as the core would.
    await page.getByText("The administrator's email address must look like name@school.org.uk.").waitFor();
    expect(await page.getByLabel('Your work email').getAttribute('aria-invalid')).toBe('true');
    expect(await vault.core.call(null, 'vault.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
  });
});
