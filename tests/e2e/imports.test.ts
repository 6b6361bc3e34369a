import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChosenFile, Core, FilePicker } from '../../electron/core/app';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN, value } from '../support/test-vault';

const fixture = (name: string): ChosenFile => ({ name, content: readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8') });

/** Every password and 2FA key in the Bitwarden fixture: none may reach the page. */
const BITWARDEN_SECRETS = ['Bw-PPA-X-pass-4f1c9e', 'Bw-PPA-IG-pass-8d2a7b', 'Bw-WCHS-FB-pass-3e9d5c', 'Bw-CAS-X-pass-6b0f2a', 'JBSWY3DPEHPK3PXPJBSWY3DP', 'gezd gnbv'];

/** In place of main's file dialog: the file the person "picks" next (null is Cancel). */
function scriptedFiles(): FilePicker & { answers: (ChosenFile | null)[] } {
  const answers: (ChosenFile | null)[] = [];
  return { answers, chooseFile: async () => answers.shift() ?? null };
}

/** The core as main binds it, noting the ids it hands out so the test can try them afterwards. */
function watching(core: Core, ids: string[]): Core {
  return {
    ...core,
    dispatch: async (token, method, input) => {
      const result = await core.dispatch(token, method, input);
      if (method === 'import.chooseFile' && result.ok && 'importId' in (result.value as object)) ids.push((result.value as { importId: string }).importId);
      return result;
    },
  };
}

describe('the Data page: imports', () => {
  const picker = scriptedFiles();
  const ids: string[] = [];
  const e2e = useE2e({ vault: 'example', sinks: { filePicker: picker } });
  afterEach(() => void picker.answers.splice(0));

  const openImports = async () => (await e2e.openScreenAs('admin', 'Data', { core: watching(e2e.vault.core, ids) })).app;
  const channels = async () => value(await e2e.vault.call(e2e.vault.admin, 'channel.list', {})).map((c) => `${c.platform}:${c.handle}`).sort();
  const audits = async (action: string) => value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action, limit: 1000 })).length;

  it('shows a malformed register file’s problems by line and changes nothing; a closed dialog does nothing', async () => {
    const app = await openImports();
    const { page } = app;
    const card = page.getByRole('region', { name: 'People, channels and holders (CSV)' });
    const before = await channels();

    picker.answers.push(null);
    await card.getByRole('button', { name: 'Choose file…' }).click();
    await card.getByText('No file was chosen, so nothing was imported.').waitFor();

    picker.answers.push(fixture('register-bad-row.csv'));
    await card.getByRole('button', { name: 'Choose file…' }).click();
    const alert = card.getByRole('alert').filter({ hasText: 'The register file was not imported' });
    await alert.waitFor();
    await alert.getByRole('list', { name: 'Problems in the file' }).getByText(/^Line 7:/).waitFor();
    expect(await card.getByRole('button', { name: 'Import…' }).count()).toBe(0);
    expect(await channels()).toEqual(before);
    expect(await audits('import.register')).toBe(0);
    await app?.screenshot('data-imports-problems');
  }, 60_000);

  it('previews a register file without changing anything, then imports it after a confirmation', async () => {
    const app = await openImports();
    const { page } = app;
    const card = page.getByRole('region', { name: 'People, channels and holders (CSV)' });
    const before = await channels();

    picker.answers.push(fixture('register.csv'));
    await card.getByRole('button', { name: 'Choose file…' }).click();
    const preview = card.getByRole('region', { name: 'Preview of register.csv' });
    await preview.getByText('8 to add, 1 to update, 1 to skip', { exact: false }).waitFor();
    const table = preview.getByRole('table', { name: 'What importing register.csv would do' });
    await table.getByRole('row', { name: /^3 Channel: x:@SHINEatPPA Update/ }).waitFor();
    await table.getByRole('row', { name: /Channel: linkedin:pet-careers Add/ }).waitFor();
    await table.getByRole('row', { name: /Person: priya\.patel@ppa\.example Skip/ }).waitFor();
    expect(await channels()).toEqual(before);
    expect(await audits('import.register')).toBe(0);
    await app?.screenshot('data-imports');
    await app?.expectAccessible('the Data page with an import preview');

    await preview.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import this file?' });
    await dialog.getByText(/Everything is imported in one go, or nothing is/).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const done = card.getByRole('status').filter({ hasText: 'Imported from register.csv' });
    await done.waitFor();
    await done.getByText('8 added, 1 updated, 1 skipped.').waitFor();
    await done.getByText(/recorded in the audit log/).waitFor();
    expect(await channels()).toEqual([...before, 'linkedin:pet-careers', 'facebook:Pendle Primary Academy Official'].sort());
    expect(await audits('import.register')).toBe(1);
  }, 60_000);

  it('previews a Bitwarden export with no password on the page, then stores them in the keychain', async () => {
    const app = await openImports();
    const { page } = app;
    const card = page.getByRole('region', { name: 'Login details from a password manager' });
    await card.getByRole('radio', { name: 'Bitwarden (.json)' }).check();

    picker.answers.push(fixture('bitwarden.json'));
    await card.getByRole('button', { name: 'Choose file…' }).click();
    const preview = card.getByRole('region', { name: 'Preview of bitwarden.json' });
    await preview.getByText('4 channels to set, 0 to replace, 5 entries to skip', { exact: false }).waitFor();
    await preview.getByRole('row', { name: /PPA Twitter → x:@SHINEatPPA Add/ }).waitFor();
    await preview.getByRole('row', { name: /Canva for Education Skip/ }).waitFor();
    const html = await page.content();
    for (const secret of BITWARDEN_SECRETS) expect(html, 'a planted secret on the page').not.toContain(secret);
    await app?.screenshot('data-imports-credentials');

    await preview.getByRole('button', { name: 'Import…' }).click();
    await page.getByRole('dialog', { name: 'Import this file?' }).getByRole('button', { name: 'Import', exact: true }).click();
    await card.getByRole('status').filter({ hasText: 'Imported from bitwarden.json' }).getByText('4 channels set, 0 replaced, 5 entries skipped.').waitFor();
    const after = await page.content();
    for (const secret of BITWARDEN_SECRETS) expect(after, 'a planted secret on the page').not.toContain(secret);

    // The core has it, and the importer holds what they imported: they read it back through the ordinary reveal.
    const revealed = value(await e2e.vault.call(e2e.vault.admin, 'secret.reveal', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'Checking the import' }));
    expect(revealed.value).toBe('Bw-PPA-X-pass-4f1c9e');
    const events = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'import.credentials', limit: 10 }));
    expect(events[0]).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { format: 'bitwarden-json', passwords: 4 } });
  }, 60_000);

  it('forgets the file on Cancel: its id can no longer be imported', async () => {
    const app = await openImports();
    const { page, session } = app;
    const card = page.getByRole('region', { name: 'Login details from a password manager' });
    await card.getByRole('radio', { name: 'KeePass (XML)' }).check();
    picker.answers.push(fixture('keepass.xml'));
    await card.getByRole('button', { name: 'Choose file…' }).click();
    const preview = card.getByRole('region', { name: 'Preview of keepass.xml' });
    await preview.waitFor();
    const importId = ids.at(-1) as string;

    await preview.getByRole('button', { name: 'Cancel' }).click();
    await card.getByText('Cancelled: nothing was imported, and Custodian has forgotten the file.').waitFor();
    const applied = await session.invoke('import.applyChosen', { importId });
    expect(applied.ok ? 'ok' : applied.error.code).toBe('not_found');
    expect(await audits('import.credentials')).toBe(1);
  }, 60_000);
});
