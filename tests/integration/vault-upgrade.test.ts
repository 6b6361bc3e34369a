import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { REGISTER_SNAPSHOT_ACTION } from '../../electron/core/audit/register-snapshot';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
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
  let oldEvents: number;

  const db = (readonly = true) => new Database(databasePath(dir.path), { readonly });

  beforeAll(async () => {
    copyFileSync(join(FIXTURE, 'custodian.sqlite3'), databasePath(dir.path));
    for (const entry of entries) await store.set(entry.service, entry.account, entry.value);
    const before = db();
    oldEvents = (before.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    before.close();
    core = createCore({ dataDir: dir.path, secretStore: store, clock: testClock(new Date()) });
    admin = value(await core.call(null, 'auth.signIn', ADMIN)).token;
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
