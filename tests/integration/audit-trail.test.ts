import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalDetails, chainMac, GENESIS_HASH } from '../../electron/core/audit/audit-chain';
import { chainHashV2, type ChainFieldsV2 } from '../../electron/core/audit/audit-chain-v2';
import { databasePath } from '../../electron/core/vault/data-dir';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * An attacker who can edit the database file (but not the keychain) tries each trick.
 * The core is closed while the file is edited, as it would be on a stolen laptop.
 */
describe('the audit trail is tamper-evident', () => {
  let v: TestVault;
  let events: number;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    for (const code of ['AAA', 'BBB', 'CCC', 'DDD']) value(await v.call(v.admin, 'school.add', { name: `School ${code}`, code }));
    const ok = value(await v.call(v.admin, 'audit.verify', {}));
    expect(ok.ok).toBe(true);
    events = ok.ok ? ok.events : 0;
    await v.core.close();
  });
  afterEach(async () => v.close());

  const edit = (sql: string) => {
    const db = new Database(databasePath(v.dataDir));
    db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
    db.exec(sql);
    db.close();
  };
  const verify = async () => value(await v.call(await v.signIn('alex.admin@trust.example', 'correct horse battery'), 'audit.verify', {}));

  it('passes untouched and counts every event', async () => {
    const result = await verify();
    // The earlier verify and this sign-in are events too.
    expect(result).toMatchObject({ ok: true, events: events + 2 });
  });

  it('refuses UPDATE and DELETE through the database itself', () => {
    const db = new Database(databasePath(v.dataDir));
    expect(() => db.exec("UPDATE audit_events SET reason = 'x' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events WHERE seq = 2')).toThrow(/append-only/);
    db.close();
  });

  it('names the event whose field was changed', async () => {
    edit("UPDATE audit_events SET outcome = 'denied' WHERE seq = 3");
    expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('names the gap left by a deleted row', async () => {
    edit('DELETE FROM audit_events WHERE seq = 4');
    expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('catches two rows swapped', async () => {
    edit(`
      CREATE TEMP TABLE a AS SELECT * FROM audit_events WHERE seq = 2;
      CREATE TEMP TABLE b AS SELECT * FROM audit_events WHERE seq = 3;
      DELETE FROM audit_events WHERE seq IN (2, 3);
      INSERT INTO audit_events SELECT 2, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit FROM b;
      INSERT INTO audit_events SELECT 3, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit FROM a;`);
    expect(await verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches a tail cut off, through the keychain anchor', async () => {
    edit(`DELETE FROM audit_events WHERE seq > ${events - 2}`);
    // Signing in appends one event (seq events - 1) after the cut; the anchor must not follow it back.
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: events });
    if (!result.ok) expect(result.problem).toMatch(/cut from the end/);
  });

  it('keeps catching a cut tail after new events pass the old anchor', async () => {
    edit(`DELETE FROM audit_events WHERE seq > ${events - 3}`);
    // Anyone can add events without an account: failed sign-ins with unknown emails.
    for (let i = 0; i < 6; i += 1) await v.call(null, 'auth.signIn', { email: `nobody${i}@x.example`, passphrase: 'guessing' });
    await v.core.close();
    const result = await verify();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.firstBadSeq).toBe(events + 1);
      expect(result.problem).toMatch(/anchored in the keychain/);
    }
  });

  it('catches the anchor deleted from the keychain with the tail cut, and no sign-in re-creates it', async () => {
    const { default: keytar } = await import('keytar');
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const { vault_id: vaultId } = db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string };
    db.close();
    // A program of the same OS user removes the anchor, then the last events go.
    expect(await keytar.deletePassword(`Custodian vault ${vaultId}`, 'audit-anchor')).toBe(true);
    edit(`DELETE FROM audit_events WHERE seq > ${events - 2}`);
    const first = await verify();
    expect(first.ok).toBe(false);
    // The sign-in for that verify was appended at events - 1, and the verify names that head.
    if (!first.ok) expect(first.problem).toMatch(new RegExp(`anchor is missing from the keychain.*event ${events - 1}\\b`));
    // Signing in again (and closing, which flushes) never puts an anchor back at the cut head.
    await v.signIn('alex.admin@trust.example', 'correct horse battery');
    await v.core.close();
    expect(await keytar.getPassword(`Custodian vault ${vaultId}`, 'audit-anchor')).toBeNull();
    const second = await verify();
    expect(second).toMatchObject({ ok: false, problem: expect.stringMatching(/anchor is missing/) });
  });

  it('fails when the keychain anchor is damaged', async () => {
    const { createKeytarStore } = await import('../../electron/core/secrets/keytar.store');
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const { vault_id: vaultId } = db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string };
    db.close();
    await createKeytarStore().set(`Custodian vault ${vaultId}`, 'audit-anchor', 'not json');
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 1, problem: expect.stringMatching(/anchor .* damaged/) });
  });

  it('catches a chain recomputed without the keychain key', async () => {
    const db = new Database(databasePath(v.dataDir));
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    // The attacker rewrites event 2's reason and recomputes every hash after it, with a key of their own.
    db.exec("UPDATE audit_events SET details = '" + canonicalDetails({ forged: true }) + "' WHERE seq = 2");
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as ChainFieldsV2[];
    let prev = GENESIS_HASH;
    const update = db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ?, mac = ? WHERE seq = ?');
    for (const row of rows) {
      const hash = chainHashV2(prev, row);
      update.run(prev, hash, chainMac('11'.repeat(32), hash), row.seq);
      prev = hash;
    }
    db.close();
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 1 });
    if (!result.ok) expect(result.problem).toMatch(/MAC/);
  });
});

describe('the keychain anchor is created with the vault', () => {
  it('is written by init before it returns, on the trail from the init event on', async () => {
    const v = await createTestVault();
    try {
      const { default: keytar } = await import('keytar');
      const db = new Database(databasePath(v.dataDir), { readonly: true });
      const { vault_id: vaultId } = db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string };
      const init = db.prepare('SELECT seq, hash FROM audit_events WHERE action = ?').get('vault.init') as { seq: number; hash: string };
      const anchor = JSON.parse((await keytar.getPassword(`Custodian vault ${vaultId}`, 'audit-anchor')) ?? 'null') as { seq: number; hash: string } | null;
      // The anchor keeper only ever advances an anchor that exists (audit-anchor.ts), a second after
      // later appends: one present at all was made by init. It names an event of this trail.
      expect(anchor).not.toBeNull();
      expect(anchor!.seq).toBeGreaterThanOrEqual(init.seq);
      expect(anchor).toEqual(db.prepare('SELECT seq, hash FROM audit_events WHERE seq = ?').get(anchor!.seq));
      db.close();
    } finally {
      await v.close();
    }
  });
});
