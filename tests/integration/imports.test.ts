import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { totpCode } from '../../electron/core/credentials/totp';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8');
const fixturePath = (name: string) => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

/** Every password and 2FA key planted in the fixtures: none may reach a file in the data folder. */
const PLANTED = [
  'Bw-PPA-X-pass-4f1c9e',
  'Bw-PPA-IG-pass-8d2a7b',
  'Bw-WCHS-FB-pass-3e9d5c',
  'Bw-CAS-X-pass-6b0f2a',
  'JBSWY3DPEHPK3PXPJBSWY3DP',
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  'gezd gnbv',
  'Kp-PET-X-pass-<9f2&b>',
  'Kp-PET-LI-pass-71c0d4',
  'Kp-PPA-YT-pass-2a6e91',
  'Kp-CTN-IG-pass-5d3b80',
  'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  'MFRGGZDFMZTWQ2LKNNWG23TP',
  'Csv-CPA-X-pass-91ab3f',
  'Csv-CPA-FB-pass, with comma',
  'ONSWG4TFOQYTEMZUGU3DOOBZ',
  'NB2W45DFOIQHIZLTOQQGC3TE',
  'Csv-CTN-X-pass-bad',
];

function errorOf(result: { ok: true } | { ok: false; error: { code: string; message: string; field?: string } }) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function vaultIdOf(v: TestVault): string {
  const db = openDatabase(databasePath(v.dataDir), { create: false });
  try {
    return (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
  } finally {
    db.close();
  }
}

/** The database and its WAL, byte for byte. */
function databaseBytes(v: TestVault): string {
  const path = databasePath(v.dataDir);
  return [path, `${path}-wal`].map((p) => (existsSync(p) ? readFileSync(p).toString('base64') : '-')).join('|');
}

/** Every channel secret of the example trust's channels, read straight from the OS keychain. */
async function keychainSnapshot(v: TestVault): Promise<Record<string, string | null>> {
  const store = createKeytarStore();
  const service = vaultService(vaultIdOf(v));
  const snapshot: Record<string, string | null> = {};
  for (let id = 1; id <= 20; id += 1) {
    for (const kind of ['password', 'totp', 'recovery-codes']) snapshot[`${id}-${kind}`] = await store.get(service, ACCOUNTS.channelSecret(id, kind));
  }
  return snapshot;
}

function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

function leaks(v: TestVault, extra: string): string[] {
  const hits: string[] = [];
  for (const file of [...filesUnder(v.dataDir), { path: 'audit.list', bytes: Buffer.from(extra) }]) {
    for (const secret of PLANTED) if (file.bytes.includes(Buffer.from(secret))) hits.push(`${file.path}: ${secret.slice(0, 6)}…`);
  }
  return hits;
}

async function reveal(v: TestVault, channel: string): Promise<string> {
  return value(await v.call(v.admin, 'secret.reveal', { channel, kind: 'password', reason: 'Checking the import' })).value;
}

describe('imports', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
  });
  afterEach(async () => v.close());

  it('previews a register file without changing anything, then imports it all in one go, audited', async () => {
    const csv = fixture('register.csv');
    const before = databaseBytes(v);
    const preview = value(await v.call(v.admin, 'import.register', { csv, dryRun: true }));
    expect(databaseBytes(v)).toBe(before);
    expect(preview).toMatchObject({ dryRun: true, created: 9, updated: 1, skipped: 0 });
    expect(preview.rows.map((r) => [r.line, r.kind, r.subject, r.action])).toEqual([
      [3, 'channel', 'x:@SHINEatPPA', 'update'],
      [4, 'channel', 'facebook:Pendle Primary Academy Official', 'create'],
      [5, 'channel', 'linkedin:pet-careers', 'create'],
      [6, 'person', 'priya.patel@ppa.example', 'create'],
      [7, 'person', 'tom.walsh@pet.example', 'create'],
      [8, 'person', 'sam.jones@wchs.example', 'create'],
      [9, 'holder', 'priya.patel@ppa.example → x:@SHINEatPPA', 'create'],
      [10, 'holder', 'tom.walsh@pet.example → x:@SHINEatPPA', 'create'],
      [11, 'holder', 'priya.patel@ppa.example → facebook:Pendle Primary Academy Official', 'create'],
      [12, 'holder', 'tom.walsh@pet.example → linkedin:pet-careers', 'create'],
    ]);
    expect(preview.rows[0]?.detail).toContain('2FA not-enabled → enabled');
    expect(value(await v.call(v.admin, 'channel.list', {}))).toHaveLength(15);

    const done = value(await v.call(v.admin, 'import.register', { csv, dryRun: false }));
    expect(done).toMatchObject({ dryRun: false, created: 9, updated: 1, skipped: 0 });
    const channels = value(await v.call(v.admin, 'channel.list', {}));
    expect(channels).toHaveLength(17);
    expect(channels.find((c) => c.handle === 'Pendle Primary Academy Official')).toMatchObject({ platform: 'facebook', school: 'PPA', twoFactor: 'not-enabled', registrationEmail: 'social@ppa.example' });
    expect(channels.find((c) => c.handle === '@SHINEatPPA')).toMatchObject({ twoFactor: 'enabled', purpose: 'News and celebrations for parents', registrationEmail: 'social@ppa.example' });
    const people = value(await v.call(v.admin, 'person.list', {}));
    expect(people.find((p) => p.email === 'sam.jones@wchs.example')).toMatchObject({ role: 'staff', school: 'WCHS', consoleRole: null });
    const grants = value(await v.call(v.admin, 'access.list', {}));
    expect(grants.map((g) => `${g.holderEmail} ${g.channel}`).sort()).toEqual([
      'priya.patel@ppa.example facebook:Pendle Primary Academy Official',
      'priya.patel@ppa.example x:@SHINEatPPA',
      'tom.walsh@pet.example linkedin:pet-careers',
      'tom.walsh@pet.example x:@SHINEatPPA',
    ]);

    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'import.register' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { created: 9, updated: 1, skipped: 0, channels: 2, people: 3, holders: 4 } });
    expect(value(await v.call(v.admin, 'audit.list', { action: 'access.grant' }))).toHaveLength(4);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'person.add' })).length).toBeGreaterThanOrEqual(3);
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });

    // The same file again changes nothing: every row is already there.
    const again = value(await v.call(v.admin, 'import.register', { csv, dryRun: false }));
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 10 });
    expect(again.rows.find((r) => r.kind === 'holder')?.detail).toBe('already holds the login details');
  });

  it('reads the template under resources/ as it stands', async () => {
    const csv = readFileSync(new URL('../../resources/imports/register-template.csv', import.meta.url), 'utf8');
    const preview = value(await v.call(v.admin, 'import.register', { csv, dryRun: true }));
    expect(preview.rows.map((r) => `${r.kind} ${r.action}`)).toEqual(['channel update', 'channel update', 'person create', 'person create', 'holder create', 'holder create', 'holder create']);
  });

  it('refuses a register file with a bad row, an unknown school or a duplicate handle, naming the line, and writes nothing', async () => {
    const before = databaseBytes(v);
    const bad = errorOf(await v.call(v.admin, 'import.register', { csv: fixture('register-bad-row.csv'), dryRun: false }));
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'csv' });
    expect(bad.message).toMatch(/^The register file has a problem, so nothing was imported or changed:\n {2}line 7: The email address must look like/);

    const school = errorOf(await v.call(v.admin, 'import.register', { csv: fixture('register-unknown-school.csv'), dryRun: false }));
    expect(school.message).toContain('line 3: the school column names a school that is not in the vault (known codes: CAS, CPA, CTN, PPA, WCHS)');
    expect(school.message).toContain('line 4: the school column names a school');
    expect(school.message).toContain('2 problems');

    const duplicate = errorOf(await v.call(v.admin, 'import.register', { csv: fixture('register-duplicate-handle.csv'), dryRun: true }));
    expect(duplicate.message).toContain('line 3: this channel (its platform and handle) is already on line 2');

    const shifted = errorOf(await v.call(v.admin, 'import.register', { csv: 'kind,name,email,role,school,platform\nperson,Ann,ann@pet.example,core-team,,x\n', dryRun: false }));
    expect(shifted.message).toContain('line 2: platform is not used on a person row');
    const missing = errorOf(await v.call(v.admin, 'import.register', { csv: 'kind,email,platform,handle\nholder,nobody@pet.example,x,@pendleeducation\n', dryRun: false }));
    expect(missing.message).toContain('line 2: the email column names someone who is not on the register or in this file');

    expect(databaseBytes(v)).toBe(before);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'import.register' }))).toEqual([]);
  });

  it('previews a Bitwarden export without touching the database or the keychain, then stores the secrets a holder can reveal', async () => {
    const content = fixture('bitwarden.json');
    const dbBefore = databaseBytes(v);
    const keysBefore = await keychainSnapshot(v);
    const preview = value(await v.call(v.admin, 'import.credentials', { format: 'bitwarden-json', content, dryRun: true }));
    expect(databaseBytes(v)).toBe(dbBefore);
    expect(await keychainSnapshot(v)).toEqual(keysBefore);

    expect(preview).toMatchObject({ dryRun: true, format: 'bitwarden-json', created: 4, replaced: 0, skipped: 5 });
    const byEntry = Object.fromEntries(preview.entries.map((e) => [e.entry, e]));
    expect(byEntry['PPA Twitter']).toMatchObject({
      line: 8,
      channel: 'x:@SHINEatPPA',
      action: 'create',
      sets: [
        { item: 'password', change: 'create' },
        { item: '2fa-key', change: 'create' },
        { item: 'username', change: 'create' },
      ],
    });
    expect(byEntry['WCHS Facebook page']).toMatchObject({ channel: 'facebook:West Craven High School', action: 'create' });
    expect(byEntry['Castercliff Twitter @SHINEatCPA']).toMatchObject({ channel: 'x:@SHINEatCPA', action: 'create' });
    expect(byEntry['Canva for Education']).toMatchObject({ action: 'skip', channel: null, detail: expect.stringContaining('not the login of a social media channel') });
    expect(byEntry['Old Twitter account']).toMatchObject({ action: 'skip', detail: 'x:PendleOldNews (from its web address) is not a channel in the vault' });
    expect(byEntry['PET @pendleeducationtrust']?.detail).toMatch(/could be any of .*instagram:@pendleeducationtrust.*linkedin:@pendleeducationtrust/);
    expect(byEntry['Wi-Fi for visitors']).toMatchObject({ action: 'skip', detail: 'not a login (a secure note)' });
    expect(byEntry['Trust purchase card']).toMatchObject({ action: 'skip', detail: 'not a login (a card)' });
    // The preview never carries a value.
    expect(JSON.stringify(preview)).not.toMatch(/Bw-|JBSWY3DP|gezd/);

    const done = value(await v.call(v.admin, 'import.credentials', { format: 'bitwarden-json', content, dryRun: false }));
    expect(done).toMatchObject({ dryRun: false, created: 4, skipped: 5 });
    // Only a holder may read them back, through the ordinary reveal path: the importer holds what they imported.
    for (const channel of ['x:@SHINEatPPA', 'instagram:@pendleprimaryacademy']) {
      expect(value(await v.call(v.admin, 'access.list', { channel })).map((g) => [g.holderEmail, g.pending])).toEqual([[ADMIN.email, null]]);
    }
    expect(await reveal(v, 'x:@SHINEatPPA')).toBe('Bw-PPA-X-pass-4f1c9e');
    expect(await reveal(v, 'instagram:@pendleprimaryacademy')).toBe('Bw-PPA-IG-pass-8d2a7b');
    const code = value(await v.call(v.admin, 'totp.code', { channel: 'instagram:@pendleprimaryacademy', reason: 'Checking the import' }));
    const expected = await totpCode({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 30 }, v.clock.now().getTime());
    expect(code.code).toBe(expected.code);
    // The importer holds what they imported, and nothing else.
    const refused = errorOf(await v.call(v.admin, 'secret.reveal', { channel: 'x:@pendleeducation', kind: 'password', reason: 'Not a holder' }));
    expect(refused.code).toBe('forbidden');
    const channels = value(await v.call(v.admin, 'channel.list', {}));
    expect(channels.find((c) => c.handle === '@SHINEatPPA')).toMatchObject({ registrationEmail: 'social@ppa.example', secrets: ['password', 'totp'] });

    const events = value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
    const summary = events.find((e) => e.action === 'import.credentials');
    expect(summary).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { format: 'bitwarden-json', created: 4, skipped: 5, passwords: 4, twoFactorKeys: 2, registrationEmails: 3 } });
    const sets = events.filter((e) => e.action === 'secret.set' && e.details.from === 'import');
    expect(sets).toHaveLength(6);
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('leaves no imported secret in the database, its WAL, the logs or the audit trail', async () => {
    for (const [format, name] of [['bitwarden-json', 'bitwarden.json'], ['keepass-xml', 'keepass.xml'], ['csv', 'credentials.csv']] as const) {
      value(await v.call(v.admin, 'import.credentials', { format, content: fixture(name), dryRun: true }));
      value(await v.call(v.admin, 'import.credentials', { format, content: fixture(name), dryRun: false }));
    }
    // A refused file, and a failed reveal, must not echo a value either.
    const refused = errorOf(await v.call(v.admin, 'import.credentials', { format: 'csv', content: fixture('credentials-bad-totp.csv'), dryRun: false }));
    expect(await reveal(v, 'x:@pendleeducation')).toBe('Kp-PET-X-pass-<9f2&b>');
    const events = value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
    expect(events.filter((e) => e.action === 'secret.set')).toHaveLength(17);
    expect(filesUnder(v.dataDir).some((f) => f.path.endsWith('-wal'))).toBe(true);
    expect(leaks(v, JSON.stringify(events) + refused.message)).toEqual([]);
    await v.core.close();
    expect(leaks(v, '')).toEqual([]);
  });

  it('imports a KeePass 2 XML export: nested groups, both kinds of TOTP, history and recycle bin left out', async () => {
    const content = fixture('keepass.xml');
    const preview = value(await v.call(v.admin, 'import.credentials', { format: 'keepass-xml', content, dryRun: false }));
    expect(preview.entries.map((e) => [e.line, e.entry, e.channel, e.action])).toEqual([
      [23, 'Trust/PET Twitter', 'x:@pendleeducation', 'create'],
      [71, 'Trust/PET LinkedIn page', 'linkedin:@pendleeducationtrust', 'create'],
      [97, 'Schools/Pendle Primary/YouTube channel', 'youtube:@PendlePrimaryAcademy', 'create'],
      [132, 'Schools/Casterton/Instagram', 'instagram:@castertonprimaryacademy', 'create'],
      [156, 'Recycle Bin/Old Castercliff Twitter', null, 'skip'],
    ]);
    expect(preview.entries[4]?.detail).toBe('in the recycle bin');
    // The current password, not the one in the entry's history; XML escapes undone.
    expect(await reveal(v, 'x:@pendleeducation')).toBe('Kp-PET-X-pass-<9f2&b>');
    const code = value(await v.call(v.admin, 'totp.code', { channel: 'youtube:@PendlePrimaryAcademy', reason: 'Checking the import' }));
    expect(code).toMatchObject({ period: 60 });
    const expected = await totpCode({ secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA1', digits: 8, period: 60 }, v.clock.now().getTime());
    expect(code.code).toBe(expected.code);
    expect(code.code).toHaveLength(8);
  });

  it('imports the plain CSV, replacing what is stored, and says which it creates and which it replaces', async () => {
    value(await v.call(v.admin, 'secret.set', { channel: 'x:@_CPAcademy_', kind: 'password', value: 'Csv-old-password-1' }));
    const preview = value(await v.call(v.admin, 'import.credentials', { format: 'csv', content: fixture('credentials.csv'), dryRun: true }));
    expect(preview.entries.map((e) => [e.line, e.channel, e.action, e.sets.map((s) => `${s.item}:${s.change}`).join(' ')])).toEqual([
      [2, 'x:@_CPAcademy_', 'replace', 'password:replace username:create'],
      [3, 'facebook:Colne Primet Academy', 'create', 'password:create 2fa-key:create username:create'],
      [4, 'x:@SHINECasterton', 'create', 'password:create 2fa-key:create'],
      [5, null, 'skip', ''],
    ]);
    value(await v.call(v.admin, 'import.credentials', { format: 'csv', content: fixture('credentials.csv'), dryRun: false }));
    expect(await reveal(v, 'facebook:Colne Primet Academy')).toBe('Csv-CPA-FB-pass, with comma');
    expect(await reveal(v, 'x:@_CPAcademy_')).toBe('Csv-CPA-X-pass-91ab3f');
    const rotations = value(await v.call(v.admin, 'audit.list', { action: 'secret.rotate' }));
    expect(rotations).toMatchObject([{ channel: 'x:@_CPAcademy_', details: { kind: 'password', from: 'import', format: 'csv' } }]);
  });

  it('refuses malformed and encrypted exports with the line and what to do, writing nothing', async () => {
    const before = databaseBytes(v);
    const keysBefore = await keychainSnapshot(v);
    const badJson = errorOf(await v.call(v.admin, 'import.credentials', { format: 'bitwarden-json', content: fixture('bad.json'), dryRun: false }));
    expect(badJson).toMatchObject({ code: 'invalid_input', field: 'content' });
    expect(badJson.message).toMatch(/^The Bitwarden export has a problem, so nothing was imported or changed:\n {2}line 12: not valid JSON/);
    const encrypted = errorOf(await v.call(v.admin, 'import.credentials', { format: 'bitwarden-json', content: fixture('bitwarden-encrypted.json'), dryRun: false }));
    expect(encrypted.message).toContain('this is an encrypted Bitwarden export');
    expect(encrypted.message).toContain('".json" (not ".json (Encrypted)")');
    const notKeePass = errorOf(await v.call(v.admin, 'import.credentials', { format: 'keepass-xml', content: fixture('not-keepass.xml'), dryRun: false }));
    expect(notKeePass.message).toContain('this XML is not a KeePass 2 export');
    const broken = errorOf(await v.call(v.admin, 'import.credentials', { format: 'keepass-xml', content: '<KeePassFile><Root><Group></Root></KeePassFile>', dryRun: false }));
    expect(broken.message).toContain('line 1: this is not well-formed XML');
    const wrongFormat = errorOf(await v.call(v.admin, 'import.credentials', { format: 'keepass-xml', content: fixture('bitwarden.json'), dryRun: true }));
    expect(wrongFormat.message).toContain('not well-formed XML');
    expect(wrongFormat.message).not.toContain('Bw-');

    // The good row on line 2 is not stored either: the bad 2FA key on line 3 stops the whole file.
    const badTotp = errorOf(await v.call(v.admin, 'import.credentials', { format: 'csv', content: fixture('credentials-bad-totp.csv'), dryRun: false }));
    expect(badTotp.message).toMatch(/line 3: the 2FA key of "Casterton Twitter" \(for x:@SHINECasterton\) cannot be used/);
    expect(badTotp.message).not.toContain('not-a-key');
    const tooBig = errorOf(await v.call(v.admin, 'import.credentials', { format: 'csv', content: 'x'.repeat(5 * 1024 * 1024 + 1), dryRun: true }));
    expect(tooBig).toMatchObject({ field: 'content', message: 'The file must be at most 5 MB.' });

    expect(databaseBytes(v)).toBe(before);
    expect(await keychainSnapshot(v)).toEqual(keysBefore);
  });

  it('puts the keychain back as it was when the database step of an import fails', async () => {
    value(await v.call(v.admin, 'secret.set', { channel: 'x:@_CPAcademy_', kind: 'password', value: 'Csv-kept-password' }));
    const keysBefore = await keychainSnapshot(v);
    // Make the database refuse the second half of the import (the rotation row), as a full disk would.
    const db = openDatabase(databasePath(v.dataDir), { create: false });
    db.exec("CREATE TRIGGER refuse_rotation BEFORE UPDATE ON secrets BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    db.close();
    const failed = await v.call(v.admin, 'import.credentials', { format: 'csv', content: fixture('credentials.csv'), dryRun: false });
    expect(failed.ok).toBe(false);
    expect(await keychainSnapshot(v)).toEqual(keysBefore);
    const channels = value(await v.call(v.admin, 'channel.list', {}));
    expect(channels.filter((c) => c.secrets.length > 0).map((c) => `${c.platform}:${c.handle}`)).toEqual(['x:@_CPAcademy_']);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'import.credentials' }))).toEqual([]);
  });

  it('is for administrators only', async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@pet.example', role: 'core-team', consoleRole: 'poster', passphrase: 'poster passphrase 1' }));
    const poster = await v.signIn('pat@pet.example', 'poster passphrase 1');
    expect(errorOf(await v.call(poster, 'import.credentials', { format: 'csv', content: fixture('credentials.csv'), dryRun: true })).code).toBe('forbidden');
    expect(errorOf(await v.call(poster, 'import.register', { csv: fixture('register.csv'), dryRun: true })).code).toBe('forbidden');
  });
});

describe('custodian import', () => {
  const dir = tempDir('custodian-import-cli-');
  const env = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  beforeAll(() => {
    expect(custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], { env }).code).toBe(0);
    expect(custodian(['example', 'load'], { env }).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('previews, imports and refuses with line numbers from the command line', () => {
    const dry = custodian(['import', 'register', fixturePath('register.csv'), '--dry-run'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^LINE\s+KIND\s+WHAT\s+ACTION\s+DETAIL/);
    expect(dry.stdout).toMatch(/4\s+channel\s+facebook:Pendle Primary Academy Official\s+create/);
    expect(dry.stderr).toContain('Dry run: 9 to create, 1 to update, 0 to skip. Nothing was changed');
    expect(JSON.parse(custodian(['channel', 'list', '--json'], { env }).stdout)).toHaveLength(15);

    const bad = custodian(['import', 'register', fixturePath('register-bad-row.csv')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 7: The email address must look like');

    const creds = custodian(['import', 'credentials', fixturePath('keepass.xml'), '--dry-run'], { env });
    expect(creds.code, creds.stderr).toBe(0);
    expect(creds.stdout).toMatch(/Trust\/PET Twitter\s+x:@pendleeducation\s+create\s+password \(new\), 2FA key \(new\)/);
    expect(creds.stdout).not.toContain('Kp-');

    const badTotp = custodian(['import', 'credentials', fixturePath('credentials-bad-totp.csv'), '--format', 'csv'], { env });
    expect(badTotp.code).toBe(1);
    expect(badTotp.stderr).toContain('line 3: the 2FA key of "Casterton Twitter"');
    const unknown = custodian(['import', 'credentials', fixturePath('bad.json'), '--format', 'lastpass'], { env });
    expect(unknown.code).toBe(2);

    const applied = custodian(['import', 'credentials', fixturePath('bitwarden.json')], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('Imported: 4 channel(s) set, 0 replaced, 5 entries skipped.');
    const out = join(dir.path, 'register-copy.csv');
    writeFileSync(out, fixture('register.csv'));
    expect(custodian(['import', 'register', out], { env }).code).toBe(0);
    expect(JSON.parse(custodian(['channel', 'list', '--json'], { env }).stdout)).toHaveLength(17);
  });
});
