import { existsSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { registerDigest, type RegisterSnapshot } from '../../electron/core/audit/register-snapshot';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ADMIN, value } from '../support/test-vault';
import { schoolCodes, vault } from '../support/backup-vaults';

describe('backups', () => {
  it('restores an earlier state: later changes are gone, later events are kept, the restore is recorded with the register, the anchor advanced', async () => {
    const v = await vault();
    value(await v.call(v.admin, 'school.add', { name: 'Before Academy', code: 'BEF' }));
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    expect(backup).toMatchObject({ kind: 'manual', sealed: true, takenAt: '2026-11-24T10:00:00.000Z' });
    expect(existsSync(backup.file)).toBe(true);
    expect(readFileSync(backup.file.replace(/\.sqlite3$/, '.json'), 'utf8')).not.toMatch(/passphrase|argon|scrypt/i);

    v.clock.advance(3_600_000);
    value(await v.call(v.admin, 'school.add', { name: 'After Academy', code: 'AFT' }));
    expect(await schoolCodes(v, v.admin)).toContain('AFT');
    const headBefore = value(await v.call(v.admin, 'audit.verify', {}));
    const liveHead = headBefore.ok ? headBefore.headSeq + 1 : -1; // the verify is an event too

    const restored = value(await v.call(v.admin, 'backup.restore', { id: backup.id }));
    expect(restored).toMatchObject({ restored: { id: backup.id }, signedOut: true });
    expect(existsSync(restored.replacedFile)).toBe(true);
    // Every session ended: the restored database decides who may sign in.
    expect(await v.call(v.admin, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const token = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(await schoolCodes(v, token)).toContain('BEF');
    expect(await schoolCodes(v, token)).not.toContain('AFT');
    // The trail was not rolled back: adding AFT is still recorded, then the restore.
    expect(value(await v.call(token, 'audit.list', { action: 'school.add' }))).toHaveLength(2);
    const events = value(await v.call(token, 'audit.list', { action: 'backup.restore' }));
    expect(events).toHaveLength(1);
    expect(events[0]?.seq).toBe(liveHead + 1);
    const register = (events[0]?.details as { register: RegisterSnapshot }).register;
    expect(events[0]?.details).toMatchObject({
      backupId: backup.id,
      takenAt: '2026-11-24T10:00:00.000Z',
      fromSeq: backup.auditHeadSeq,
      carried: liveHead - backup.auditHeadSeq,
      digest: registerDigest(register),
    });
    expect(register.roles).toEqual([[1, 'admin']]);
    expect(value(await v.call(token, 'audit.verify', {})).ok).toBe(true);

    // A fresh process opens the restored vault and its anchor advanced along the same chain.
    await v.core.close();
    const core = createCore({ dataDir: v.dataDir, secretStore: createKeytarStore(), clock: v.clock });
    const again = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    const verified = value(await core.call(again, 'audit.verify', {}));
    expect(verified).toMatchObject({ ok: true });
    expect(verified.ok && verified.anchorSeq).toBeGreaterThan(liveHead);
    await core.close();
  });

  it('never rolls back the trail: a reveal after the backup survives the restore and the removal of the .replaced file', async () => {
    const v = await vault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    // Setting it made the administrator its holder.
    value(await v.call(v.admin, 'secret.set', { channel: 'x:@SHINEatPPA', kind: 'password', value: 'PPA-pass-5b1e' }));
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    v.clock.advance(60_000);
    value(await v.call(v.admin, 'secret.reveal', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'After the backup' }));
    const restored = value(await v.call(v.admin, 'backup.restore', { id: backup.id }));
    await v.core.close();
    // What the old restore relied on to keep history: gone now.
    for (const suffix of ['', '-wal', '-shm']) rmSync(restored.replacedFile + suffix, { force: true });
    const token = await v.signIn(ADMIN.email, ADMIN.passphrase);
    const reveals = value(await v.call(token, 'audit.list', { action: 'secret.reveal' }));
    expect(reveals.map((e) => [e.reason, e.outcome])).toEqual([['After the backup', 'ok']]);
    expect(value(await v.call(token, 'audit.list', { action: 'backup.restore' }))[0]?.seq).toBeGreaterThan(reveals[0]?.seq ?? Infinity);
    expect(value(await v.call(token, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('never rolls back a revoke: the revoked holder still cannot reveal after restoring a backup from before it, and rotation is still due', async () => {
    const v = await vault();
    const channel = 'x:@SHINEatPPA';
    const bea = { name: 'Bea Holder', email: 'bea.holder@trust.example', passphrase: 'bea holder passphrase 3' };
    value(await v.call(v.admin, 'example.load', { demo: false }));
    // Holder A: the administrator, who set the password. Holder B: Bea, granted while A is at work.
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'password', value: 'PPA-pass-5b1e' }));
    value(await v.call(v.admin, 'person.add', { name: bea.name, email: bea.email, role: 'core-team', consoleRole: 'poster', passphrase: bea.passphrase }));
    await v.signIn(bea.email, bea.passphrase);
    value(await v.call(v.admin, 'access.grant', { channel, email: bea.email }));
    const reveal = async (token: string) => v.call(token, 'secret.reveal', { channel, kind: 'password', reason: 'Check' });
    expect(value(await reveal(await v.signIn(bea.email, bea.passphrase))).value).toBe('PPA-pass-5b1e');
    const backup = value(await v.call(v.admin, 'backup.create', {}));

    v.clock.advance(60_000);
    value(await v.call(v.admin, 'access.revoke', { channel, email: bea.email, reason: 'Moved school' }));
    const due = value(await v.call(v.admin, 'channel.list', {})).find((c) => c.handle === '@SHINEatPPA')?.rotationDueSince;
    expect(due).toBe(v.clock.now().toISOString());
    value(await v.call(v.admin, 'backup.restore', { id: backup.id }));

    // A holder signs in first (a holder's sign-in completes waiting grants), then Bea.
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(value(await reveal(admin)).value).toBe('PPA-pass-5b1e');
    const beaAgain = await v.signIn(bea.email, bea.passphrase);
    expect(await reveal(beaAgain)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(admin, 'access.list', { channel })).map((g) => g.holderEmail)).toEqual([ADMIN.email]);
    expect(value(await v.call(admin, 'channel.list', {})).find((c) => c.handle === '@SHINEatPPA')?.rotationDueSince).toBe(due);
    // No holder sealed the keys to Bea again.
    expect(value(await v.call(admin, 'audit.list', { action: 'access.complete' })).filter((e) => e.target === bea.email)).toEqual([]);
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('undoes a grant made after the backup down to the keys: its wraps go with it, and rotation is due', async () => {
    const v = await vault();
    const channel = 'x:@SHINEatPPA';
    const bea = { name: 'Bea Holder', email: 'bea.holder@trust.example', passphrase: 'bea holder passphrase 3' };
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'password', value: 'PPA-pass-5b1e' }));
    value(await v.call(v.admin, 'person.add', { name: bea.name, email: bea.email, role: 'core-team', consoleRole: 'poster', passphrase: bea.passphrase }));
    await v.signIn(bea.email, bea.passphrase);
    const backup = value(await v.call(v.admin, 'backup.create', {}));

    v.clock.advance(60_000);
    value(await v.call(v.admin, 'access.grant', { channel, email: bea.email }));
    const beaWraps = () => {
      const db = new Database(databasePath(v.dataDir), { readonly: true });
      const row = db.prepare("SELECT COUNT(*) AS n FROM secret_wraps w JOIN people p ON w.recipient = 'person:' || p.id WHERE p.email = ?").get(bea.email) as { n: number };
      db.close();
      return row.n;
    };
    expect(beaWraps()).toBe(1);
    v.clock.advance(60_000);
    value(await v.call(v.admin, 'backup.restore', { id: backup.id }));

    // The restored register has no grant for Bea, so her key must not open the password either.
    expect(beaWraps()).toBe(0);
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    const beaAgain = await v.signIn(bea.email, bea.passphrase);
    expect(await v.call(beaAgain, 'secret.reveal', { channel, kind: 'password', reason: 'Check' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(admin, 'secret.reveal', { channel, kind: 'password', reason: 'Check' })).value).toBe('PPA-pass-5b1e');
    // She held it for a minute and may have seen it: the channel is due a new password, as after a revoke.
    expect(value(await v.call(admin, 'channel.list', {})).find((c) => c.handle === '@SHINEatPPA')?.rotationDueSince).toBe(v.clock.now().toISOString());
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('tells administrators and auditors about a restore until one of them marks the notice read', async () => {
    const v = await vault();
    const poster = { email: 'pat.poster@trust.example', passphrase: 'poster passphrase for restore notices' };
    const auditor = { email: 'ava.audit@trust.example', passphrase: 'auditor passphrase for restore notices' };
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: poster.email, role: 'core-team', consoleRole: 'poster', passphrase: poster.passphrase }));
    value(await v.call(v.admin, 'person.add', { name: 'Ava Audit', email: auditor.email, role: 'core-team', consoleRole: 'auditor', passphrase: auditor.passphrase }));
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    value(await v.call(v.admin, 'school.add', { name: 'After Academy', code: 'AFT' }));
    value(await v.call(v.admin, 'backup.restore', { id: backup.id }));
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    const carried = (value(await v.call(admin, 'audit.list', { action: 'backup.restore' }))[0]?.details as { carried: number }).carried;
    expect(carried).toBeGreaterThan(1);
    const restoredNotices = async (token: string) => value(await v.call(token, 'notification.list', { unreadOnly: true })).filter((n) => n.kind === 'vault-restored');

    const [notice] = await restoredNotices(admin);
    expect(notice?.message).toBe(`The vault was restored from the backup of 24 Nov 2026, 10:00 (UK time) by ${ADMIN.email}; ${carried} later events were kept in the audit trail.`);
    // A poster neither sees it nor can clear it for the others.
    const posterToken = await v.signIn(poster.email, poster.passphrase);
    expect(await restoredNotices(posterToken)).toEqual([]);
    expect(value(await v.call(posterToken, 'notification.markRead', { ids: [notice!.id] }))).toEqual({ marked: 0 });
    expect(await restoredNotices(admin)).toHaveLength(1);
    // Reading the list is not acknowledging it; an auditor marking it read is, for everyone.
    const auditorToken = await v.signIn(auditor.email, auditor.passphrase);
    expect((await restoredNotices(auditorToken)).map((n) => n.id)).toEqual([notice!.id]);
    expect(value(await v.call(auditorToken, 'notification.markRead', { ids: [notice!.id] }))).toEqual({ marked: 1 });
    expect(await restoredNotices(admin)).toEqual([]);
  });
});
