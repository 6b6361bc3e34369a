import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChosenFile, FilePicker, FilePurpose } from '../../electron/core/app';
import { readChosenFile } from '../../electron/core/files/read-chosen-file';
import { createExampleTrust } from '../support/e2e-trust';
import { ADMIN, tempDir, value, type CoreSinks, type TestVault } from '../support/test-vault';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8');

/** Main's file dialog, as the test drives it: the next file for each ask (null is Cancel). */
function scriptedFiles(): FilePicker & { answers: (ChosenFile | null)[]; asked: { purpose: FilePurpose; extensions: string[] }[] } {
  const answers: (ChosenFile | null)[] = [];
  const asked: { purpose: FilePurpose; extensions: string[] }[] = [];
  return {
    answers,
    asked,
    chooseFile: async (purpose, filters) => {
      asked.push({ purpose, extensions: filters.flatMap((f) => f.extensions) });
      return answers.shift() ?? null;
    },
  };
}

function errorOf(result: { ok: true } | { ok: false; error: { code: string; message: string } }) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const open: TestVault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function trust(sinks: CoreSinks = {}) {
  const picker = scriptedFiles();
  const v = await createExampleTrust({ filePicker: picker, ...sinks });
  open.push(v);
  return { v, picker };
}

const channelCount = async (v: TestVault) => value(await v.call(v.admin, 'channel.list', {})).length;
const auditCount = async (v: TestVault, action: string) => value(await v.call(v.admin, 'audit.list', { action, limit: 1000 })).length;

describe('imports from a file chosen in main’s dialog', () => {
  it('keeps nothing when the dialog is cancelled, and asks for the right kind of file', async () => {
    const { v, picker } = await trust();
    expect(value(await v.call(v.admin, 'import.chooseFile', { kind: 'register' }))).toEqual({ cancelled: true });
    expect(value(await v.call(v.admin, 'import.chooseFile', { kind: 'credentials', format: 'keepass-xml' }))).toEqual({ cancelled: true });
    expect(picker.asked).toEqual([
      { purpose: 'register-import', extensions: ['csv'] },
      { purpose: 'credentials-import', extensions: ['xml'] },
    ]);
    expect(await auditCount(v, 'import.register')).toBe(0);
  });

  it('previews, then applies exactly the chosen text once; the id is then gone', async () => {
    const { v, picker } = await trust();
    const before = await channelCount(v);
    picker.answers.push({ name: 'register.csv', content: fixture('register.csv') });
    const chosen = value(await v.call(v.admin, 'import.chooseFile', { kind: 'register' }));
    if ('cancelled' in chosen || chosen.kind !== 'register') throw new Error('expected a register preview');
    expect(chosen).toMatchObject({ fileName: 'register.csv', preview: { dryRun: true, created: 8, updated: 1, skipped: 1 } });
    expect(await channelCount(v)).toBe(before);
    expect(await auditCount(v, 'import.register')).toBe(0);

    const done = value(await v.call(v.admin, 'import.applyChosen', { importId: chosen.importId }));
    expect(done).toMatchObject({ kind: 'register', fileName: 'register.csv', result: { dryRun: false, created: 8, updated: 1, skipped: 1 } });
    expect(await channelCount(v)).toBe(before + 2);
    expect(await auditCount(v, 'import.register')).toBe(1);
    expect(errorOf(await v.call(v.admin, 'import.applyChosen', { importId: chosen.importId })).code).toBe('not_found');
  });

  it('refuses a malformed file by line and keeps nothing', async () => {
    const { v, picker } = await trust();
    picker.answers.push({ name: 'register-bad-row.csv', content: fixture('register-bad-row.csv') });
    const refused = errorOf(await v.call(v.admin, 'import.chooseFile', { kind: 'register' }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/line 7: /);
    picker.answers.push({ name: 'empty.csv', content: '  \n' });
    expect(errorOf(await v.call(v.admin, 'import.chooseFile', { kind: 'register' })).message).toBe('empty.csv is empty. Choose the file again, or another one.');
  });

  it('refuses an unknown id, an expired one, and another session’s import', async () => {
    const { v, picker } = await trust();
    expect(errorOf(await v.call(v.admin, 'import.applyChosen', { importId: 'no-such-import-0000000' })).code).toBe('not_found');

    picker.answers.push({ name: 'bitwarden.json', content: fixture('bitwarden.json') });
    const late = value(await v.call(v.admin, 'import.chooseFile', { kind: 'credentials', format: 'bitwarden-json' }));
    if ('cancelled' in late) throw new Error('expected a preview');
    v.clock.advance(10 * 60 * 1000 + 1);
    expect(errorOf(await v.call(v.admin, 'import.applyChosen', { importId: late.importId })).message).toMatch(/no longer waiting/);

    // A second administrator (another window or machine session) cannot apply or discard it.
    picker.answers.push({ name: 'bitwarden.json', content: fixture('bitwarden.json') });
    const mine = value(await v.call(v.admin, 'import.chooseFile', { kind: 'credentials', format: 'bitwarden-json' }));
    if ('cancelled' in mine) throw new Error('expected a preview');
    const other = await v.signIn(ADMIN.email, ADMIN.passphrase);
    value(await v.call(other, 'import.discard', { importId: mine.importId }));
    expect(errorOf(await v.call(other, 'import.applyChosen', { importId: mine.importId })).code).toBe('not_found');
    expect(await auditCount(v, 'import.credentials')).toBe(0);
    // Still the first session's to apply.
    expect(value(await v.call(v.admin, 'import.applyChosen', { importId: mine.importId }))).toMatchObject({ kind: 'credentials', result: { created: 4 } });
    expect(await auditCount(v, 'import.credentials')).toBe(1);
  });

  it('forgets a chosen file when the session signs out (which is also how the window locks), and on discard', async () => {
    const { v, picker } = await trust();
    picker.answers.push({ name: 'register.csv', content: fixture('register.csv') }, { name: 'register.csv', content: fixture('register.csv') });
    const discarded = value(await v.call(v.admin, 'import.chooseFile', { kind: 'register' }));
    if ('cancelled' in discarded) throw new Error('expected a preview');
    value(await v.call(v.admin, 'import.discard', { importId: discarded.importId }));
    expect(errorOf(await v.call(v.admin, 'import.applyChosen', { importId: discarded.importId })).code).toBe('not_found');

    const session = await v.signIn(ADMIN.email, ADMIN.passphrase);
    const chosen = value(await v.call(session, 'import.chooseFile', { kind: 'register' }));
    if ('cancelled' in chosen) throw new Error('expected a preview');
    value(await v.call(session, 'auth.signOut', {}));
    const again = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(errorOf(await v.call(again, 'import.applyChosen', { importId: chosen.importId })).code).toBe('not_found');
    expect(await auditCount(v, 'import.register')).toBe(0);
  });

  it('is refused without main’s dialog (the command line names the file instead)', async () => {
    const v = await createExampleTrust();
    open.push(v);
    const refused = errorOf(await v.call(v.admin, 'import.chooseFile', { kind: 'register' }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/custodian import register FILE/);
  });

  it('reads a chosen file in main: its name only, refusing a folder, a file over 5 MB and non-UTF-8 text', async () => {
    const dir = tempDir('custodian-chosen-file-');
    try {
      const ok = join(dir.path, 'export.csv');
      writeFileSync(ok, 'name,url\n');
      expect(await readChosenFile(ok)).toEqual({ name: 'export.csv', content: 'name,url\n' });
      mkdirSync(join(dir.path, 'folder.csv'));
      await expect(readChosenFile(join(dir.path, 'folder.csv'))).rejects.toThrow('folder.csv is not a file');
      writeFileSync(join(dir.path, 'big.csv'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
      await expect(readChosenFile(join(dir.path, 'big.csv'))).rejects.toThrow('big.csv is too large to import (at most 5 MB).');
      writeFileSync(join(dir.path, 'latin1.csv'), Buffer.from([0x6e, 0xe9, 0x0a]));
      await expect(readChosenFile(join(dir.path, 'latin1.csv'))).rejects.toThrow(/not UTF-8/);
      await expect(readChosenFile(join(dir.path, 'missing.csv'))).rejects.toThrow('missing.csv could not be read');
    } finally {
      dir.remove();
    }
  });
});
