import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * "The new computer's keychain". A vault's keychain entries live under a service named by its
 * vault id, and a transfer keeps the id (so the entries keep their names), which means a second
 * vault on the SAME keychain would share the first one's entries and prove nothing. So the new
 * computer gets its own namespace inside the same real OS keychain: every service name it uses
 * is prefixed. The code under test cannot tell the difference, and the old computer's entries
 * stay where they are, so we can also check that the two never touch each other.
 */
function otherComputer(inner: SecretStore, name: string): SecretStore {
  const service = (s: string) => `${name} / ${s}`;
  return {
    kind: inner.kind,
    get: (s, a) => inner.get(service(s), a),
    set: (s, a, v) => inner.set(service(s), a, v),
    delete: (s, a) => inner.delete(service(s), a),
  };
}

const CHANNEL = 'instagram:@pendleprimaryacademy';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const TRANSFER_PASSPHRASE = 'moving day, staple battery';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

interface Planted {
  password: string;
  recovery: string;
  token: string;
  clientSecret: string;
}

/** The old computer: the example trust, a channel's three secrets, an API token, an app secret, an evidence file. */
async function oldComputer(v: TestVault): Promise<Planted> {
  const planted = {
    password: `pw-${randomBytes(12).toString('hex')}`,
    recovery: `rc-${randomBytes(12).toString('hex')}`,
    token: `tok-${randomBytes(16).toString('hex')}`,
    clientSecret: `cs-${randomBytes(16).toString('hex')}`,
  };
  value(await v.call(v.admin, 'example.load', { demo: false }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: planted.password }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'recovery-codes', value: planted.recovery }));
  value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: TOTP }));
  value(await v.call(v.admin, 'channel.connect', { channel: 'x:@pendleeducation', token: planted.token, accountId: '12345' }));
  value(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: 'custodian-test-client', clientSecret: planted.clientSecret }));
  // Setting the secrets made the administrator their holder.
  const incident = value(await v.call(v.admin, 'incident.add', { channel: CHANNEL, summary: 'Abusive comment under the sports day post' }));
  value(await v.call(v.admin, 'incident.addEvidence', { id: incident.id, name: 'screenshot.png', mediaType: 'image/png', contentBase64: PNG.toString('base64') }));
  return planted;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String);
}

describe('moving a vault to a new computer (transfer export and import)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * The old computer and its transfer file, made once for the file (a vault, the example trust
   * and an export at the real scrypt cost each time): the tests that import it read the file and
   * the old vault's id only, and each imports into a keychain namespace of its own. The first
   * test also uses the old vault afterwards (a code, a verify, a reveal), which no other test reads.
   */
  const made: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of made.splice(0).reverse()) await cleanup();
  });
  let shared: Promise<{ v: TestVault; planted: Planted; file: string; out: string }> | undefined;
  function exported(): Promise<{ v: TestVault; planted: Planted; file: string; out: string }> {
    shared ??= exportOnce();
    return shared;
  }
  async function exportOnce(): Promise<{ v: TestVault; planted: Planted; file: string; out: string }> {
    const v = await createTestVault();
    made.push(() => v.close());
    const planted = await oldComputer(v);
    const out = tempDir('custodian-usb-');
    made.push(() => out.remove());
    const file = join(out.path, 'pendle.custodian-transfer');
    const result = value(await v.call(v.admin, 'transfer.export', { path: file, passphrase: TRANSFER_PASSPHRASE }));
    expect(result).toMatchObject({ path: file, files: 1 });
    // audit key, anchor, seal key, the administrator's sealed person key, the trust root's pin and
    // sealed private half, API token, LinkedIn client id and secret. No channel secret: those are
    // ciphertext in the database, carried as they are.
    expect(result.entries).toBe(9);
    return { v, planted, file, out: out.path };
  }

  function newComputer(v: TestVault, name: string): { core: Core; dataDir: string; store: SecretStore } {
    const home = tempDir('custodian-newpc-');
    const store = otherComputer(createKeytarStore(), name);
    const dataDir = join(home.path, 'Custodian');
    const core = createCore({ dataDir, secretStore: store, clock: v.clock, validateOutputs: true });
    cleanups.push(async () => {
      await core.close();
      home.remove();
    });
    return { core, dataDir, store };
  }

  it('carries the database, evidence and every keychain entry into a second vault and keychain namespace', async () => {
    const { v, planted, file } = await exported();
    const pc = newComputer(v, `machine-b-${randomBytes(4).toString('hex')}`);

    const imported = value(await pc.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE }));
    expect(imported).toMatchObject({ trustName: 'Pendle Education Trust', entries: 9, files: 1 });
    const service = vaultService(imported.vaultId);
    const anchorAtImport = JSON.parse((await pc.store.get(service, ACCOUNTS.auditAnchor)) ?? '{}') as { seq: number };
    expect(value(await pc.core.call(null, 'vault.status', {}))).toEqual({ initialized: true, trustName: 'Pendle Education Trust' });

    // The operator signs in on the new computer with the passphrase they always had.
    const admin = value(await pc.core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    expect(value(await pc.core.call(admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'First sign-in after the move' })).value).toBe(planted.password);
    expect(value(await pc.core.call(admin, 'secret.reveal', { channel: CHANNEL, kind: 'recovery-codes', reason: 'Checking the move' })).value).toBe(planted.recovery);
    const codeThere = value(await v.call(v.admin, 'totp.code', { channel: CHANNEL, reason: 'Checking the move' }));
    const codeHere = value(await pc.core.call(admin, 'totp.code', { channel: CHANNEL, reason: 'Checking the move' }));
    expect(codeHere.code).toMatch(/^\d{6}$/);
    expect(codeHere.code).toBe(codeThere.code);
    expect(value(await pc.core.call(admin, 'platform.apps', {})).find((app) => app.platform === 'linkedin')).toBeDefined();
    expect(readFileSync(join(pc.dataDir, 'evidence', readdirSync(join(pc.dataDir, 'evidence'))[0] as string))).toEqual(PNG);

    // The trail verifies with the imported key and anchor, and tells the story of the move.
    const verify = value(await pc.core.call(admin, 'audit.verify', {}));
    expect(verify.ok).toBe(true);
    const events = value(await pc.core.call(admin, 'audit.list', { limit: 1000 }));
    const exportEvent = events.find((e) => e.action === 'transfer.export');
    const importEvent = events.find((e) => e.action === 'transfer.import');
    expect(exportEvent).toMatchObject({ actor: ADMIN.email, outcome: 'ok' });
    expect(importEvent).toMatchObject({ actor: null, outcome: 'ok' });
    expect(JSON.stringify(events)).not.toContain(planted.password);

    // The entries really are in the new namespace, and the old computer's are untouched.
    expect(imported.vaultId).toBe(vaultIdOf(v));
    const xChannel = value(await pc.core.call(admin, 'channel.list', {})).find((c) => c.platform === 'x' && c.handle === '@pendleeducation');
    expect(await pc.store.get(service, ACCOUNTS.channelToken(xChannel?.id ?? 0))).toBe(planted.token);
    expect(await pc.store.get(service, ACCOUNTS.platformClientSecret('linkedin'))).toBe(planted.clientSecret);
    // Removing an entry on the new computer leaves the old computer's entry where it was.
    await pc.store.delete(service, ACCOUNTS.platformClientSecret('linkedin'));
    expect(await createKeytarStore().get(service, ACCOUNTS.platformClientSecret('linkedin'))).toBe(planted.clientSecret);
    // The new computer's anchor was moved to the import event, the head of the trail then.
    expect(anchorAtImport.seq).toBe(importEvent?.seq);
    expect(importEvent?.seq).toBe((exportEvent?.seq ?? 0) + 1);
    expect(value(await v.call(v.admin, 'audit.verify', {})).ok).toBe(true);
    expect(value(await v.call(v.admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Old computer still works' })).value).toBe(planted.password);
  });

  it('keeps every secret out of the file in clear', async () => {
    const { planted, file } = await exported();
    const bytes = readFileSync(file);
    for (const secret of [planted.password, planted.recovery, planted.token, planted.clientSecret, TOTP]) {
      expect(bytes.includes(Buffer.from(secret)), secret.slice(0, 6)).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64').slice(0, 16))), secret.slice(0, 6)).toBe(false);
    }
    expect(bytes.includes(Buffer.from('Pendle Education Trust'))).toBe(false);
    expect(bytes.subarray(0, 19).toString()).toBe('CUSTODIAN-TRANSFER\n');
  });

  it('refuses a wrong passphrase and writes nothing, on disk or in the keychain', async () => {
    const { v, file } = await exported();
    const pc = newComputer(v, `machine-c-${randomBytes(4).toString('hex')}`);
    const result = await pc.core.call(null, 'transfer.import', { path: file, passphrase: 'not the passphrase at all' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/passphrase is not the one/);
    expect(existsSync(pc.dataDir)).toBe(false);
    expect(await pc.store.get(vaultService(vaultIdOf(v)), ACCOUNTS.auditMacKey)).toBeNull();
  });

  it('refuses a file with any byte changed (magic, header, sealed body, tag), and writes nothing', async () => {
    const { v, file, out } = await exported();
    const original = readFileSync(file);
    const headerEnd = original.indexOf(0x0a, 19);
    const header = original.subarray(19, headerEnd).toString();
    const positions = {
      magic: 3,
      'kdf parameter': 19 + header.indexOf('"n":') + 5,
      salt: 19 + header.indexOf('"salt":"') + 9,
      nonce: 19 + header.indexOf('"nonce":"') + 10,
      'manifest length': headerEnd + 2,
      'sealed manifest': headerEnd + 40,
      'sealed database': Math.floor(original.length / 2),
      'last byte of the tag': original.length - 1,
    };
    const pc = newComputer(v, `machine-d-${randomBytes(4).toString('hex')}`);
    for (const [where, at] of Object.entries(positions)) {
      const changed = Buffer.from(original);
      changed[at] = (changed[at] as number) ^ 0x01;
      const path = join(out, `changed-${at}.custodian-transfer`);
      writeFileSync(path, changed);
      const result = await pc.core.call(null, 'transfer.import', { path, passphrase: TRANSFER_PASSPHRASE });
      expect(result.ok, where).toBe(false);
      expect(existsSync(pc.dataDir), where).toBe(false);
    }
    expect(await pc.store.get(vaultService(vaultIdOf(v)), ACCOUNTS.auditMacKey)).toBeNull();
    // The untouched file still imports: the refusals were about the changes.
    value(await pc.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE }));
  });

  it('refuses to import over a vault or over keychain entries already there, unless told to replace them', async () => {
    const { v, file } = await exported();
    const name = `machine-e-${randomBytes(4).toString('hex')}`;
    const first = newComputer(v, name);
    value(await first.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE }));
    const again = await first.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE });
    expect(again).toMatchObject({ ok: false, error: { code: 'vault_exists' } });

    // Another data folder on the same computer: its keychain already holds this vault.
    const second = newComputer(v, name);
    const refused = await second.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(existsSync(second.dataDir)).toBe(false);
    const replaced = value(await second.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE, replace: true }));
    expect(replaced.entries).toBe(9);
    const admin = value(await second.core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    expect(value(await second.core.call(admin, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses a file whose audit trail was edited before export, and writes nothing', async () => {
    const v = await createTestVault();
    cleanups.push(() => v.close());
    await oldComputer(v);
    // Someone with the database file rewrites an event (the triggers are SQL, so they can drop them).
    const db = new Database(join(v.dataDir, 'custodian.sqlite3'));
    db.exec("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 3");
    db.close();
    const out = tempDir('custodian-usb-');
    cleanups.push(() => out.remove());
    const file = join(out.path, 'edited.custodian-transfer');
    value(await v.call(v.admin, 'transfer.export', { path: file, passphrase: TRANSFER_PASSPHRASE }));
    const pc = newComputer(v, `machine-f-${randomBytes(4).toString('hex')}`);
    const result = await pc.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/audit trail.*event 3 was altered/);
    expect(existsSync(pc.dataDir)).toBe(false);
    expect(await pc.store.get(vaultService(vaultIdOf(v)), ACCOUNTS.auditMacKey)).toBeNull();
  });

  it('takes back every keychain entry and file it wrote when the keychain fails halfway', async () => {
    const { v, file } = await exported();
    const pc = newComputer(v, `machine-g-${randomBytes(4).toString('hex')}`);
    // The same keychain, except that the sixth write fails (a keyring locked mid-import).
    let writes = 0;
    const home = tempDir('custodian-flaky-');
    cleanups.push(() => home.remove());
    const inner = pc.store;
    const failing: SecretStore = {
      kind: inner.kind,
      get: (s, a) => inner.get(s, a),
      delete: (s, a) => inner.delete(s, a),
      set: async (s, a, val) => {
        if (!s.startsWith('custodian-probe') && ++writes === 6) throw new Error('The keyring was locked');
        return inner.set(s, a, val);
      },
    };
    const core = createCore({ dataDir: join(home.path, 'Custodian'), secretStore: failing, clock: v.clock });
    cleanups.push(() => core.close());
    const result = await core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE });
    expect(result.ok).toBe(false);
    expect(writes).toBe(6);
    expect(existsSync(join(home.path, 'Custodian'))).toBe(false);
    const service = vaultService(vaultIdOf(v));
    for (const account of [ACCOUNTS.auditMacKey, ACCOUNTS.sealKey, ACCOUNTS.auditAnchor, ACCOUNTS.platformClientSecret('linkedin')]) {
      expect(await inner.get(service, account), account).toBeNull();
    }
    // Nothing left behind that would block a second try.
    value(await pc.core.call(null, 'transfer.import', { path: file, passphrase: TRANSFER_PASSPHRASE }));
  });

  it('lets only an administrator export, to a new file outside the data folder, with a long passphrase', async () => {
    const v = await createTestVault();
    cleanups.push(() => v.close());
    const out = tempDir('custodian-usb-');
    cleanups.push(() => out.remove());
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@trust.example', role: 'core-team', consoleRole: 'poster', passphrase: 'poster passphrase' }));
    const poster = await v.signIn('pat@trust.example', 'poster passphrase');
    const target = join(out.path, 'vault.custodian-transfer');
    expect(await v.call(poster, 'transfer.export', { path: target, passphrase: TRANSFER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(v.admin, 'transfer.export', { path: target, passphrase: 'too short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'passphrase' } });
    expect(await v.call(v.admin, 'transfer.export', { path: 'vault.custodian-transfer', passphrase: TRANSFER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await v.call(v.admin, 'transfer.export', { path: join(v.dataDir, 'x.custodian-transfer'), passphrase: TRANSFER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    mkdirSync(join(out.path, 'taken'));
    expect(await v.call(v.admin, 'transfer.export', { path: join(out.path, 'taken'), passphrase: TRANSFER_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readdirSync(out.path)).toEqual(['taken']);
    expect(filesUnder(v.dataDir).filter((f) => f.includes('transfer'))).toEqual([]);
  });

  it('round-trips through the CLI: export, refusal on the same keychain, import with --replace, sign in and verify', () => {
    const home = tempDir('custodian-cli-transfer-');
    cleanups.push(() => home.remove());
    const oldDir = join(home.path, 'old');
    const newDir = join(home.path, 'new');
    const file = join(home.path, 'usb', 'vault.custodian-transfer');
    mkdirSync(join(home.path, 'usb'));
    const password = `cli-pw-${randomBytes(10).toString('hex')}`;
    const env = { CUSTODIAN_OPERATOR: 'it@trust.example', CUSTODIAN_PASSPHRASE: 'it passphrase 2026', CUSTODIAN_TRANSFER_PASSPHRASE: TRANSFER_PASSPHRASE };
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}, input = '') => custodian(args, { env: { ...env, ...extra }, input });

    expect(run(['init', '--trust', 'CLI Trust', '--admin-name', 'IT', '--admin-email', 'it@trust.example', '--data-dir', oldDir]).code).toBe(0);
    expect(run(['example', 'load', '--data-dir', oldDir]).code).toBe(0);
    expect(run(['secret', 'set', 'x:@pendleeducation', '--kind', 'password', '--data-dir', oldDir], {}, password).code).toBe(0);
    // Setting it made the operator its holder: a grant now would be refused as already held.
    expect(run(['access', 'grant', 'x:@pendleeducation', 'it@trust.example', '--data-dir', oldDir]).code).toBe(1);

    const short = run(['transfer', 'export', '--out', file, '--data-dir', oldDir], { CUSTODIAN_TRANSFER_PASSPHRASE: 'short' });
    expect(short.code).toBe(1);
    expect(existsSync(file)).toBe(false);
    const exportRun = run(['transfer', 'export', '--out', file, '--data-dir', oldDir]);
    expect(exportRun.code, exportRun.stderr).toBe(0);
    expect(exportRun.stdout.trim()).toBe(file);
    expect(readFileSync(file).includes(Buffer.from(password))).toBe(false);

    const wrong = run(['transfer', 'import', file, '--data-dir', newDir], { CUSTODIAN_TRANSFER_PASSPHRASE: 'a wrong passphrase!' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase is not the one/);
    // This computer's keychain still holds the old vault's entries: refused without --replace.
    const sameKeychain = run(['transfer', 'import', file, '--data-dir', newDir]);
    expect(sameKeychain.code).toBe(1);
    expect(sameKeychain.stderr).toMatch(/--replace/);
    expect(existsSync(newDir)).toBe(false);
    const importRun = run(['transfer', 'import', file, '--replace', '--data-dir', newDir]);
    expect(importRun.code, importRun.stderr).toBe(0);
    expect(importRun.stderr).toMatch(/Imported the vault of CLI Trust/);

    const reveal = run(['secret', 'reveal', 'x:@pendleeducation', '--kind', 'password', '--reason', 'After the move', '--data-dir', newDir]);
    expect(reveal.code, reveal.stderr).toBe(0);
    expect(reveal.stdout).toContain(password);
    const verify = run(['audit', 'verify', '--data-dir', newDir]);
    expect(verify.code, verify.stderr).toBe(0);
    const list = run(['audit', 'list', '--json', '--data-dir', newDir]);
    const actions = (JSON.parse(list.stdout) as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['transfer.export', 'transfer.import']));
  });
});

/** The vault id, as the database holds it (what names the keychain service). */
function vaultIdOf(v: TestVault): string {
  const db = new Database(join(v.dataDir, 'custodian.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
  } finally {
    db.close();
  }
}
