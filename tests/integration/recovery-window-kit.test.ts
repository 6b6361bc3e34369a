import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowSession, type WindowSession } from '../../electron/core/window-session';
import { readRecoveryKit, recoveryWords } from '../../electron/core/keys/recovery-kit';
import { kitPdfText, kitWordsIn } from '../support/recovery-kit-text';
import { scriptedPicker } from '../support/scripted-picker';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

type Made = { checksum: string; fileName: string; folder: string };

/**
 * The window's recovery kit through the window's own door (a window session over a real core and
 * keychain): main's dialog picks the folder, the core names and writes the file, and the 24 words
 * reach the window only by an audited reveal, in the session that made the kit, for 10 minutes.
 */
describe('the recovery kit made from the window', () => {
  let v: TestVault;
  let out: ReturnType<typeof tempDir>;
  let window: WindowSession;
  const picker = scriptedPicker();

  beforeEach(async () => {
    v = await createTestVault({ sinks: { folderPicker: picker } });
    out = tempDir('custodian-window-kit-');
    window = createWindowSession(v.core);
    value(await window.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }));
  });
  afterEach(async () => {
    picker.answers.splice(0);
    picker.asked.splice(0);
    await window.end();
    await v.close();
    out.remove();
  });

  const make = async (): Promise<Made> => {
    picker.answers.push(out.path);
    return value(await window.invoke('recovery.createKitInChosenFolder', {})) as Made;
  };
  const events = async (action: string) => value(await v.call(v.admin, 'audit.list', { action, limit: 100 }));

  it('writes the PDF in the chosen folder, private, and returns its checksum and name but no word of it', async () => {
    expect(value(await v.call(v.admin, 'recovery.kitStatus', {}))).toEqual({ kit: null });
    picker.answers.push(null);
    expect(value(await window.invoke('recovery.createKitInChosenFolder', {}))).toEqual({ cancelled: true });
    expect(readdirSync(out.path)).toEqual([]);

    const made = await make();
    expect(made.folder).toBe(out.path);
    expect(made.fileName).toBe(`custodian-recovery-kit-${v.clock.now().toISOString().slice(0, 10)}.pdf`);
    const path = join(out.path, made.fileName);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = kitPdfText(path);
    expect(text).toContain(made.checksum);
    const words = recoveryWords(readRecoveryKit(text));
    expect(kitWordsIn(JSON.stringify(made), words)).toBeLessThan(5);
    expect(picker.asked).toEqual(['recovery-kit', 'recovery-kit']);
    expect(value(await v.call(v.admin, 'recovery.kitStatus', {}))).toEqual({ kit: { createdAt: v.clock.now().toISOString(), createdBy: ADMIN.name } });

    // Revealed on request, audited as a reveal, and the words are the printed ones.
    expect(value(await window.invoke('recovery.revealWords', {}))).toEqual({ words });
    const [reveal] = await events('recovery.reveal');
    expect(reveal).toMatchObject({ outcome: 'ok', actor: ADMIN.email, details: {} });
    const trail = JSON.stringify(value(await v.call(v.admin, 'audit.list', { limit: 10_000 })));
    expect(kitWordsIn(trail, words)).toBeLessThan(5);

    // A second kit is refused before any dialog opens, with the core's message.
    const again = await window.invoke('recovery.createKitInChosenFolder', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('A recovery kit already exists') as unknown } });
    expect(picker.asked).toHaveLength(2);
    expect(readdirSync(out.path)).toEqual([made.fileName]);
  });

  it('confirms the printed checksum words, then forgets the key: no reveal after that', async () => {
    const made = await make();
    const wrong = await window.invoke('recovery.confirmKit', { checksum: 'abandon ability able' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'checksum' } });
    expect(value(await window.invoke('recovery.confirmKit', { checksum: `  ${made.checksum.toUpperCase().replace(/ /g, ', ')} ` }))).toEqual({ confirmed: true });
    expect(await events('recovery.kit_confirmed')).toHaveLength(1);
    const after = await window.invoke('recovery.revealWords', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('only in the session that made the kit') as unknown } });
    expect((await events('recovery.reveal')).map((e) => e.outcome)).toEqual(['denied']);
  });

  it('shows the words to no other session, and not after 10 minutes', async () => {
    await make();
    // The command line's session of the same administrator did not make it.
    expect(await v.call(v.admin, 'recovery.revealWords', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    v.clock.advance(9 * 60_000);
    expect((value(await window.invoke('recovery.revealWords', {})) as { words: string[] }).words).toHaveLength(24);
    v.clock.advance(61_000);
    expect(await window.invoke('recovery.revealWords', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await events('recovery.reveal')).map((e) => e.outcome).sort()).toEqual(['denied', 'denied', 'ok']);
  });

  it('forgets the key when the window locks', async () => {
    await make();
    await window.end();
    value(await window.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }));
    expect(await window.invoke('recovery.revealWords', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
