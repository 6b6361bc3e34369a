import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FolderPicker, FolderPurpose } from '../../electron/core/app';
import { createExampleTrust, HOLDER_CHANNEL } from '../support/e2e-trust';
import { tempDir, value, type CoreSinks, type TestVault } from '../support/test-vault';

const PACK_FILES = ['audit.csv', 'manifest.json', 'manifest.sig', 'review.json', 'review.pdf', 'review.xlsx'];

/** Main's folder dialog, as the test drives it: the next answer for each ask (null is Cancel). */
function scriptedPicker(): FolderPicker & { answers: (string | null)[]; asked: FolderPurpose[] } {
  const answers: (string | null)[] = [];
  const asked: FolderPurpose[] = [];
  return {
    answers,
    asked,
    choose: async (purpose) => {
      asked.push(purpose);
      return answers.shift() ?? null;
    },
  };
}

/** A step the test holds the export at until it lets go. */
function gate() {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (open = resolve));
  return { arrived, released, reach: () => reached(), release: () => open() };
}

const open: TestVault[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
  dirs.splice(0).forEach((dir) => dir.remove());
});

async function trust(sinks: CoreSinks) {
  const v = await createExampleTrust(sinks);
  open.push(v);
  const out = tempDir('custodian-chosen-');
  dirs.push(out);
  return { v, out: out.path };
}

const auditCount = async (v: TestVault, action: string) => value(await v.call(v.admin, 'audit.list', { action, limit: 1000 })).length;

describe('review pack and backup folder chosen in main’s dialog', () => {
  it('does nothing when the dialog is cancelled: nothing written, nothing recorded', async () => {
    const picker = scriptedPicker();
    const { v, out } = await trust({ folderPicker: picker });
    picker.answers.push(null, null, null);

    expect(value(await v.call(v.admin, 'review.exportToChosenFolder', {}))).toEqual({ cancelled: true });
    expect(value(await v.call(v.admin, 'review.verifyChosenFolder', {}))).toEqual({ cancelled: true });
    const before = value(await v.call(v.admin, 'backup.list', {})).folder;
    expect(value(await v.call(v.admin, 'backup.chooseFolder', {}))).toEqual({ cancelled: true });

    expect(picker.asked).toEqual(['review-export', 'review-verify', 'backup-folder']);
    expect(readdirSync(out)).toEqual([]);
    expect(value(await v.call(v.admin, 'backup.list', {})).folder).toBe(before);
    expect(await auditCount(v, 'review.export')).toBe(0);
    expect(await auditCount(v, 'review.verify')).toBe(0);
    expect(await auditCount(v, 'backup.folder')).toBe(0);
  });

  it('refuses with a clear message where there is no folder dialog (the command line)', async () => {
    const { v } = await trust({});
    for (const method of ['review.exportToChosenFolder', 'review.verifyChosenFolder', 'backup.chooseFolder'] as const) {
      expect(await v.call(v.admin, method, {}), method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('only available in the desktop app') } });
    }
  });

  it('writes the pack into a new folder inside the chosen one, shows each step while it runs, and checks it', async () => {
    const held = gate();
    const picker = scriptedPicker();
    const { v, out } = await trust({
      folderPicker: picker,
      reviewProgress: async (step) => {
        if (step.file !== 'review.xlsx') return;
        held.reach();
        await held.released;
      },
    });
    const defaults = value(await v.call(v.admin, 'review.defaults', {}));
    expect(defaults.from < defaults.to).toBe(true);
    expect(value(await v.call(v.admin, 'review.progress', {}))).toEqual({ running: false, file: null, index: 0, total: 0 });

    picker.answers.push(out);
    const exporting = v.call(v.admin, 'review.exportToChosenFolder', {});
    await held.arrived;
    // The window's poll sees the step; another session sees nothing of it, and cannot start a second export.
    expect(value(await v.call(v.admin, 'review.progress', {}))).toEqual({ running: true, file: 'review.xlsx', index: 2, total: 5 });
    const other = await v.signIn('alex.admin@trust.example', 'correct horse battery');
    expect(value(await v.call(other, 'review.progress', {}))).toMatchObject({ running: false });
    expect(await v.call(other, 'review.exportToChosenFolder', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('being exported already') } });
    held.release();

    const pack = value(await exporting);
    if ('cancelled' in pack) return expect.fail('the export was cancelled');
    const dir = join(out, `custodian-review-${defaults.from}-to-${defaults.to}`);
    expect(pack).toMatchObject({ dir, from: defaults.from, to: defaults.to, school: null });
    expect(readdirSync(dir).sort()).toEqual(PACK_FILES);
    expect(value(await v.call(v.admin, 'review.progress', {}))).toMatchObject({ running: false });

    // The same period again: a second folder beside the first, never into it.
    picker.answers.push(out);
    const again = value(await v.call(v.admin, 'review.exportToChosenFolder', { from: defaults.from, to: defaults.to }));
    expect('dir' in again && again.dir).toBe(`${dir}-2`);

    picker.answers.push(dir);
    expect(value(await v.call(v.admin, 'review.verifyChosenFolder', {}))).toMatchObject({ valid: true, dir, problems: [] });
    writeFileSync(join(dir, 'audit.csv'), 'seq,time\n1,altered\n');
    picker.answers.push(dir);
    expect(value(await v.call(v.admin, 'review.verifyChosenFolder', {}))).toMatchObject({ valid: false, problems: [{ file: 'audit.csv' }] });
  }, 60_000);

  it('with the policy review overdue, the default pack is the last 12 months to today, so this year’s use is in it', async () => {
    const picker = scriptedPicker();
    const { v, out } = await trust({ folderPicker: picker });
    // Seventeen months on: the policy's review date has passed.
    v.clock.set(new Date('2027-12-10T10:00:00Z'));
    const admin = await v.signIn('alex.admin@trust.example', 'correct horse battery');
    expect(value(await v.call(admin, 'policy.show', {}))).toMatchObject({ overdue: true });
    value(await v.call(admin, 'secret.reveal', { channel: HOLDER_CHANNEL.ref, kind: 'password', reason: 'Posting the carol service' }));

    const defaults = value(await v.call(admin, 'review.defaults', {}));
    expect(defaults).toMatchObject({ from: '2026-12-11', to: '2027-12-10' });
    expect(defaults.nextReviewOn < defaults.to).toBe(true);
    picker.answers.push(out);
    const pack = value(await v.call(admin, 'review.exportToChosenFolder', {}));
    if ('cancelled' in pack) return expect.fail('the export was cancelled');
    const rows = readFileSync(join(pack.dir, 'audit.csv'), 'utf8').trim().split('\n');
    expect(rows.filter((row) => row.includes('secret.reveal') && row.includes('2027-12-10'))).toHaveLength(1);
  }, 60_000);

  it('keeps an SLT auditor to their own school, named in the folder', async () => {
    const picker = scriptedPicker();
    const { v, out } = await trust({ folderPicker: picker });
    value(await v.call(v.admin, 'person.add', { name: 'Sara Auditor', email: 'sara@ppa.example', role: 'slt', school: 'PPA', consoleRole: 'auditor', passphrase: 'auditor passphrase 1' }));
    const slt = await v.signIn('sara@ppa.example', 'auditor passphrase 1');
    picker.answers.push(out, out);
    expect(await v.call(slt, 'review.exportToChosenFolder', { school: 'CPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const pack = value(await v.call(slt, 'review.exportToChosenFolder', {}));
    expect('school' in pack && pack.school).toBe('PPA');
    expect(readdirSync(out)).toEqual([expect.stringMatching(/^custodian-review-ppa-\d{4}-\d{2}-\d{2}-to-/)]);
  }, 60_000);

  it('moves new backups to the chosen folder and records it', async () => {
    const picker = scriptedPicker();
    const { v, out } = await trust({ folderPicker: picker });
    const folder = join(out, 'nas-backups');
    mkdirSync(folder);
    picker.answers.push(folder);
    expect(value(await v.call(v.admin, 'backup.chooseFolder', {}))).toEqual({ folder });
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    expect(backup.file.startsWith(folder)).toBe(true);
    expect(existsSync(backup.file)).toBe(true);
    expect(value(await v.call(v.admin, 'backup.list', {}))).toMatchObject({ folder, backups: [{ id: backup.id }] });
    expect(await auditCount(v, 'backup.folder')).toBe(1);
  });
});
