import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { deserializeTotpConfig, totpCode } from '../../electron/core/credentials/totp';
import { REGISTER_SNAPSHOT_ACTION } from '../../electron/core/audit/register-snapshot';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { kitPdfText } from '../support/recovery-kit-text';
import { tempDir, testClock, value } from '../support/test-vault';

/** Made by the code at commit 3a6539e (tests/fixtures/vault-3a6539e/README.md says how). */
const FIXTURE = join(__dirname, '..', 'fixtures', 'vault-3a6539e');
const ADMIN = { email: 'alex.admin@trust.example', passphrase: 'Quiet-Harbour-7-Lantern-Orbit' };
const entries = JSON.parse(readFileSync(join(FIXTURE, 'keychain.json'), 'utf8')) as { service: string; account: string; value: string }[];

/**
 * A vault written before trail v2 opens with today's code: it migrates, its events still
 * verify in canonical form v1, new events are v2, and the register its v1 events could not
 * explain becomes the baseline of verify's replay through the upgrade's register.snapshot.
 */
describe('a vault made by the code at 3a6539e', () => {
  const store = createKeytarStore();
  const dir = tempDir();
  let core: Core;
  let admin: string;
  let firstOffer: boolean;
  let oldEvents: number;

  const db = (readonly = true) => new Database(databasePath(dir.path), { readonly });

  beforeAll(async () => {
    copyFileSync(join(FIXTURE, 'custodian.sqlite3'), databasePath(dir.path));
    for (const entry of entries) await store.set(entry.service, entry.account, entry.value);
    const before = db();
    oldEvents = (before.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    before.close();
    core = createCore({ dataDir: dir.path, secretStore: store, clock: testClock(new Date()) });
    const first = value(await core.call(null, 'auth.signIn', ADMIN));
    admin = first.token;
    firstOffer = first.offerRecoveryKit;
  });
  afterAll(async () => {
    await core.close();
    for (const entry of entries) await store.delete(entry.service, entry.account);
    dir.remove();
  });

  it('migrates, keeps its events as v1, appends the register baseline and then v2 events, and verifies', async () => {
    expect(oldEvents).toBeGreaterThan(100);
    const check = db();
    const rows = check.prepare('SELECT seq, version, action FROM audit_events ORDER BY seq').all() as { seq: number; version: number; action: string }[];
    check.close();
    expect(rows.slice(0, oldEvents).every((row) => row.version === 1)).toBe(true);
    expect(rows[oldEvents]).toMatchObject({ seq: oldEvents + 1, version: 2, action: REGISTER_SNAPSHOT_ACTION });
    expect(rows.slice(oldEvents).every((row) => row.version === 2)).toBe(true);
    expect(value(await core.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('offers the recovery kit at the first administrator sign-in after the upgrade, once, audited', async () => {
    expect(firstOffer).toBe(true);
    expect(value(await core.call(null, 'auth.signIn', ADMIN)).offerRecoveryKit).toBe(false);
    expect(value(await core.call(admin, 'audit.list', { action: 'recovery.kit_offered' }))).toEqual([expect.objectContaining({ actor: ADMIN.email, outcome: 'ok' })]);
  });

  it('still lists the old reveal, and replays changes made after the upgrade', async () => {
    const [reveal] = value(await core.call(admin, 'audit.list', { action: 'secret.reveal', actor: ADMIN.email, limit: 1 }));
    expect(reveal).toMatchObject({ actor: ADMIN.email, channel: 'x:@SHINEatPPA', reason: 'Fixture: a reveal' });
    value(await core.call(admin, 'access.grant', { channel: 'x:@pendleeducation', email: ADMIN.email }));
    expect(value(await core.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('names a grant forged after the upgrade', async () => {
    await core.close();
    const edit = db(false);
    edit.exec("INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) SELECT id, 1, 1, '2026-12-06T00:00:00.000Z' FROM channels WHERE handle = '@pendleeducationtrust' LIMIT 1");
    edit.close();
    admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
    const result = value(await core.call(admin, 'audit.verify', {}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.findings).toEqual([expect.stringMatching(/^access_grants row \d+ \(person 1, channel \d+\) is not explained by the trail$/)]);
  });
});

/**
 * Holders' keys (issue 13) on the same old vault: its secrets are plain keychain entries
 * channel-<id>-<kind>. Each channel's secrets move to ciphertext wrapped to its keyed holders at
 * the first sign-in of one of its holders; after that every holder reads exactly the old values,
 * and the plain entries are gone. A channel none of whose holders has signed in stays in the
 * keychain and is listed as not moved; one with no holder at all moves with the kit's key (the
 * describe below: this fixture has none until its holders are revoked).
 */
describe('holders keys on a vault made by the code at 3a6539e', { timeout: 180_000 }, () => {
  const store = createKeytarStore();
  const dir = tempDir();
  const clock = testClock(new Date('2026-12-07T09:00:10Z'));
  const service = entries[0]?.service ?? '';
  const DEMO_PASSPHRASE = 'Velvet-Canyon-42-Meadow-Drift';
  /** The old plain values, read before today's code touches anything. */
  const old = new Map(entries.filter((e) => /^channel-\d+-(password|totp)$/.test(e.account)).map((e) => [e.account, e.value]));
  let core: Core;
  let admin: string;

  const db = () => new Database(databasePath(dir.path), { readonly: true });
  const storage = () => {
    const check = db();
    const rows = check.prepare('SELECT channel_id, kind, storage FROM secrets ORDER BY channel_id, kind').all() as { channel_id: number; kind: string; storage: string }[];
    check.close();
    return rows;
  };
  const wipeService = async () => {
    for (const entry of await keytar.findCredentials(service)) await store.delete(service, entry.account);
  };

  beforeAll(async () => {
    copyFileSync(join(FIXTURE, 'custodian.sqlite3'), databasePath(dir.path));
    // Person keys made by the describe above belong to its copy of the vault: start from the fixture's entries only.
    await wipeService();
    for (const entry of entries) await store.set(entry.service, entry.account, entry.value);
    expect(old.size).toBe(30);
    core = createCore({ dataDir: dir.path, secretStore: store, clock });
    admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
  });
  afterAll(async () => {
    await core.close();
    await wipeService();
    dir.remove();
  });

  it("moves only the channels of a holder who has signed in: the others stay in the keychain, listed as not moved", async () => {
    // Alex holds x:@SHINEatPPA only (the fixture's grants); the demo holders have not signed in yet.
    const channels = value(await core.call(admin, 'channel.list', {}));
    const ppa = channels.find((c) => `${c.platform}:${c.handle}` === 'x:@SHINEatPPA');
    expect(ppa?.notMoved).toEqual([]);
    const others = channels.filter((c) => c.id !== ppa?.id);
    expect(others).toHaveLength(14);
    for (const channel of others) expect(channel.notMoved, `${channel.platform}:${channel.handle}`).toEqual(['password', 'totp']);
    expect(storage().filter((row) => row.storage === 'wrapped').map((row) => [row.channel_id, row.kind])).toEqual([
      [ppa?.id, 'password'],
      [ppa?.id, 'totp'],
    ]);
    expect(await store.get(service, `channel-${ppa?.id}-password`)).toBeNull();
    expect(await store.get(service, `channel-${others[0]?.id}-password`)).toBe(old.get(`channel-${others[0]?.id}-password`));
  });

  it('after every operator signs in, each holder reads exactly the old password and the same TOTP codes, and no plain entry is left', async () => {
    const check = db();
    const operators = check.prepare("SELECT p.id, p.email FROM people p JOIN operators o ON o.person_id = p.id WHERE p.left_on IS NULL AND p.email != ?").all(ADMIN.email) as { id: number; email: string }[];
    const grants = check.prepare('SELECT g.channel_id, g.person_id FROM access_grants g WHERE g.revoked_at IS NULL ORDER BY g.id').all() as { channel_id: number; person_id: number }[];
    check.close();
    const tokens = new Map<number, string>([[1, admin]]);
    for (const person of operators) tokens.set(person.id, value(await core.call(null, 'auth.signIn', { email: person.email, passphrase: DEMO_PASSPHRASE })).token);
    // The grantees who signed in last are sealed to by the next call of a holder at work.
    for (const token of tokens.values()) value(await core.call(token, 'dashboard.summary', {}));

    expect(storage().every((row) => row.storage === 'wrapped')).toBe(true);
    expect(value(await core.call(admin, 'channel.list', {})).flatMap((c) => c.notMoved)).toEqual([]);
    expect(value(await core.call(admin, 'access.list', {})).filter((g) => g.pending !== null)).toEqual([]);

    const channels = new Map(value(await core.call(admin, 'channel.list', {})).map((c) => [c.id, `${c.platform}:${c.handle}`]));
    expect(grants.length).toBeGreaterThan(30);
    for (const grant of grants) {
      const token = tokens.get(grant.person_id);
      expect(token, `person ${grant.person_id} signed in`).toBeDefined();
      if (token === undefined) continue;
      const channel = channels.get(grant.channel_id) ?? '';
      const revealed = value(await core.call(token, 'secret.reveal', { channel, kind: 'password', reason: 'Upgrade check' }));
      expect(revealed.value, `${channel} for person ${grant.person_id}`).toBe(old.get(`channel-${grant.channel_id}-password`));
      const config = deserializeTotpConfig(old.get(`channel-${grant.channel_id}-totp`) ?? '');
      const expected = await totpCode(config, clock.now().getTime());
      const code = value(await core.call(token, 'totp.code', { channel, reason: 'Upgrade check' }));
      expect(code.code, `${channel} for person ${grant.person_id}`).toBe(expected.code);
    }
    for (const account of old.keys()) expect(await store.get(service, account), account).toBeNull();
    expect(value(await core.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });
});

/**
 * A channel nobody holds cannot move at a holder's sign-in: once a kit exists, the first
 * administrator to sign in moves it to ciphertext wrapped to the recovery key alone, and the
 * kit's ceremony gives a new holder exactly the old values.
 */
describe('a holderless channel of a vault made by the code at 3a6539e', { timeout: 180_000 }, () => {
  const store = createKeytarStore();
  const dir = tempDir();
  const kitDir = tempDir('custodian-upgrade-kit-');
  const clock = testClock(new Date('2026-12-07T09:00:10Z'));
  const service = entries[0]?.service ?? '';
  const old = new Map(entries.filter((e) => /^channel-\d+-(password|totp)$/.test(e.account)).map((e) => [e.account, e.value]));
  const CHANNEL = 'x:@pendleeducation';
  const LATER = 'x:@WestCravenHigh';
  let core: Core;

  const wipeService = async () => {
    for (const entry of await keytar.findCredentials(service)) await store.delete(service, entry.account);
  };

  beforeAll(async () => {
    copyFileSync(join(FIXTURE, 'custodian.sqlite3'), databasePath(dir.path));
    await wipeService();
    for (const entry of entries) await store.set(entry.service, entry.account, entry.value);
    core = createCore({ dataDir: dir.path, secretStore: store, clock });
  });
  afterAll(async () => {
    await core.close();
    await wipeService();
    dir.remove();
    kitDir.remove();
  });

  it('moves to a recovery-only wrap once a kit exists (its making, or the next administrator sign-in); recovery grant then gives the same values', async () => {
    let admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
    const channels = value(await core.call(admin, 'channel.list', {}));
    const find = (ref: string) => channels.find((c) => `${c.platform}:${c.handle}` === ref) ?? expect.fail(`the fixture has no ${ref}`);
    const before = find(CHANNEL);
    const after = find(LATER);
    // Every holder goes before any of them signed in: nobody is left to move it.
    const removeHolders = async (ref: string) => {
      const holders = value(await core.call(admin, 'access.list', { channel: ref }));
      expect(holders.length).toBeGreaterThan(0);
      expect(holders.map((g) => g.holderEmail)).not.toContain(ADMIN.email);
      for (const grant of holders) value(await core.call(admin, 'access.revoke', { channel: ref, email: grant.holderEmail, reason: 'Gone' }));
    };
    const notMoved = async (id: number) => value(await core.call(admin, 'channel.list', {})).find((c) => c.id === id)?.notMoved;
    const plain = (id: number, kind: string) => store.get(service, `channel-${id}-${kind}`);
    await removeHolders(CHANNEL);

    // Without a kit an administrator's sign-in leaves it in the keychain: nothing could open it afterwards.
    admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
    expect(await notMoved(before.id)).toEqual(['password', 'totp']);
    // Making the kit moves it at once (its maker is an administrator at work).
    const path = join(kitDir.path, 'kit.pdf');
    value(await core.call(admin, 'recovery.createKit', { path }));
    expect(await notMoved(before.id)).toEqual([]);
    expect(await plain(before.id, 'password')).toBeNull();

    // A channel whose holders all go after the kit exists moves at the next administrator sign-in.
    await removeHolders(LATER);
    expect(await notMoved(after.id)).toEqual(['password', 'totp']);
    expect(await plain(after.id, 'password')).toBe(old.get(`channel-${after.id}-password`));
    admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
    expect(await notMoved(after.id)).toEqual([]);
    expect(await plain(after.id, 'password')).toBeNull();
    expect(await plain(after.id, 'totp')).toBeNull();
    for (const ref of [CHANNEL, LATER]) {
      const moved = value(await core.call(admin, 'audit.list', { action: 'secret.move', channel: ref }));
      expect(moved).toEqual([expect.objectContaining({ actor: ADMIN.email, outcome: 'ok', details: { recoveryOnly: true, holders: 0, kinds: ['password', 'totp'] } })]);
    }
    // The administrator who moved them cannot read them: the recovery key alone opens them.
    expect(await core.call(admin, 'secret.reveal', { channel: LATER, kind: 'password', reason: 'Not mine' })).toMatchObject({ ok: false });

    const kit = kitPdfText(path);
    for (const channel of [before, after]) {
      const ref = `${channel.platform}:${channel.handle}`;
      expect(value(await core.call(admin, 'recovery.grant', { channel: ref, email: ADMIN.email, kit }))).toMatchObject({ holderEmail: ADMIN.email, pending: null });
      expect(value(await core.call(admin, 'secret.reveal', { channel: ref, kind: 'password', reason: 'After recovery' })).value).toBe(old.get(`channel-${channel.id}-password`));
      const expected = await totpCode(deserializeTotpConfig(old.get(`channel-${channel.id}-totp`) ?? ''), clock.now().getTime());
      expect(value(await core.call(admin, 'totp.code', { channel: ref, reason: 'After recovery' })).code).toBe(expected.code);
    }
    expect(value(await core.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });
});
