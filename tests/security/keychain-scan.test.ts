import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassphrase } from '../../electron/core/auth/passphrase';
import { base32Encode } from '../../electron/core/credentials/base32';
import { openPersonKeys, type PersonKeys } from '../../electron/core/keys/person-key';
import { decryptSecret, openWrap } from '../../electron/core/keys/secret-crypto';
import { sodiumReady, wipe } from '../../electron/core/keys/sodium';
import { vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * Done when (issue 13): "a same-user program reading the whole keychain and database finds no
 * password, TOTP seed or recovery code and nothing that opens one without a holder's passphrase
 * or the kit". This test is that program. It lists every keychain entry of the vault's service
 * the way any program of the same user can (secret-tool, cross-checked with keytar), reads every
 * file of the data folder as bytes, then tries every 32-byte value it found as every key it might
 * be. Only the real passphrase, which neither holds, opens anything: the positive control.
 */

const CHANNELS = ['instagram:@pendleprimaryacademy', 'x:@pendleeducation'] as const;
const KINDS = ['password', 'totp', 'recovery-codes'] as const;
const PEOPLE = [
  { name: 'Priya Poster', email: 'priya.poster@pet.example', passphrase: `Priya-${randomBytes(8).toString('hex')}` },
  { name: 'Sam Schoolcomms', email: 'sam.comms@pet.example', passphrase: `Sam-${randomBytes(8).toString('hex')}` },
];

interface Entry {
  account: string;
  value: string;
}

/** Every entry of one keychain service as `secret-tool search --all` prints it (one line per field). */
function secretToolEntries(service: string): Entry[] {
  const run = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
  if (run.error) throw new Error(`secret-tool did not run (Debian package libsecret-tools): ${run.error.message}`);
  const entries: Entry[] = [];
  for (const block of run.stdout.split(/^\[\/[^\]]*\]$/m).slice(1)) {
    const label = /^label = (.*)$/m.exec(block)?.[1] ?? '';
    const secret = /^secret = (.*)$/m.exec(block)?.[1];
    if (secret !== undefined) entries.push({ account: label.slice(service.length + 1), value: secret });
  }
  return entries;
}

/** Every file under a folder, as raw bytes: the database, its -wal and -shm, backups. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** Every way a text could be 32 bytes of key: hex, base64, or its own bytes. */
function as32Bytes(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (/^[0-9a-f]{64}$/i.test(text)) out.push(new Uint8Array(Buffer.from(text, 'hex')));
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) out.push(new Uint8Array(Buffer.from(text, 'base64')));
  if (Buffer.byteLength(text) === 32) out.push(new Uint8Array(Buffer.from(text)));
  return out;
}

const uniqueKeys = (keys: Uint8Array[]): Uint8Array[] => [...new Map(keys.map((k) => [Buffer.from(k).toString('hex'), k])).values()];

describe('a same-user program that reads the whole keychain and the database', () => {
  let v: TestVault;
  let vaultId: string;
  let entries: Entry[];
  const planted: { channel: string; kind: string; value: string }[] = [];
  const seeds: string[] = [];
  let filesWhileOpen: { path: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    await sodiumReady();
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    for (const person of PEOPLE) {
      value(await v.call(v.admin, 'person.add', { name: person.name, email: person.email, role: 'core-team', consoleRole: 'poster', passphrase: person.passphrase }));
    }
    for (const channel of CHANNELS) {
      const seed = base32Encode(randomBytes(20));
      seeds.push(seed);
      const values = { password: `pw-${randomBytes(12).toString('hex')}`, totp: seed, 'recovery-codes': `rc-${randomBytes(12).toString('hex')}` };
      for (const kind of KINDS) {
        value(await v.call(v.admin, 'secret.set', { channel, kind, value: values[kind] }));
        planted.push({ channel, kind, value: values[kind] });
      }
      for (const person of PEOPLE) value(await v.call(v.admin, 'access.grant', { channel, email: person.email }));
    }
    // The grantees make their keys at sign-in; the administrator's next call (a holder at work) seals the channels to them.
    const tokens = [];
    for (const person of PEOPLE) tokens.push(await v.signIn(person.email, person.passphrase));
    value(await v.call(v.admin, 'dashboard.summary', {}));
    expect(value(await v.call(v.admin, 'access.list', {})).map((g) => g.pending)).toEqual(Array(CHANNELS.length * (PEOPLE.length + 1)).fill(null));
    for (const token of [v.admin, ...tokens]) {
      for (const channel of CHANNELS) {
        const password = planted.find((p) => p.channel === channel && p.kind === 'password')?.value;
        expect(value(await v.call(token, 'secret.reveal', { channel, kind: 'password', reason: 'Keychain scan' })).value).toBe(password);
        value(await v.call(token, 'totp.code', { channel, reason: 'Keychain scan' }));
      }
    }
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
    db.close();
    // The files as they are while the vault is open (with its -wal), and again once it is closed.
    filesWhileOpen = filesUnder(v.dataDir);
    await v.core.close();
    entries = secretToolEntries(vaultService(vaultId));
  }, 60_000);
  afterAll(async () => v.close());

  it('lists every keychain entry of the vault, the same two ways', async () => {
    const viaKeytar = await keytar.findCredentials(vaultService(vaultId));
    const sorted = (list: Entry[]) => list.map((e) => `${e.account}=${e.value}`).sort();
    expect(sorted(entries)).toEqual(sorted(viaKeytar.map((c) => ({ account: c.account, value: c.password }))));
    // The listing reached what it is about: the three person keys, and no plain channel secret.
    expect(entries.filter((e) => /^person-\d+-key$/.test(e.account))).toHaveLength(PEOPLE.length + 1);
    expect(entries.filter((e) => /^channel-\d+-(password|totp|recovery-codes)$/.test(e.account))).toEqual([]);
  });

  it('finds no planted value and no TOTP seed in any keychain entry or any file of the data folder', () => {
    const files = [...filesWhileOpen, ...filesUnder(v.dataDir)];
    expect(filesWhileOpen.some((f) => f.path === `${databasePath(v.dataDir)}-wal` && f.bytes.length > 0)).toBe(true);
    expect(files.some((f) => f.path === databasePath(v.dataDir))).toBe(true);
    const needles = [
      ...planted.map((p) => p.value),
      ...seeds.flatMap((seed) => [seed, seed.toLowerCase(), Buffer.from(seed).toString('base64')]),
      ...PEOPLE.map((p) => p.passphrase),
      ADMIN.passphrase,
    ];
    const hits: string[] = [];
    for (const needle of needles) {
      for (const entry of entries) if (entry.value.includes(needle)) hits.push(`keychain ${entry.account}: ${needle.slice(0, 6)}…`);
      for (const file of files) if (file.bytes.includes(Buffer.from(needle))) hits.push(`${file.path}: ${needle.slice(0, 6)}…`);
    }
    expect(hits).toEqual([]);
  });

  it('opens no person key, no wrap and no ciphertext with anything it found', () => {
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const operators = db.prepare('SELECT person_id, passphrase_hash FROM operators').all() as { person_id: number; passphrase_hash: string }[];
    const keys = db.prepare('SELECT id, person_id, box_public, sign_public FROM person_keys WHERE retired_at IS NULL').all() as { id: number; person_id: number; box_public: string; sign_public: string }[];
    const wraps = db.prepare('SELECT channel_id, kind, version, recipient, sealed_key FROM secret_wraps').all() as { channel_id: number; kind: string; version: number; recipient: string; sealed_key: string }[];
    const versions = db.prepare('SELECT channel_id, kind, version, nonce, ciphertext FROM secret_versions').all() as { channel_id: number; kind: string; version: number; nonce: string; ciphertext: string }[];
    // Every text cell of every table: whatever in the database could be 32 bytes of key.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const cells = tables.flatMap((table) => (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) => Object.values(row)));
    db.close();
    expect(wraps).toHaveLength(CHANNELS.length * KINDS.length * (PEOPLE.length + 1));

    const verifiers = operators.flatMap((o) => o.passphrase_hash.split('$').slice(4).map((part) => new Uint8Array(Buffer.from(part, 'base64'))));
    expect(verifiers.filter((bytes) => bytes.length === 32)).toHaveLength(operators.length);
    const candidates = uniqueKeys([
      ...verifiers,
      ...entries.flatMap((e) => as32Bytes(e.value)),
      ...cells.flatMap((cell) => (typeof cell === 'string' ? cell.split(/[$.:"\s,]/).flatMap(as32Bytes) : [])),
      ...cells.flatMap((cell) => (typeof cell === 'string' ? as32Bytes(cell) : [])),
    ]);
    expect(candidates.length).toBeGreaterThan(operators.length + 2 * keys.length);

    const personEntries = entries.filter((e) => /^person-\d+-key$/.test(e.account));
    const opened: string[] = [];
    for (const entry of personEntries) {
      const personId = Number(/^person-(\d+)-key$/.exec(entry.account)?.[1]);
      const key = keys.find((k) => k.person_id === personId);
      expect(key, entry.account).toBeDefined();
      if (key === undefined) continue;
      const publics = { keyId: key.id, boxPublic: key.box_public, signPublic: key.sign_public };
      for (const candidate of candidates) {
        const keysOpened = openPersonKeys(entry.value, candidate, vaultId, personId, publics);
        if (keysOpened !== null) opened.push(`person key of ${personId}`);
      }
    }
    for (const wrap of wraps) {
      const personId = Number(wrap.recipient.slice('person:'.length));
      const boxPublic = new Uint8Array(Buffer.from(keys.find((k) => k.person_id === personId)?.box_public ?? '', 'base64'));
      for (const candidate of candidates) {
        if (openWrap(wrap.sealed_key, { boxPublic, boxSecret: candidate }) !== null) opened.push(`wrap ${wrap.channel_id}/${wrap.kind} of ${wrap.recipient}`);
      }
    }
    for (const version of versions) {
      const ref = { vaultId, channelId: version.channel_id, kind: version.kind, version: version.version };
      for (const candidate of candidates) {
        try {
          decryptSecret(candidate, version, ref);
          opened.push(`ciphertext ${version.channel_id}/${version.kind}`);
        } catch {
          // The expected outcome: not the key.
        }
      }
    }
    expect(opened).toEqual([]);
  });

  it('would notice: the real passphrase opens the key, the wrap and the value (positive control)', async () => {
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const person = db.prepare('SELECT p.id, o.passphrase_hash FROM people p JOIN operators o ON o.person_id = p.id WHERE p.email = ?').get(PEOPLE[0]!.email) as { id: number; passphrase_hash: string };
    const key = db.prepare('SELECT id, box_public, sign_public FROM person_keys WHERE person_id = ? AND retired_at IS NULL').get(person.id) as { id: number; box_public: string; sign_public: string };
    const password = planted.find((p) => p.channel === CHANNELS[0] && p.kind === 'password')!;
    const wrap = db
      .prepare("SELECT w.channel_id, w.version, w.sealed_key FROM secret_wraps w JOIN channels c ON c.id = w.channel_id WHERE w.kind = 'password' AND w.recipient = ? AND c.handle = ?")
      .get(`person:${person.id}`, CHANNELS[0].split(':')[1]) as { channel_id: number; version: number; sealed_key: string };
    const version = db.prepare("SELECT nonce, ciphertext FROM secret_versions WHERE channel_id = ? AND kind = 'password' AND version = ?").get(wrap.channel_id, wrap.version) as { nonce: string; ciphertext: string };
    db.close();

    const checked = await checkPassphrase(PEOPLE[0]!.passphrase, person.passphrase_hash);
    expect(checked.ok && checked.sealingKey !== null).toBe(true);
    if (!checked.ok || checked.sealingKey === null) return;
    const entry = entries.find((e) => e.account === `person-${person.id}-key`)!;
    const keys: PersonKeys | null = openPersonKeys(entry.value, checked.sealingKey, vaultId, person.id, { keyId: key.id, boxPublic: key.box_public, signPublic: key.sign_public });
    expect(keys).not.toBeNull();
    const sk = keys === null ? null : openWrap(wrap.sealed_key, keys);
    expect(sk).not.toBeNull();
    if (sk === null) return;
    expect(decryptSecret(sk, version, { vaultId, channelId: wrap.channel_id, kind: 'password', version: wrap.version })).toBe(password.value);
    wipe(sk, checked.sealingKey);
  });
});
