import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qb } from '../../electron/core/db/sql';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

const BEA = { name: 'Bea Admin', email: 'bea.admin@trust.example', passphrase: 'bea passphrase 1' };
const CARL = { name: 'Carl Staff', email: 'carl.staff@ppa.example' };
const CHANNEL = 'x:@SHINEatPPA';

/**
 * Re-attribution: an attacker with the database file (not the keychain) swaps two people's
 * emails and renames a channel, so that an administrator's reveal would read as someone
 * else's, on another channel. The trail names who and what as they were (commitments to the
 * names, the names in a side table), and verify names the rows changed outside Custodian.
 */
describe('the trail names people and channels as they were', () => {
  let v: TestVault;
  let beaId: number;
  let carlId: number;
  let channelId: number;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    beaId = value(await v.call(v.admin, 'person.add', { ...BEA, role: 'core-team', consoleRole: 'admin' })).id;
    carlId = value(await v.call(v.admin, 'person.add', { ...CARL, role: 'staff', school: 'PPA' })).id;
    const bea = await v.signIn(BEA.email, BEA.passphrase);
    channelId = value(await v.call(bea, 'access.grant', { channel: CHANNEL, email: BEA.email })).channelId;
    value(await v.call(bea, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'PPA-pass-5b1e' }));
    value(await v.call(bea, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Weekend monitoring' }));
    await v.core.close();
  });
  afterEach(async () => v.close());

  /** sqlite3 on the closed vault's file, as someone with the laptop would. */
  const edit = (sql: string) => {
    const db = new Database(databasePath(v.dataDir));
    db.exec(sql);
    db.close();
  };
  const reveal = async (admin: string) => {
    const events = value(await v.call(admin, 'audit.list', { action: 'secret.reveal', limit: 10 }));
    expect(events).toHaveLength(1);
    return events[0];
  };

  it('keeps the reveal on the right person and channel after emails are swapped and the channel renamed', async () => {
    edit(`
      UPDATE people SET email = 'swap@x' WHERE id = ${beaId};
      UPDATE people SET email = '${BEA.email}', name = '${BEA.name}' WHERE id = ${carlId};
      UPDATE people SET email = '${CARL.email}', name = '${CARL.name}' WHERE id = ${beaId};
      UPDATE channels SET handle = '@SomewhereElse', name = 'Somewhere else' WHERE id = ${channelId};`);
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(await reveal(admin)).toMatchObject({ actor: BEA.email, actorName: BEA.name, channel: 'x:@SHINEatPPA', reason: 'Weekend monitoring' });

    const { recentUse } = value(await v.call(admin, 'dashboard.summary', {}));
    expect(recentUse.find((use) => use.action === 'secret.reveal')).toMatchObject({ actor: BEA.email, channel: 'x:@SHINEatPPA' });
    // The review pack too: its audit CSV and its credential use by person.
    const pack = join(v.dataDir, 'pack');
    value(await v.call(admin, 'review.export', { from: '2026-11-01', to: '2026-11-24', out: pack }));
    const revealLine = readFileSync(join(pack, 'audit.csv'), 'utf8').split('\r\n').find((line) => line.includes('secret.reveal'));
    expect(revealLine).toContain(`${BEA.name},${BEA.email},secret.reveal,x:@SHINEatPPA`);
    const review = JSON.parse(readFileSync(join(pack, 'review.json'), 'utf8')) as { credentialUse: { byPerson: { email: string; reveal: number }[] } };
    expect(review.credentialUse.byPerson).toEqual([expect.objectContaining({ email: BEA.email, reveal: 1 })]);

    const verify = value(await v.call(admin, 'audit.verify', {}));
    expect(verify.ok).toBe(false);
    if (verify.ok) return;
    expect(verify.findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^people row ${beaId} was changed outside Custodian`)),
        expect.stringMatching(new RegExp(`^people row ${carlId} was changed outside Custodian`)),
        expect.stringMatching(new RegExp(`^channels row ${channelId} was changed outside Custodian`)),
      ]),
    );
  });

  it('names a side-table row whose names were edited', async () => {
    edit(`UPDATE audit_names SET label = '${CARL.email}' WHERE kind = 'person' AND subject_id = ${beaId}`);
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    const verify = value(await v.call(admin, 'audit.verify', {}));
    expect(verify.ok).toBe(false);
    if (!verify.ok) expect(verify.findings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^audit_names row .* \\(person ${beaId}\\) was edited`))]));
  });

  it('shows "(erased)" once a person\'s side-table names are erased, and the trail still verifies', async () => {
    edit(`UPDATE audit_names SET salt = NULL, label = NULL, name = NULL WHERE kind = 'person' AND subject_id = ${beaId}`);
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(await reveal(admin)).toMatchObject({ actor: '(erased)', actorName: '(erased)', channel: 'x:@SHINEatPPA' });
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('takes a rename made through Custodian (with its event) as the new latest names, and keeps earlier events as they were', async () => {
    // No method renames people yet; this is what one must do: change the row and append an event naming them, in one transaction.
    const host = new VaultHost(v.dataDir, createKeytarStore(), v.clock, () => {});
    const vault = await host.open();
    await vault.data.transaction(async () => {
      await vault.data.run(qb.updateTable('people').set({ name: 'Bea Married-Name' }).where('id', '=', beaId));
      await vault.audit.append({ actorId: beaId, action: 'person.update', target: `person:${beaId}`, outcome: 'ok', details: { changed: ['name'] } });
    });
    await host.close();
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
    expect(await reveal(admin)).toMatchObject({ actor: BEA.email, actorName: BEA.name });
    const [renamed] = value(await v.call(admin, 'audit.list', { action: 'person.update', limit: 1 }));
    expect(renamed).toMatchObject({ actorName: 'Bea Married-Name' });
  });

  it('does not reuse a side-table row edited while Custodian runs: the next event commits to the names afresh', async () => {
    const host = new VaultHost(v.dataDir, createKeytarStore(), v.clock, () => {});
    const vault = await host.open();
    const event = { actorId: beaId, action: 'secret.copy', target: `channel:${channelId}`, channelId, outcome: 'ok' as const, reason: 'Newsletter' };
    await vault.audit.append(event);
    // Another program rewrites Bea's email and her side-table row to match, keeping salt and commitment.
    edit(`UPDATE people SET email = 'someone.else@x.example' WHERE id = ${beaId};
      UPDATE audit_names SET label = 'someone.else@x.example' WHERE kind = 'person' AND subject_id = ${beaId}`);
    await vault.audit.append(event);
    await host.close();
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const [last, before] = db.prepare('SELECT actor_commit AS c FROM audit_events ORDER BY seq DESC LIMIT 2').all() as { c: string }[];
    const rows = db.prepare("SELECT commitment, label FROM audit_names WHERE kind = 'person' AND subject_id = ? ORDER BY rowid").all(beaId) as { commitment: string; label: string }[];
    db.close();
    // The edited row commits to Bea's real email, so it is not reused: a new salted row names the new email.
    expect(last!.c).not.toBe(before!.c);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ commitment: last!.c, label: 'someone.else@x.example' });
  });

  it('reuses a commitment while the names are unchanged', async () => {
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    value(await v.call(admin, 'channel.update', { channel: CHANNEL, purpose: 'Newsletters' }));
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
    // The channel's names did not change, so its commitment was reused: one side-table row.
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const rows = db.prepare("SELECT COUNT(*) AS n FROM audit_names WHERE kind = 'channel' AND subject_id = ?").get(channelId) as { n: number };
    db.close();
    expect(rows.n).toBe(1);
  });
});
