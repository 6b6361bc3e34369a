import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { checkPassphrase, hashPassphrase } from '../../electron/core/auth/passphrase';
import { Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { personPublicKeys } from '../../electron/core/keys/keys.repo';
import { openPersonKeys, type PersonKeys } from '../../electron/core/keys/person-key';
import { openSecret } from '../../electron/core/keys/secret-keys';
import { sodiumReady } from '../../electron/core/keys/sodium';
import { bundledMigrations, type Migration } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { BACKUP_EXT } from '../../electron/core/backup/backup-files';
import { backupFolder } from '../../electron/core/backup/backup-folder';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, VaultSecrets } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { bundleChild, REPO_ROOT } from '../support/core-bundle';
import type { CrashOp, CrashPlan } from '../support/crash-writer.child';
import { seededRandom, seedFromEnv } from '../support/seeded-random';
import { ADMIN, createTestVault, tempDir, testClock, value, type TestVault } from '../support/test-vault';

/**
 * kill -9 at random points: a writer process (the real core, the real keychain) makes mixed
 * changes and prints each one the core acknowledged; the test kills it without warning, then
 * looks at what a user would find: every acknowledged change still there, SQLite's integrity
 * check clean, the audit trail verifying through the core. Then the same while a vault one
 * version old is migrated: afterwards it is at the old or the new version, never between,
 * and opens. CUSTODIAN_SOAK=1 kills ten times as often; CUSTODIAN_CRASH_SEED replays a run.
 */

const SOAK = process.env.CUSTODIAN_SOAK === '1';
const WRITER_KILLS = SOAK ? 300 : 25;
const MIGRATION_KILLS = SOAK ? 100 : 12;
const VERIFY_EVERY = SOAK ? 25 : 5;

interface ChildRun {
  lines: string[];
  /** When each line arrived (performance.now()), by line. */
  at: Record<string, number>;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the writer and SIGKILLs it `killAfterMs` after it prints `killFrom` (or lets it finish
 * when killAfterMs is null). Every line it printed before dying is kept.
 */
function runWriter(
  bundle: string,
  mode: 'write' | 'migrate',
  dataDir: string,
  plan: CrashPlan,
  kill: { from: string; afterMs: number; watch?: string } | null,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, mode, dataDir, JSON.stringify(plan)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const at: Record<string, number> = {};
    let partial = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const killNow = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        at[line] = performance.now();
        if (kill !== null && line === kill.from) setTimeout(killNow, kill.afterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (kill !== null && kill.from === 'SPAWN') setTimeout(killNow, kill.afterMs);
    // 'FILE': counted from the moment a finished file appears in the watched folder.
    const watcher =
      kill?.watch === undefined
        ? null
        : watch(kill.watch, (_event, name) => {
            if (name !== null && !name.startsWith('.') && name.endsWith(BACKUP_EXT)) {
              watcher?.close();
              setTimeout(killNow, kill.afterMs);
            }
          });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      watcher?.close();
      // A line cut off by the kill was never acknowledged: only whole lines count.
      resolve({ lines, at, code, signal, stderr });
    });
  });
}

const integrity = (db: Database.Database) => db.pragma('integrity_check', { simple: true });

async function verifyThroughCore(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, secretStore: createKeytarStore() });
  try {
    const token = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    const verified = value(await core.call(token, 'audit.verify', {}));
    expect(verified, JSON.stringify(verified)).toMatchObject({ ok: true });
  } finally {
    await core.close();
  }
}

describe('kill -9 during mixed writes', () => {
  const seed = seedFromEnv('CUSTODIAN_CRASH_SEED');
  const random = seededRandom(seed);
  const replay = `replay with CUSTODIAN_CRASH_SEED=${seed}`;
  let v: TestVault;
  let bundle: string;
  let plan: Omit<CrashPlan, 'round' | 'seed'>;
  let secrets: VaultSecrets;
  let vaultId: string;
  let channelIds: Map<string, number>;
  /** The administrator's own key, opened as their sign-in does: it reads what they set. */
  let adminKeys: PersonKeys;

  beforeAll(async () => {
    bundle = await bundleChild('tests/support/crash-writer.child.ts', 'crash-writer');
    v = await createTestVault({ clock: testClock(new Date()) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    const holders = ['kill.one@trust.example', 'kill.two@trust.example', 'kill.three@trust.example'];
    for (const [i, email] of holders.entries()) value(await v.call(v.admin, 'person.add', { name: `Holder ${i + 1}`, email, role: 'core-team' }));
    const channels = value(await v.call(v.admin, 'channel.list', {})).slice(0, 4);
    channelIds = new Map(channels.map((c) => [`${c.platform}:${c.handle}`, c.id]));
    plan = { email: ADMIN.email, passphrase: ADMIN.passphrase, channels: [...channelIds.keys()], holders };
    await v.core.close();
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
    secrets = new VaultSecrets(createKeytarStore(), vaultId);
    const admin = db.prepare('SELECT p.id, o.passphrase_hash FROM operators o JOIN people p ON p.id = o.person_id WHERE p.email = ?').get(ADMIN.email) as { id: number; passphrase_hash: string };
    await sodiumReady();
    const checked = await checkPassphrase(ADMIN.passphrase, admin.passphrase_hash);
    const publics = await personPublicKeys(new SqliteDb(new Sql(db)), admin.id);
    const sealed = await secrets.get(ACCOUNTS.personKey(admin.id));
    const opened = checked.ok && checked.sealingKey !== null && publics !== undefined && sealed !== null ? openPersonKeys(sealed, checked.sealingKey, vaultId, admin.id, publics) : null;
    if (opened === null) throw new Error('the administrator key did not open');
    adminKeys = opened;
    db.close();
  }, 120_000);
  afterAll(async () => v?.close());

  it(`keeps every acknowledged change through ${WRITER_KILLS} kills`, async () => {
    /** What must be true, from the acknowledgements: 'either' while an unacknowledged call may have committed. */
    const grants = new Map<string, boolean | 'either'>();
    const passwords = new Map<string, { acknowledged: boolean; values: Set<string> }>();
    const rows: { table: 'inbox_items' | 'posts'; id: number; column: string; text: string }[] = [];
    let acknowledged = 0;
    let killedMidCall = 0;

    for (let round = 0; round < WRITER_KILLS; round += 1) {
      // Mostly while it writes; now and then while it starts, opens the vault or signs in.
      const kill = random() < 0.2 ? { from: 'SPAWN', afterMs: Math.floor(random() * 1200) } : { from: 'READY', afterMs: Math.floor(random() * 1000) };
      const run = await runWriter(bundle, 'write', v.dataDir, { ...plan, round, seed: Math.floor(random() * 2 ** 31) }, kill);
      expect(run.signal, `the writer stopped by itself (${replay}): ${run.stderr}`).toBe('SIGKILL');

      let inFlight: CrashOp | null = null;
      for (const line of run.lines) {
        if (line.startsWith('BEGIN ')) inFlight = JSON.parse(line.slice(6)) as CrashOp;
        if (!line.startsWith('ACK ')) continue;
        const ack = JSON.parse(line.slice(4)) as CrashOp & { result: { id: number } };
        inFlight = null;
        acknowledged += 1;
        const { input } = ack;
        if (ack.method === 'access.grant' || ack.method === 'access.revoke') grants.set(`${String(input.channel)} ${String(input.email)}`, ack.method === 'access.grant');
        if (ack.method === 'secret.set') passwords.set(String(input.channel), { acknowledged: true, values: new Set([String(input.value)]) });
        if (ack.method === 'inbox.add') rows.push({ table: 'inbox_items', id: ack.result.id, column: 'summary', text: String(input.summary) });
        if (ack.method === 'post.create') rows.push({ table: 'posts', id: ack.result.id, column: 'text', text: String(input.text) });
      }
      if (inFlight !== null) {
        killedMidCall += 1;
        const { input } = inFlight;
        if (inFlight.method === 'access.grant' || inFlight.method === 'access.revoke') grants.set(`${String(input.channel)} ${String(input.email)}`, 'either');
        if (inFlight.method === 'secret.set') {
          const known = passwords.get(String(input.channel));
          passwords.set(String(input.channel), { acknowledged: known?.acknowledged ?? false, values: new Set([...(known?.values ?? []), String(input.value)]) });
        }
      }

      const db = new Database(databasePath(v.dataDir));
      try {
        expect(integrity(db), replay).toBe('ok');
        for (const row of rows) {
          const found = db.prepare(`SELECT ${row.column} AS text FROM ${row.table} WHERE id = ?`).get(row.id) as { text: string } | undefined;
          expect(found?.text, `${row.table} ${row.id} acknowledged, then lost (${replay})`).toBe(row.text);
        }
        for (const [key, expected] of grants) {
          const [channel, email] = key.split(' ') as [string, string];
          const current = db
            .prepare('SELECT COUNT(*) AS n FROM access_grants g JOIN people p ON p.id = g.person_id WHERE g.channel_id = ? AND p.email = ? AND g.revoked_at IS NULL')
            .get(channelIds.get(channel), email) as { n: number };
          if (expected !== 'either') expect(current.n === 1, `${key}: acknowledged ${expected ? 'grant' : 'revoke'} lost (${replay})`).toBe(expected);
          grants.set(key, current.n === 1);
        }
        for (const [channel, { acknowledged: wasAcknowledged, values }] of passwords) {
          const id = channelIds.get(channel)!;
          const claimed = db.prepare("SELECT storage, version FROM secrets WHERE channel_id = ? AND kind = 'password'").get(id) as { storage: string; version: number } | undefined;
          // A set is one transaction (ciphertext, wraps, row, event): all of it, or none of it.
          if (wasAcknowledged) expect(claimed?.storage, `${channel}: acknowledged password not recorded (${replay})`).toBe('wrapped');
          if (claimed !== undefined) {
            const stored = await openSecret({ vaultId, data: new SqliteDb(new Sql(db)) }, adminKeys, id, 'password', claimed.version);
            expect(values.has(stored), `${channel}: the vault holds neither the acknowledged nor the in-flight password (${replay})`).toBe(true);
            passwords.set(channel, { acknowledged: true, values: new Set([stored]) });
          }
        }
      } finally {
        db.close();
      }
      if (round % VERIFY_EVERY === VERIFY_EVERY - 1 || round === WRITER_KILLS - 1) await verifyThroughCore(v.dataDir);
    }
    process.stdout.write(`crash: ${WRITER_KILLS} kills, ${acknowledged} acknowledged changes, ${killedMidCall} kills during a call\n`);
    expect(acknowledged).toBeGreaterThan(WRITER_KILLS);
    expect(killedMidCall).toBeGreaterThan(WRITER_KILLS / 3);
  }, 900_000);
});

describe('kill -9 while a vault one version old is migrated', () => {
  const seed = seedFromEnv('CUSTODIAN_MIGRATION_CRASH_SEED');
  const random = seededRandom(seed);
  const replay = `replay with CUSTODIAN_MIGRATION_CRASH_SEED=${seed}`;
  const all = bundledMigrations();
  const older = all.slice(0, -1);
  const template = tempDir('custodian-migration-template-');
  const scratch = tempDir('custodian-migration-crash-');
  let bundle: string;
  let secrets: VaultSecrets;
  let anchor: string;
  let events: number;

  /** The tables, indexes and triggers of a new database at each version, to compare with. */
  const schemaAt = async (migrations: readonly Migration[]) => {
    const db = new Database(':memory:');
    await migrate(db, migrations, { backupDir: join(scratch.path, 'unused'), now: new Date() });
    const names = objects(db);
    db.close();
    return names;
  };
  const objects = (db: Database.Database) =>
    (db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string }[]).map((o) => `${o.type} ${o.name}`);

  beforeAll(async () => {
    bundle = await bundleChild('tests/support/crash-writer.child.ts', 'crash-writer');
    // A vault made by the previous version of Custodian, with a trail big enough that the
    // pre-migration backup and the migration take a while.
    const host = new VaultHost(template.path, createKeytarStore(), testClock(new Date()), () => {}, undefined, older);
    const vault = await host.create({ trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphraseHash: await hashPassphrase(ADMIN.passphrase) });
    const file = vault.file!;
    file.sql.transaction(() => {
      for (let i = 0; i < 30_000; i += 1) file.audit.appendSync({ actorId: 1, action: 'secret.reveal', target: `channel:${(i % 9) + 1}`, reason: `Checking the page ${i}`, outcome: 'ok', details: { i } });
    });
    secrets = vault.secrets;
    await host.close();
    anchor = (await secrets.get(ACCOUNTS.auditAnchor))!;
    const db = new Database(databasePath(template.path));
    events = (db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }, 120_000);
  afterAll(() => {
    template.remove();
    scratch.remove();
  });

  /**
   * Every copy shares the template's keychain entries: its anchor, and no trust root (the first
   * administrator sign-in of a vault from before certificates makes one, in that copy only).
   */
  const startOver = async () => {
    await secrets.set(ACCOUNTS.auditAnchor, anchor);
    await secrets.delete(ACCOUNTS.trustRootPublic);
    await secrets.delete(ACCOUNTS.trustRootSealed);
  };

  it(`leaves the vault at the old or the new version through ${MIGRATION_KILLS} kills, and it opens`, async () => {
    const [oldSchema, newSchema] = [await schemaAt(older), await schemaAt(all)];
    const plan: CrashPlan = { email: ADMIN.email, passphrase: ADMIN.passphrase, seed, round: 0, channels: [], holders: [] };
    // How long the writer takes from OPENING to OPENED (pre-migration backup, then the
    // migration), undisturbed, to kill within that window and a little after it.
    const timing = join(scratch.path, 'timing');
    cpSync(template.path, timing, { recursive: true });
    const clean = await runWriter(bundle, 'migrate', timing, plan, null);
    expect(clean.lines, clean.stderr).toContain('SIGNED-IN');
    const openMs = clean.at.OPENED! - clean.at.OPENING!;
    await startOver();

    const seen = { old: 0, new: 0, oldAfterBackup: 0 };
    for (let round = 0; round < MIGRATION_KILLS; round += 1) {
      const dir = join(scratch.path, `round-${round}`);
      mkdirSync(dir);
      cpSync(template.path, dir, { recursive: true });
      // Half the kills anywhere in the open, half in the moments after the pre-migration
      // backup is written: while the migration's own transaction runs.
      mkdirSync(backupFolder(dir), { recursive: true });
      const kill =
        round % 2 === 0
          ? { from: 'OPENING', afterMs: Math.floor(random() * openMs * 1.25) }
          : { from: 'FILE', watch: backupFolder(dir), afterMs: Math.floor(random() * 6) };
      const run = await runWriter(bundle, 'migrate', dir, { ...plan, round }, kill);
      expect(run.signal === 'SIGKILL' || run.lines.includes('SIGNED-IN'), run.stderr).toBe(true);

      const db = new Database(databasePath(dir));
      try {
        expect(integrity(db), replay).toBe('ok');
        const version = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
        expect([older.length, all.length], replay).toContain(version);
        const atNew = version === all.length;
        seen[atNew ? 'new' : 'old'] += 1;
        // Old, with the pre-migration backup complete: killed in or just before the migration's transaction.
        const backups = existsSync(backupFolder(dir)) ? readdirSync(backupFolder(dir)).filter((name) => !name.startsWith('.') && name.endsWith(BACKUP_EXT)) : [];
        if (!atNew && backups.length > 0) seen.oldAfterBackup += 1;
        expect(objects(db), `the schema is between versions (${replay})`).toEqual(atNew ? newSchema : oldSchema);
        const count = (db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
        // The sign-in after the migration may have been recorded before the kill; nothing is lost.
        expect(count - events, replay).toBeGreaterThanOrEqual(0);
        expect(count - events, replay).toBeLessThanOrEqual(1);
      } finally {
        db.close();
      }
      // The copy opens with the full app: migrated if it was not yet, trail intact.
      await verifyThroughCore(dir);
      const db2 = new Database(databasePath(dir), { readonly: true });
      expect((db2.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(all.length);
      db2.close();
      // Each round starts from the same vault: its file, and its anchor in the keychain.
      await startOver();
    }
    process.stdout.write(`migration crash: ${MIGRATION_KILLS} kills within ${Math.round(openMs)} ms, old version ${seen.old} (${seen.oldAfterBackup} after the backup), new ${seen.new}\n`);
    expect(seen.old + seen.new).toBe(MIGRATION_KILLS);
  }, 900_000);
});
