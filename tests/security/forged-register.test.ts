import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { Result } from '../../shared/contract/result';
import { createCore, type Core } from '../../electron/core/app';
import { sodium, sodiumReady } from '../../electron/core/keys/sodium';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ADMIN, createTestVault, signInOwnPassphrase, value, type TestVault } from '../support/test-vault';

/**
 * Done when (issue 13): "a forged grant row or a role edited in the database opens nothing and
 * verify names it". The attacker here can write the database file while Custodian is closed
 * (sqlite3, or better-sqlite3 as below) but has no one's passphrase: they add a grant, copy a
 * wrap, promote a poster, swap signers, flip a ciphertext byte. None of it may hand out a value,
 * least of all a wrong one, and `audit verify` must name what the register cannot explain.
 */

const CHANNEL = 'instagram:@pendleprimaryacademy';
const HANDLE = '@pendleprimaryacademy';
const PASSWORD = 'Primary-Harbour-2026-real';
const TOTP_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RECOVERY = 'rc-7741-2209-5518-real';
const HOLDER = { name: 'Hana Holder', email: 'hana.holder@pet.example', passphrase: 'Hana-Quiet-Meadow-41' };
const POSTER = { name: 'Pat Poster', email: 'pat.poster@pet.example', passphrase: 'Pat-Velvet-Canyon-17' };

interface Ids {
  channel: number;
  admin: number;
  holder: number;
  poster: number;
}

/** A vault whose channel the administrator (who set it) and Hana hold; Pat, a poster with a key, does not. */
async function setUp(): Promise<{ v: TestVault; ids: Ids }> {
  const v = await createTestVault();
  value(await v.call(v.admin, 'example.load', { demo: false }));
  for (const person of [HOLDER, POSTER]) value(await v.call(v.admin, 'person.add', { ...person, role: 'core-team', consoleRole: 'poster' }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: PASSWORD }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: TOTP_SEED }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'recovery-codes', value: RECOVERY }));
  value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: HOLDER.email }));
  const holder = await v.signIn(HOLDER.email, HOLDER.passphrase);
  await v.signIn(POSTER.email, POSTER.passphrase); // Pat makes a key: nothing but the register stands in the way
  value(await v.call(v.admin, 'dashboard.summary', {})); // a holder at work completes Hana's grant
  expect(value(await v.call(holder, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Before the attack' })).value).toBe(PASSWORD);
  const db = new Database(databasePath(v.dataDir), { readonly: true });
  const id = (sql: string, arg: string) => (db.prepare(sql).get(arg) as { id: number }).id;
  const ids = {
    channel: id('SELECT id FROM channels WHERE handle = ?', HANDLE),
    admin: id('SELECT id FROM people WHERE email = ?', ADMIN.email),
    holder: id('SELECT id FROM people WHERE email = ?', HOLDER.email),
    poster: id('SELECT id FROM people WHERE email = ?', POSTER.email),
  };
  db.close();
  return { v, ids };
}

/** Closes the vault, edits its file as the attacker, and opens it again in a fresh core. */
async function tamper(v: TestVault, edit: (db: Database.Database) => void): Promise<Core> {
  await v.core.close();
  const db = new Database(databasePath(v.dataDir));
  edit(db);
  db.close();
  return createCore({ dataDir: v.dataDir, secretStore: createKeytarStore(), clock: v.clock, validateOutputs: true });
}

const forgeGrant = (db: Database.Database, ids: Ids) =>
  db.prepare('INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (?, ?, ?, ?)').run(ids.channel, ids.poster, ids.admin, '2026-11-24T09:00:00.000Z')
    .lastInsertRowid as number;

describe('an attacker who edits the database file', { timeout: 120_000 }, () => {
  let v: TestVault | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    await v?.close();
    core = null;
    v = null;
  });

  const as = (c: Core) => ({
    signIn: (person: { email: string; passphrase: string }) => signInOwnPassphrase(c, person.email, person.passphrase),
    call: <M extends MethodName>(token: string, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> => c.call(token, method, input),
  });
  const expectRefused = (result: Result<unknown>, code: string, message: RegExp) => {
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
      for (const secret of [PASSWORD, TOTP_SEED, RECOVERY]) expect(JSON.stringify(result.error)).not.toContain(secret);
    }
  };

  it('(a) a forged grant row: the poster is refused and recorded, even after a holder signs in, and verify names the row', async () => {
    const setup = await setUp();
    v = setup.v;
    const { ids } = setup;
    let grantId = 0;
    core = await tamper(v, (db) => (grantId = forgeGrant(db, ids)));
    const c = as(core);
    const pat = await c.signIn(POSTER);
    expectRefused(await c.call(pat, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Forged grant' }), 'forbidden', /waiting for a holder/);
    expectRefused(await c.call(pat, 'totp.code', { channel: CHANNEL, reason: 'Forged grant' }), 'forbidden', /waiting for a holder/);
    // A holder at work must not seal the channel to a grant no administrator made.
    const admin = await c.signIn(ADMIN);
    const hana = await c.signIn(HOLDER);
    value(await c.call(admin, 'dashboard.summary', {}));
    value(await c.call(hana, 'dashboard.summary', {}));
    expectRefused(await c.call(pat, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Forged grant, later' }), 'forbidden', /waiting for a holder/);

    const uses = value(await c.call(admin, 'audit.list', { action: 'secret.reveal', actor: POSTER.email, limit: 10 }));
    expect(uses.map((e) => [e.reason, e.outcome])).toEqual([
      ['Forged grant, later', 'denied'],
      ['Forged grant', 'denied'],
    ]);
    const verified = value(await c.call(admin, 'audit.verify', {}));
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.findings).toEqual([`access_grants row ${grantId} (person ${ids.poster}, channel ${ids.channel}) is not explained by the trail`]);
  });

  it('(b) a forged grant with another holder\'s wraps copied to it opens nothing, even re-signed with a key the attacker planted', async () => {
    const setup = await setUp();
    v = setup.v;
    const { ids } = setup;
    let grantId = 0;
    await sodiumReady();
    core = await tamper(v, (db) => {
      grantId = forgeGrant(db, ids);
      db.prepare("INSERT INTO secret_wraps SELECT channel_id, kind, version, ?, sealed_key, signer_key_id, signature, created_at FROM secret_wraps WHERE recipient = ? AND kind = 'password'").run(
        `person:${ids.poster}`,
        `person:${ids.holder}`,
      );
      // The same copy for the TOTP seed, signed this time with a key the attacker made and put in
      // person_keys (a retired key of the administrator's): the signature verifies, the box does not open.
      const na = sodium();
      const fake = na.crypto_sign_keypair();
      const fakeBox = na.crypto_box_keypair();
      const keyId = db
        .prepare('INSERT INTO person_keys (person_id, box_public, sign_public, created_at, retired_at) VALUES (?, ?, ?, ?, ?)')
        .run(ids.admin, Buffer.from(fakeBox.publicKey).toString('base64'), Buffer.from(fake.publicKey).toString('base64'), '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:01.000Z').lastInsertRowid;
      const vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
      const patBox = (db.prepare('SELECT box_public FROM person_keys WHERE person_id = ? AND retired_at IS NULL').get(ids.poster) as { box_public: string }).box_public;
      const hanas = db.prepare("SELECT version, sealed_key FROM secret_wraps WHERE recipient = ? AND kind = 'totp'").get(`person:${ids.holder}`) as { version: number; sealed_key: string };
      // The wrap's signed bytes, as the published source defines them (keys/secret-crypto.ts).
      const signed = JSON.stringify(['custodian wrap v1', vaultId, ids.channel, 'totp', hanas.version, `person:${ids.poster}`, patBox, hanas.sealed_key]);
      const signature = Buffer.from(na.crypto_sign_detached(new TextEncoder().encode(signed), fake.privateKey)).toString('base64');
      db.prepare("INSERT INTO secret_wraps VALUES (?, 'totp', ?, ?, ?, ?, ?, ?)").run(ids.channel, hanas.version, `person:${ids.poster}`, hanas.sealed_key, keyId, signature, '2026-11-24T09:00:02.000Z');
    });
    const c = as(core);
    const pat = await c.signIn(POSTER);
    expectRefused(await c.call(pat, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Copied wrap' }), 'internal', /altered outside Custodian/);
    expectRefused(await c.call(pat, 'totp.code', { channel: CHANNEL, reason: 'Re-signed wrap' }), 'internal', /altered outside Custodian/);
    const admin = await c.signIn(ADMIN);
    const uses = value(await c.call(admin, 'audit.list', { actor: POSTER.email, limit: 10 })).filter((e) => e.action === 'secret.reveal' || e.action === 'totp.code');
    expect(uses.map((e) => [e.action, e.outcome, e.details.why])).toEqual([
      ['totp.code', 'error', 'wrap does not open'],
      ['secret.reveal', 'error', 'wrap signature does not verify'],
    ]);
    const verified = value(await c.call(admin, 'audit.verify', {}));
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.findings).toContain(`access_grants row ${grantId} (person ${ids.poster}, channel ${ids.channel}) is not explained by the trail`);
  });

  it('(c) a poster made an administrator in the operators table: refused at sign-in, audited, named by verify, and their grant to themselves opens nothing', async () => {
    const setup = await setUp();
    v = setup.v;
    const { ids } = setup;
    let grantId = 0;
    core = await tamper(v, (db) => {
      db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(ids.poster);
      // The grant the promoted poster would have made themselves.
      grantId = Number(
        db.prepare('INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (?, ?, ?, ?)').run(ids.channel, ids.poster, ids.poster, '2026-11-24T09:00:00.000Z').lastInsertRowid,
      );
    });
    const c = as(core);
    const uncertified = /^Your console role is not certified by an administrator of this vault: ask an administrator to set it again\.$/;
    expectRefused(await core.call(null, 'auth.signIn', { email: POSTER.email, passphrase: POSTER.passphrase }), 'forbidden', uncertified);
    // A real holder and the administrator at work seal nothing to Pat.
    const admin = await c.signIn(ADMIN);
    const hana = await c.signIn(HOLDER);
    value(await c.call(admin, 'dashboard.summary', {}));
    value(await c.call(hana, 'dashboard.summary', {}));
    const wraps = new Database(databasePath(v.dataDir), { readonly: true });
    expect(wraps.prepare('SELECT COUNT(*) AS n FROM secret_wraps WHERE recipient = ?').get(`person:${ids.poster}`)).toEqual({ n: 0 });
    wraps.close();

    const refusals = value(await c.call(admin, 'audit.list', { action: 'auth.sign_in', actor: POSTER.email, limit: 5 }));
    expect(refusals[0]).toMatchObject({ outcome: 'denied', details: { why: 'console role not certified', consoleRole: 'admin' } });
    const verified = value(await c.call(admin, 'audit.verify', {}));
    expect(verified.ok).toBe(false);
    if (!verified.ok) {
      expect(verified.findings).toEqual([
        `access_grants row ${grantId} (person ${ids.poster}, channel ${ids.channel}) is not explained by the trail`,
        `operators row of person ${ids.poster} is admin but the trail says poster: it was changed outside Custodian`,
        `person ${ids.poster} (${POSTER.email}): console role admin is not certified: the certificate says poster`,
      ]);
    }
  });

  it('(c2) a session open before the edit loses the forged role at its next call, and the refusal is audited', async () => {
    const setup = await setUp();
    v = setup.v;
    const { ids } = setup;
    const pat = await v.signIn(POSTER.email, POSTER.passphrase);
    const db = new Database(databasePath(v.dataDir));
    db.prepare("UPDATE operators SET console_role = 'admin' WHERE person_id = ?").run(ids.poster);
    db.close();
    expectRefused(await v.call(pat, 'person.list', {}), 'forbidden', /not certified by an administrator/);
    expectRefused(await v.call(pat, 'access.grant', { channel: CHANNEL, email: POSTER.email }), 'forbidden', /not certified by an administrator/);
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied', actor: POSTER.email, limit: 5 }));
    expect(denied.map((e) => [e.target, e.details.why])).toEqual([
      ['access.grant', 'console role not certified'],
      ['person.list', 'console role not certified'],
    ]);
    const grants = value(await v.call(v.admin, 'access.list', {})).filter((g) => g.holderEmail === POSTER.email);
    expect(grants).toEqual([]);
  });

  it('(d) a wrap pointed at another signer, a flipped byte in a ciphertext or in a sealed key: refused, never a wrong value', async () => {
    const setup = await setUp();
    v = setup.v;
    const { ids } = setup;
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, 'base64');
      bytes[at] = bytes[at]! ^ 0x01;
      return bytes.toString('base64');
    };
    core = await tamper(v, (db) => {
      const holderKey = (db.prepare('SELECT id FROM person_keys WHERE person_id = ? AND retired_at IS NULL').get(ids.holder) as { id: number }).id;
      db.prepare("UPDATE secret_wraps SET signer_key_id = ? WHERE recipient = ? AND kind = 'totp'").run(holderKey, `person:${ids.holder}`);
      const version = db.prepare("SELECT version, ciphertext FROM secret_versions WHERE channel_id = ? AND kind = 'password'").get(ids.channel) as { version: number; ciphertext: string };
      db.prepare("UPDATE secret_versions SET ciphertext = ? WHERE channel_id = ? AND kind = 'password' AND version = ?").run(flip(version.ciphertext, 3), ids.channel, version.version);
      const wrap = db.prepare("SELECT sealed_key FROM secret_wraps WHERE recipient = ? AND kind = 'recovery-codes'").get(`person:${ids.admin}`) as { sealed_key: string };
      db.prepare("UPDATE secret_wraps SET sealed_key = ? WHERE recipient = ? AND kind = 'recovery-codes'").run(flip(wrap.sealed_key, 40), `person:${ids.admin}`);
    });
    const c = as(core);
    const hana = await c.signIn(HOLDER);
    const admin = await c.signIn(ADMIN);
    expectRefused(await c.call(hana, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Flipped ciphertext' }), 'internal', /altered/);
    expectRefused(await c.call(admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Flipped ciphertext' }), 'internal', /altered/);
    expectRefused(await c.call(hana, 'totp.code', { channel: CHANNEL, reason: 'Other signer' }), 'internal', /altered outside Custodian/);
    expectRefused(await c.call(admin, 'secret.reveal', { channel: CHANNEL, kind: 'recovery-codes', reason: 'Flipped sealed key' }), 'internal', /altered outside Custodian/);
    // What was not touched still opens: the refusals above are about the edits, not a broken vault.
    expect(value(await c.call(hana, 'secret.reveal', { channel: CHANNEL, kind: 'recovery-codes', reason: 'Untouched' })).value).toBe(RECOVERY);
    expect(value(await c.call(admin, 'totp.code', { channel: CHANNEL, reason: 'Untouched' })).code).toMatch(/^\d{6}$/);
  });
});
