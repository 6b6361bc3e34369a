import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract/methods';
import { openWrap } from '../../electron/core/keys/secret-crypto';
import { sodiumReady } from '../../electron/core/keys/sodium';
import { generatePublisherKeys, parsePublisherKey, publisherPublics, serialisePublisherKey } from '../../electron/core/publishing/publisher/publisher-key';
import { NO_PUBLISHER } from '../../electron/core/publishing/publisher/publisher-identity';
import { vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { FakeHandle } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, tempDir, testClock, value, type TestVault } from '../support/test-vault';

const X_TOKEN = 'xTok-publisher-5b4a39281706f5e4d3c2b1a0-secret';
const PPA_X = 'x:@SHINEatPPA';
const TRUST_X = 'x:@pendleeducation';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const PASSWORD = 'Publisher-test-password-7f3e';
const publishing = { requestTimeoutMs: 1_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

/**
 * The publisher (issue 13, item 3): `scheduler enrol` makes it, `scheduler run` and the desktop
 * publish as it without anyone's passphrase, and it can do nothing else. Tried as its holder
 * would, and as a same-user attacker with the keychain and sqlite3 would.
 */
describe('the publisher identity', () => {
  let v: TestVault;
  let sam: string;
  let x: XFake;
  let server: FakeHandle;
  let vaultId: string;
  const files = tempDir('custodian-publisher-files-');

  const db = <T>(fn: (d: Database.Database) => T): T => {
    const d = new Database(databasePath(v.dataDir));
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  const publisherRows = () => db((d) => d.prepare('SELECT id, retired_at FROM publishers ORDER BY id').all() as { id: number; retired_at: string | null }[]);
  const refusal = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    return expect.fail('expected a refusal');
  };

  beforeAll(async () => {
    await sodiumReady();
    v = await createTestVault({ clock: testClock(new Date()), sinks: { publishing } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    value(await v.call(v.admin, 'secret.set', { channel: TRUST_X, kind: 'password', value: PASSWORD }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    x = new XFake(X_TOKEN);
    server = await x.start();
    value(await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: '1500000000000000001', apiBase: x.base }));
    vaultId = db((d) => (d.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id);
  });

  afterAll(async () => {
    await server.close();
    await v.close();
    files.remove();
  });

  it('has no publisher until an administrator enrols one; a poster cannot', async () => {
    expect((await refusal(v.core.signInPublisher({}))).message).toBe(NO_PUBLISHER);
    const poster = await v.call(sam, 'publisher.enrol', {});
    expect(poster.ok).toBe(false);
    if (!poster.ok) expect(poster.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/console role \(poster\) does not allow enrolling/) });
    expect(publisherRows()).toEqual([]);
    const enrolled = value(await v.call(v.admin, 'publisher.enrol', {}));
    expect(enrolled).toMatchObject({ keptIn: 'keychain', keyFile: null, retired: null });
    expect(publisherRows()).toEqual([{ id: enrolled.publisherId, retired_at: null }]);
    const events = value(await v.call(v.admin, 'audit.list', { action: 'publisher.enrol' }));
    expect(events).toEqual([expect.objectContaining({ actor: ADMIN.email, outcome: 'ok', details: expect.objectContaining({ publisherId: enrolled.publisherId }) })]);
  });

  it('publishes a due post as the publisher: the trail names it, not a person', async () => {
    const post = value(await v.call(sam, 'post.create', { channels: [PPA_X], text: 'Well done to Year 6 on sports day!', outcome: 'Celebrate sports day', pupils: 'none', checklist: CHECKED, at: 'now' }));
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    const token = await v.core.signInPublisher({});
    const run = value(await v.core.call(token, 'scheduler.runOnce', {}));
    expect(run.results).toEqual([expect.objectContaining({ post: post.id, state: 'published' })]);
    expect(x.posts).toHaveLength(1);
    const publisherId = publisherRows()[0]?.id;
    const events = value(await v.call(v.admin, 'audit.list', { limit: 50 })).filter((e) => e.target === `post:${post.id}` && e.action.startsWith('publish.'));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['publish.claim', 'publish.token_use', 'publish.outcome']));
    for (const event of events) expect(event).toMatchObject({ actor: `publisher:${publisherId}`, details: expect.objectContaining({ publisher: publisherId }) });
  });

  it('may run publishing passes only: every other method is refused through the router, and audited', async () => {
    const token = await v.core.signInPublisher({});
    const publisherId = publisherRows().at(-1)?.id;
    const attempts: [MethodName, unknown][] = [
      ['secret.reveal', { channel: TRUST_X, kind: 'password', reason: 'Publisher test' }],
      ['secret.copy', { channel: TRUST_X, kind: 'password', reason: 'Publisher test' }],
      ['totp.code', { channel: TRUST_X, reason: 'Publisher test' }],
      ['access.grant', { channel: TRUST_X, email: SAM.email }],
      ['secret.set', { channel: TRUST_X, kind: 'password', value: 'publisher-chosen' }],
      ['person.add', { name: 'Mallory', email: 'mallory@pet.example', role: 'core-team', consoleRole: 'admin', passphrase: 'a long mallory passphrase' }],
      ['audit.list', {}],
      ['channel.list', {}],
      ['publisher.enrol', {}],
      ['transfer.export', { path: join(files.path, 'stolen.custodian-transfer'), passphrase: 'a long transfer passphrase' }],
      ['auth.whoami', {}],
    ];
    const before = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied', limit: 1000 })).length;
    for (const [method, input] of attempts) {
      const result = await v.core.dispatch(token, method, input);
      expect(result.ok, method).toBe(false);
      if (!result.ok) expect(result.error, method).toMatchObject({ code: 'forbidden', message: expect.stringContaining('The publisher may run publishing passes only') });
    }
    // Through the window's door its token is no one's: refused before any handler.
    expect((await v.core.dispatch(token, 'secret.reveal', attempts[0]?.[1], 'window')).ok).toBe(false);
    const all = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied', limit: 1000 }));
    expect(all.length).toBe(before + attempts.length);
    const denied = all.slice(0, attempts.length);
    for (const event of denied) expect(event).toMatchObject({ actor: `publisher:${publisherId}`, details: expect.objectContaining({ consoleRole: 'publisher', publisher: publisherId }) });
    expect(new Set(denied.map((e) => e.target))).toEqual(new Set(attempts.map(([method]) => method)));
    // Nothing was changed: no person, the same secret, and the pass still works.
    expect(value(await v.call(v.admin, 'person.list', {})).some((p) => p.email === 'mallory@pet.example')).toBe(false);
    expect(value(await v.call(v.admin, 'secret.reveal', { channel: TRUST_X, kind: 'password', reason: 'Publisher test' })).value).toBe(PASSWORD);
    expect(value(await v.core.call(token, 'scheduler.runOnce', {})).results).toEqual([]);
  });

  it('holds no channel: its key, read from the keychain as any same-user program can, opens no wrap', async () => {
    const row = db((d) => d.prepare('SELECT box_public, sign_public FROM publishers WHERE retired_at IS NULL').get() as { box_public: string; sign_public: string });
    const stored = await keytar.getPassword(vaultService(vaultId), 'publisher-key');
    expect(stored).not.toBeNull();
    const keys = parsePublisherKey(stored ?? '', vaultId, { boxPublic: row.box_public, signPublic: row.sign_public });
    expect(keys).not.toBeNull();
    const wraps = db((d) => d.prepare('SELECT recipient, sealed_key FROM secret_wraps').all() as { recipient: string; sealed_key: string }[]);
    expect(wraps.length).toBeGreaterThan(0);
    expect(wraps.every((w) => w.recipient === 'recovery' || /^person:\d+$/.test(w.recipient))).toBe(true);
    for (const wrap of wraps) expect(openWrap(wrap.sealed_key, keys as NonNullable<typeof keys>), wrap.recipient).toBeNull();
  });

  it('a key file is written 0400, never over an existing file, and refused once others may read it', async () => {
    const path = join(files.path, 'publisher.key');
    const enrolled = value(await v.call(v.admin, 'publisher.enrol', { keyFile: path }));
    expect(enrolled).toMatchObject({ keptIn: 'file', keyFile: path, retired: expect.any(Number) });
    expect(statSync(path).mode & 0o777).toBe(0o400);
    // The keychain key is the retired publisher's now: it no longer signs in.
    expect((await refusal(v.core.signInPublisher({}))).message).toBe(NO_PUBLISHER);
    const retire = value(await v.call(v.admin, 'audit.list', { action: 'publisher.retire' }));
    expect(retire).toEqual([expect.objectContaining({ actor: ADMIN.email, details: expect.objectContaining({ publisherId: enrolled.retired, replacedBy: enrolled.publisherId }) })]);
    await v.core.signInPublisher({ keyFile: path });
    const rows = publisherRows();
    const again = await v.call(v.admin, 'publisher.enrol', { keyFile: path });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatchObject({ code: 'conflict', message: expect.stringContaining(`${path} already exists`) });
    expect(publisherRows()).toEqual(rows);
    chmodSync(path, 0o644);
    const open = await refusal(v.core.signInPublisher({ keyFile: path }));
    expect(open.message).toContain(`The publisher key file ${path} is open to other users (mode 0644)`);
    chmodSync(path, 0o400);
    await v.core.signInPublisher({ keyFile: path });
  });

  it('a publisher row planted with sqlite3 (and its key put in the keychain) is refused, and verify names it', async () => {
    const path = join(files.path, 'publisher.key');
    const live = await v.core.signInPublisher({ keyFile: path });
    const mallory = generatePublisherKeys();
    const publics = publisherPublics(mallory);
    const planted = db((d) => {
      const real = d.prepare('SELECT * FROM publishers WHERE retired_at IS NULL').get() as Record<string, unknown>;
      d.prepare('UPDATE publishers SET retired_at = ? WHERE retired_at IS NULL').run(new Date().toISOString());
      // The real administrator's key id and signature, copied: they do not sign these keys.
      return Number(
        d
          .prepare('INSERT INTO publishers (box_public, sign_public, enrolled_at, enrolled_by, signer_key_id, signature, kept_in) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(publics.boxPublic, publics.signPublic, real.enrolled_at, real.enrolled_by, real.signer_key_id, real.signature, 'keychain').lastInsertRowid,
      );
    });
    await keytar.setPassword(vaultService(vaultId), 'publisher-key', serialisePublisherKey(mallory, vaultId));
    const refused = await refusal(v.core.signInPublisher({}));
    expect(refused.message).toMatch(new RegExp(`^The enrolled publisher is not trusted: publishers row ${planted} carries a signature no administrator made`));
    // The session opened before the edit ends at its next call, and publishes nothing.
    const stale = await v.core.call(live, 'scheduler.runOnce', {});
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('unauthenticated');
    const verify = value(await v.call(v.admin, 'audit.verify', {}));
    expect(verify.ok).toBe(false);
    const findings = verify.ok ? [] : (verify.findings ?? []);
    expect(findings).toEqual(expect.arrayContaining([`publishers row ${planted} carries a signature no administrator made`, `publishers row ${planted} is not explained by the trail: no administrator enrolled it`]));
    expect(findings.some((f) => /publishers row \d+ is retired but the trail says current/.test(f))).toBe(true);
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'publisher.sign_in' }));
    expect(denied[0]).toMatchObject({ outcome: 'denied', target: `publisher:${planted}` });
    // An administrator's enrolment puts things right: a new signed publisher, and passes work again.
    value(await v.call(v.admin, 'publisher.enrol', {}));
    value(await v.core.call(await v.core.signInPublisher({}), 'scheduler.runOnce', {}));
  });
});

/** The command line: the exact refusals a person running `scheduler run` on a box sees. */
describe('custodian scheduler run as the publisher', () => {
  const dir = tempDir('custodian-cli-publisher-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const box = { CUSTODIAN_DATA_DIR: dir.path };
  // Outside the data folder (which Custodian makes private at every open), as on a real box.
  const keys = tempDir('custodian-cli-publisher-key-');
  const keyFile = join(keys.path, 'publisher.key');

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], { env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE } });
    expect(init.code, init.stderr).toBe(0);
  }, 60_000);
  afterAll(() => {
    dir.remove();
    keys.remove();
  });

  it('says no publisher is enrolled, then runs with --key-file or the env without a passphrase, and refuses a file others may read', () => {
    const none = custodian(['scheduler', 'run', '--once'], { env: box });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`custodian: ${NO_PUBLISHER}\n`);
    const enrolled = custodian(['scheduler', 'enrol', '--key-file', keyFile], { env: admin });
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stderr).toContain(`its key is in ${keyFile}`);
    expect(custodian(['scheduler', 'run', '--once', '--key-file', keyFile], { env: box })).toMatchObject({ code: 0, stderr: 'Nothing was due.\n' });
    expect(custodian(['scheduler', 'run', '--once'], { env: { ...box, CUSTODIAN_PUBLISHER_KEY_FILE: keyFile } })).toMatchObject({ code: 0, stderr: 'Nothing was due.\n' });
    // Without the file, the keychain holds no publisher key here.
    expect(custodian(['scheduler', 'run', '--once'], { env: box }).stderr).toBe(`custodian: ${NO_PUBLISHER}\n`);
    chmodSync(keyFile, 0o644);
    const open = custodian(['scheduler', 'run', '--once', '--key-file', keyFile], { env: box });
    expect(open.code).toBe(1);
    expect(open.stderr).toContain(`The publisher key file ${keyFile} is open to other users (mode 0644)`);
    const clash = custodian(['scheduler', 'enrol', '--key-file', keyFile], { env: admin });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('already exists');
    writeFileSync(join(keys.path, 'not-a-key'), 'nothing\n', { mode: 0o400 });
    expect(custodian(['scheduler', 'run', '--once', '--key-file', join(keys.path, 'not-a-key')], { env: box }).stderr).toBe(`custodian: ${NO_PUBLISHER}\n`);
  }, 120_000);
});

/** The desktop publishes as the same identity; it enrols one only when the vault has none. */
describe('the desktop app and the publisher', () => {
  let v: TestVault;
  const files = tempDir('custodian-desktop-publisher-');
  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
  });
  afterAll(async () => {
    await v.close();
    files.remove();
  });
  const rows = () => {
    const d = new Database(databasePath(v.dataDir));
    try {
      return d.prepare('SELECT id, kept_in, retired_at FROM publishers ORDER BY id').all();
    } finally {
      d.close();
    }
  };
  const windowSignIn = async (email: string, passphrase: string) => value(await v.core.dispatch(null, 'auth.signIn', { email, passphrase }, 'window'));

  it('a poster at the window enrols nothing; the first administrator at the window enrols one, audited as automatic; the CLI sign-in never does', async () => {
    expect(await v.core.publishDue()).toBeNull();
    await windowSignIn(SAM.email, SAM.passphrase);
    await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(rows()).toEqual([]);
    await windowSignIn(ADMIN.email, ADMIN.passphrase);
    expect(rows()).toEqual([{ id: 1, kept_in: 'keychain', retired_at: null }]);
    const events = value(await v.call(v.admin, 'audit.list', { action: 'publisher.enrol' }));
    expect(events).toEqual([expect.objectContaining({ actor: ADMIN.email, details: expect.objectContaining({ automatic: true, publisherId: 1 }) })]);
    expect(await v.core.publishDue()).toBe(0);
    // Signing in again changes nothing: one publisher per vault.
    await windowSignIn(ADMIN.email, ADMIN.passphrase);
    expect(rows()).toHaveLength(1);
  });

  it('never replaces a publisher enrolled for another computer (a headless box)', async () => {
    value(await v.call(v.admin, 'publisher.enrol', { keyFile: join(files.path, 'box.key') }));
    await windowSignIn(ADMIN.email, ADMIN.passphrase);
    expect(rows()).toEqual([expect.objectContaining({ id: 1, retired_at: expect.any(String) }), { id: 2, kept_in: 'file', retired_at: null }]);
    // This computer's keychain holds the retired key: the desktop publishes nothing, the box does.
    expect(await v.core.publishDue()).toBeNull();
  });
});
