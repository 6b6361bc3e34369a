import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { createCore } from '../../electron/core/app';
import { sodium, sodiumReady } from '../../electron/core/keys/sodium';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { kitPdfText } from '../support/recovery-kit-text';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * Issue 13: "console roles and person keys certified (trust root → administrators → people),
 * refused and named by verify when not". The honest paths first, then an attacker who can write
 * the database file (sqlite3) but has no passphrase and no keychain entry.
 */

const CHANNEL = 'x:@SHINEatPPA';
const PAT = { name: 'Pat Poster', email: 'pat.poster@trust.example', passphrase: 'Pat-Velvet-Canyon-17' };
const BEA = { name: 'Bea Admin', email: 'bea.admin@trust.example', passphrase: 'Bea-Quiet-Harbour-28' };
const AUD = { name: 'Ada Auditor', email: 'ada.auditor@trust.example', passphrase: 'Ada-Silver-Lantern-39' };
const UNCERTIFIED = 'Your console role is not certified by an administrator of this vault: ask an administrator to set it again.';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('certificates: trust root → administrators → people', { timeout: 120_000 }, () => {
  let v: TestVault | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  const open = (vault: TestVault, write = false) => new Database(databasePath(vault.dataDir), { readonly: !write });
  const idOf = (vault: TestVault, email: string) => {
    const db = open(vault);
    const row = db.prepare('SELECT id FROM people WHERE email = ?').get(email) as { id: number };
    db.close();
    return row.id;
  };
  const add = async (vault: TestVault, by: string, person: typeof PAT, consoleRole: 'admin' | 'poster' | 'auditor') =>
    value(await vault.call(by, 'person.add', { ...person, role: 'core-team', consoleRole }));
  const refusedAs = (result: Result<unknown>, message: string | RegExp) => {
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('forbidden');
      expect(result.error.message).toMatch(message);
    }
  };
  const findings = async (vault: TestVault): Promise<string[]> => {
    const verified = value(await vault.call(vault.admin, 'audit.verify', {}));
    return verified.ok ? [] : (verified.findings ?? [verified.problem]);
  };

  it('certifies the honest paths: a new vault, people added by either administrator, and the keys they make', async () => {
    v = await createTestVault();
    await add(v, v.admin, BEA, 'admin');
    await add(v, v.admin, PAT, 'poster');
    const bea = await v.signIn(BEA.email, BEA.passphrase);
    await add(v, bea, AUD, 'auditor');
    const pat = await v.signIn(PAT.email, PAT.passphrase);
    const aud = await v.signIn(AUD.email, AUD.passphrase);
    // Each role works as its certificate says, and only as far as it says.
    expect(value(await v.call(pat, 'auth.whoami', {})).consoleRole).toBe('poster');
    expect(value(await v.call(aud, 'audit.list', { limit: 1 }))).toHaveLength(1);
    refusedAs(await v.call(pat, 'person.add', { name: 'X', email: 'x@trust.example', role: 'staff', school: 'PPA' }), /does not allow/);

    const db = open(v);
    const issuer = (email: string) =>
      JSON.parse((db.prepare('SELECT c.body FROM console_certificates c JOIN people p ON p.id = c.person_id WHERE p.email = ? ORDER BY c.id DESC').get(email) as { body: string }).body) as unknown[];
    const keyOf = (email: string) => (db.prepare('SELECT k.id FROM person_keys k JOIN people p ON p.id = k.person_id WHERE p.email = ? AND k.retired_at IS NULL').get(email) as { id: number }).id;
    // The creating administrator holds the root: administrators they add are root-signed; the rest by an administrator's key.
    expect(issuer(ADMIN.email)[8]).toBe('root');
    expect(issuer(BEA.email)[8]).toBe('root');
    expect(issuer(PAT.email)[8]).toBe(keyOf(ADMIN.email));
    expect(issuer(AUD.email)[8]).toBe(keyOf(BEA.email));
    // The keys made at first sign-in are signed by the enrolment key of the passphrase the administrator set.
    const enrolled = db.prepare('SELECT COUNT(*) AS n FROM person_keys WHERE enrolment_signature IS NOT NULL AND retired_at IS NULL').get() as { n: number };
    expect(enrolled.n).toBe(3);
    const mirror = (db.prepare('SELECT sign_public FROM trust_root').get() as { sign_public: string }).sign_public;
    db.close();
    const vaultId = (open(v).prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
    expect(await createKeytarStore().get(vaultService(vaultId), 'trust-root-public')).toBe(mirror);
    expect(await findings(v)).toEqual([]);
  });

  it('never seals a secret to a planted key, and verify names the key', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'PPA-pass-5b1e' }));
    await add(v, v.admin, PAT, 'poster');
    await v.signIn(PAT.email, PAT.passphrase);
    const pat = idOf(v, PAT.email);
    await sodiumReady();
    const na = sodium();
    const planted = { box: na.crypto_box_keypair(), sign: na.crypto_sign_keypair() };
    let plantedId = 0;
    const db = open(v, true);
    // Pat's real key retired, the attacker's put in its place, with an "enrolment signature" of the attacker's own.
    db.prepare("UPDATE person_keys SET retired_at = '2026-11-24T10:00:00.000Z' WHERE person_id = ? AND retired_at IS NULL").run(pat);
    plantedId = Number(
      db
        .prepare('INSERT INTO person_keys (person_id, box_public, sign_public, created_at, enrolment_signature) VALUES (?, ?, ?, ?, ?)')
        .run(pat, b64(planted.box.publicKey), b64(planted.sign.publicKey), '2026-11-24T10:00:00.000Z', b64(na.crypto_sign_detached(new Uint8Array(8), planted.sign.privateKey))).lastInsertRowid,
    );
    db.close();
    // The administrator grants Pat the channel, and sets a new value: neither seals to the planted key.
    const granted = value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: PAT.email }));
    expect(granted.pending).toBe('waiting-for-holder');
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'PPA-pass-new-77' }));
    value(await v.call(v.admin, 'dashboard.summary', {}));
    const check = open(v);
    expect(check.prepare('SELECT COUNT(*) AS n FROM secret_wraps WHERE recipient = ?').get(`person:${pat}`)).toEqual({ n: 0 });
    check.close();
    expect(await findings(v)).toEqual([`person_keys row ${plantedId} of person ${pat} (${PAT.email}) is not certified by an administrator`]);
  });

  it('pins the trust root outside the database: a swapped root and the certificates it signs open nothing', async () => {
    v = await createTestVault();
    await add(v, v.admin, PAT, 'poster');
    const pat = idOf(v, PAT.email);
    await sodiumReady();
    const na = sodium();
    const fakeRoot = na.crypto_sign_keypair();
    const db = open(v, true);
    const vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
    // The signed text as the published source defines it (keys/certificate.ts), for an administrator Pat.
    const body = JSON.stringify(['custodian console certificate v1', vaultId, pat, PAT.email, 'admin', null, null, '2026-11-24T10:00:00.000Z', 'root']);
    db.prepare('UPDATE trust_root SET sign_public = ?').run(b64(fakeRoot.publicKey));
    db.prepare('INSERT INTO console_certificates (person_id, body, signature, issued_at) VALUES (?, ?, ?, ?)').run(pat, body, b64(na.crypto_sign_detached(new TextEncoder().encode(body), fakeRoot.privateKey)), '2026-11-24T10:00:00.000Z');
    db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(pat);
    db.close();
    refusedAs(await v.core.call(null, 'auth.signIn', { email: PAT.email, passphrase: PAT.passphrase }), UNCERTIFIED);
    const found = await findings(v);
    expect(found).toContain('the trust_root row differs from the trust root pinned in the keychain: it was changed outside Custodian');
    expect(found).toContain(`person ${pat} (${PAT.email}): console role admin is not certified: its certificate is not signed by the trust root`);
  });

  it("refuses another person's certificate copied to the attacker", async () => {
    v = await createTestVault();
    await add(v, v.admin, PAT, 'poster');
    const pat = idOf(v, PAT.email);
    const db = open(v, true);
    db.prepare('INSERT INTO console_certificates (person_id, body, signature, issued_at) SELECT ?, body, signature, issued_at FROM console_certificates WHERE person_id = ?').run(pat, idOf(v, ADMIN.email));
    db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(pat);
    db.close();
    refusedAs(await v.core.call(null, 'auth.signIn', { email: PAT.email, passphrase: PAT.passphrase }), UNCERTIFIED);
    expect(await findings(v)).toContain(`person ${pat} (${PAT.email}): console role admin is not certified: its certificate belongs to another vault or person`);
  });

  it("an upgraded vault's first administrator sign-in certifies the roles as the trail explains them, not a role edited before it", async () => {
    v = await createTestVault();
    await add(v, v.admin, PAT, 'poster');
    await add(v, v.admin, AUD, 'auditor');
    const pat = idOf(v, PAT.email);
    const vaultId = (open(v).prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
    await v.core.close();
    // As a vault from before certificates: no root in the keychain, none in the database. Then the attacker's edit.
    const store = createKeytarStore();
    for (const account of ['trust-root-public', 'trust-root-sealed']) await store.delete(vaultService(vaultId), account);
    const db = open(v, true);
    db.exec('DELETE FROM console_certificates; DELETE FROM trust_root;');
    db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(pat);
    db.close();
    const core = createCore({ dataDir: v.dataDir, secretStore: store, clock: v.clock, validateOutputs: true });
    v = { ...v, core, call: (token, method, input) => core.call(token, method, input) };
    const admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    v = { ...v, admin };
    const [root] = value(await core.call(admin, 'audit.list', { action: 'trust.root', limit: 1 }));
    expect(root?.details).toMatchObject({ reason: 'first administrator sign-in', notCarried: [pat] });
    const aud = value(await core.call(null, 'auth.signIn', { email: AUD.email, passphrase: AUD.passphrase })).token;
    expect(value(await core.call(aud, 'auth.whoami', {})).consoleRole).toBe('auditor');
    refusedAs(await core.call(null, 'auth.signIn', { email: PAT.email, passphrase: PAT.passphrase }), UNCERTIFIED);
    expect(await findings(v)).toContain(`person ${pat} (${PAT.email}): console role admin is not certified: no certificate`);
  });

  it('the recovery ceremony makes a new root and carries over only what the old one certified', async () => {
    v = await createTestVault();
    const dir = tempDir('custodian-kit-');
    try {
      const kit = await kitPdfText(value(await v.call(v.admin, 'recovery.createKit', { path: join(dir.path, 'kit.pdf') })).path);
      await add(v, v.admin, PAT, 'poster');
      await add(v, v.admin, AUD, 'auditor');
      const pat = idOf(v, PAT.email);
      // Before the ceremony, the attacker promotes Pat; the administrator has forgotten their passphrase.
      const db = open(v, true);
      db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(pat);
      db.close();
      const passphrase = 'alex recovered passphrase 5';
      value(await v.core.call(null, 'recovery.admin', { email: ADMIN.email, kit, passphrase }));
      const alex = await v.signIn(ADMIN.email, passphrase);
      const aud = await v.signIn(AUD.email, AUD.passphrase);
      expect(value(await v.call(aud, 'auth.whoami', {})).consoleRole).toBe('auditor');
      refusedAs(await v.core.call(null, 'auth.signIn', { email: PAT.email, passphrase: PAT.passphrase }), UNCERTIFIED);
      const [root] = value(await v.call(alex, 'audit.list', { action: 'trust.root', limit: 1 }));
      expect(root?.details).toMatchObject({ reason: 'recovery', notCarried: [pat] });
      const verified = value(await v.call(alex, 'audit.verify', {}));
      expect(verified.ok).toBe(false);
      // Pat's certificate was signed under the old root's chain, which no longer proves anything.
      if (!verified.ok) expect(verified.findings?.filter((f) => f.startsWith(`person ${pat} (${PAT.email}): console role admin is not certified`))).toHaveLength(1);
    } finally {
      dir.remove();
    }
  });
});
