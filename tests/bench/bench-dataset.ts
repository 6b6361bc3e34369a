import Database from 'better-sqlite3';
import { londonDate } from '../../shared/calendar/london-date';
import { platforms } from '../../shared/domain/enums';
import { handleKey } from '../../shared/domain/handle';
import { createCore, type Core } from '../../electron/core/app';
import { AuditLog } from '../../electron/core/audit/audit.repo';
import { Sql } from '../../electron/core/db/sql';
import type { Clock } from '../../electron/core/clock';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, VaultSecrets } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { tempDir } from '../support/test-vault';
import { certifyGrownOperators } from './bench-certificates';
import { addAuditEvents, querySamples } from './bench-trail';

/**
 * The example trust grown to the size issue 7 names. The start is real: vault.init, sign-in
 * and example.load --demo through the router. The growth is direct SQL in big transactions,
 * except the audit trail, which is a valid chain built with the audit code's own canonical
 * form (v2, with its commitments to names), hash and MAC (and the keychain anchor moved to its
 * head), so verify does real work. Every role and grant the growth writes is appended as its
 * own event through the app's AuditLog, so verify's replay of the register explains every row.
 * BENCH_SCALE (0 < s ≤ 1) shrinks every count, for trying the bench out quickly.
 */
const SCALE = Math.min(1, Math.max(0.001, Number(process.env.BENCH_SCALE ?? '1') || 1));
const scaled = (n: number, min: number) => Math.max(min, Math.round(n * SCALE));

export const SIZES = {
  schools: scaled(50, 6),
  channels: scaled(500, 20),
  people: scaled(2000, 60),
  grants: scaled(20_000, 200),
  auditEvents: scaled(1_000_000, 5000),
  posts: scaled(100_000, 200),
  /** Scheduled targets waiting in the publishing queue (two per future post). */
  queuedTargets: scaled(100_000, 100),
};

/** The trail covers five years, so one year holds about a fifth of it (200,000 events). */
const YEARS = 5;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
export const ADMIN = { name: 'Alex Admin', email: 'alex.admin@trust.example', passphrase: 'correct horse battery' };
const DEMO_PASSPHRASE = 'demo passphrase twenty six';

export interface QuerySample {
  school: string;
  channel: string;
  actor: string;
  since: string;
  until: string;
}

export interface BenchDataset {
  dataDir: string;
  core: Core;
  clock: Clock;
  /** The administrator's session token in `core`. */
  admin: string;
  adminId: number;
  counts: Record<string, number>;
  /** Audit queries by school + channel + actor + date range, over the heaviest users. */
  querySamples: QuerySample[];
  /** The last 12 full months: the review pack's year. */
  reviewPeriod: { from: string; to: string; events: number };
  generationSeconds: number;
  databaseBytes: number;
  remove(): Promise<void>;
}

/** A clock held at a fixed time while the vault is set up years back, then the real time. */
function settableClock(start: number): Clock & { live(): void } {
  let fixed: number | null = start;
  return { now: () => new Date(fixed ?? Date.now()), live: () => void (fixed = null) };
}

/** Seeded, so two runs build the same trust. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function must<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Farah', 'George', 'Hana', 'Isaac', 'Jade', 'Kofi', 'Lily', 'Mo', 'Nia', 'Owen', 'Priya', 'Rhys', 'Sana', 'Tom', 'Zoe'];
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Dunn', 'Evans', 'Fox', 'Green', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lees', 'Moss', 'Nolan', 'Okafor', 'Patel'];

export interface Grown {
  holders: Map<number, number[]>;
  channelSchool: Map<number, number | null>;
  operators: number[];
  personSchool: Map<number, number | null>;
  postIds: { first: number; last: number };
}

export async function createBenchDataset(log: (line: string) => void): Promise<BenchDataset> {
  const started = performance.now();
  const dir = tempDir('custodian-bench-');
  const realNow = Date.now();
  const start = realNow - YEARS * YEAR;
  const clock = settableClock(start);
  const store = createKeytarStore();

  // 1. A real vault and the demo trust, through the one door, five years ago.
  let core = createCore({ dataDir: dir.path, secretStore: store, clock });
  await must(core.call(null, 'vault.init', { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase }));
  const first = (await must(core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }))).token;
  await must(core.call(first, 'example.load', { demo: true, demoPassphrase: DEMO_PASSPHRASE }));
  await core.close();

  // 2. Growth, straight into the file.
  const db = new Database(databasePath(dir.path));
  db.pragma('journal_mode = WAL');
  // Building the dataset is not what is measured: durability is the app's, below.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  const random = seededRandom(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const iso = (ms: number) => new Date(ms).toISOString();
  const adminId = (db.prepare('SELECT id FROM people WHERE email = ?').get(ADMIN.email) as { id: number }).id;
  const vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
  const secrets = new VaultSecrets(store, vaultId);
  const macKeyHex = await secrets.get(ACCOUNTS.auditMacKey);
  if (macKeyHex === null) throw new Error('the bench vault has no audit key in the keychain');
  const audit = new AuditLog(new Sql(db), macKeyHex, () => new Date(start));
  const grown = db.transaction(() => growRegister(db, { random, pick, iso, adminId, start, realNow, audit }))();
  await certifyGrownOperators(db, secrets, { id: adminId, passphrase: ADMIN.passphrase, vaultId, at: iso(start) });
  log(`register: ${SIZES.schools} schools, ${SIZES.channels} channels, ${SIZES.people} people, ${SIZES.grants} grants`);
  db.transaction(() => addPosts(db, grown, { random, pick, iso, start, realNow }))();
  log(`posts: ${SIZES.posts} (${SIZES.queuedTargets} targets queued)`);

  const head = addAuditEvents(db, grown, macKeyHex, SIZES.auditEvents, { random, pick, iso, start, realNow }, log);
  // Where the app would have moved the anchor after these commits.
  await secrets.set(ACCOUNTS.auditAnchor, JSON.stringify(head));
  db.pragma('wal_checkpoint(TRUNCATE)');

  const samples = querySamples(db, grown, random, realNow);
  const reviewFrom = londonDate(realNow - 365 * DAY);
  const reviewTo = londonDate(realNow - DAY);
  const counts = Object.fromEntries(
    ['schools', 'channels', 'people', 'operators', 'access_grants', 'audit_events', 'posts', 'post_targets', 'training_records'].map((table) => [
      table,
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  );
  counts.queued_targets = (db.prepare("SELECT COUNT(*) AS n FROM post_targets WHERE state = 'scheduled'").get() as { n: number }).n;
  db.close();

  // 3. From here on the app runs on the real time, as a user would find it.
  clock.live();
  core = createCore({ dataDir: dir.path, secretStore: store, clock });
  const admin = (await must(core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }))).token;
  const period = periodInstants(reviewFrom, reviewTo);
  const check = new Database(databasePath(dir.path), { readonly: true });
  const reviewEvents = (check.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE at >= ? AND at < ?').get(period.start, period.end) as { n: number }).n;
  check.close();
  const { statSync } = await import('node:fs');
  const databaseBytes = statSync(databasePath(dir.path)).size;
  return {
    dataDir: dir.path,
    core,
    clock,
    admin,
    adminId,
    counts,
    querySamples: samples,
    reviewPeriod: { from: reviewFrom, to: reviewTo, events: reviewEvents },
    generationSeconds: (performance.now() - started) / 1000,
    databaseBytes,
    remove: async () => {
      await core.close();
      // BENCH_KEEP=1 leaves the vault for a closer look (its keychain entries go with a private keyring).
      if (process.env.BENCH_KEEP === '1') log(`kept the bench vault in ${dir.path}`);
      else dir.remove();
    },
  };
}

/** UK days to UTC instants, roughly (the count only says how big the year is). */
function periodInstants(from: string, to: string): { start: string; end: string } {
  return { start: new Date(`${from}T00:00:00Z`).toISOString(), end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString() };
}

/** What the growth steps share: the seeded random source and the dataset's time span. */
export interface BenchGrowth {
  random: () => number;
  pick: <T>(list: readonly T[]) => T;
  iso: (ms: number) => string;
  start: number;
  realNow: number;
}

function growRegister(db: Database.Database, t: BenchGrowth & { adminId: number; audit: AuditLog }): Grown {
  const { random, pick, iso, adminId, start, realNow, audit } = t;
  const created = iso(start);
  const hash = (db.prepare('SELECT passphrase_hash AS h FROM operators WHERE person_id = ?').get(adminId) as { h: string }).h;

  const insertSchool = db.prepare('INSERT INTO schools (code, name, created_at) VALUES (?, ?, ?)');
  for (let i = (db.prepare('SELECT COUNT(*) AS n FROM schools').get() as { n: number }).n + 1; i <= SIZES.schools; i += 1) {
    insertSchool.run(`B${String(i).padStart(2, '0')}`, `Bench Academy ${i}`, created);
  }
  const schools = (db.prepare('SELECT id FROM schools ORDER BY id').all() as { id: number }[]).map((s) => s.id);

  // People: a core team of about 30, four SLT per school, the rest staff; a few have left.
  const insertPerson = db.prepare('INSERT INTO people (name, email, role, school_id, left_on, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertOperator = db.prepare(
    'INSERT INTO operators (person_id, console_role, passphrase_hash, passphrase_changed_at, failed_attempts, locked_until, last_signed_in_at) VALUES (?, ?, ?, ?, 0, NULL, ?)',
  );
  const existing = db.prepare('SELECT p.role, p.school_id FROM people p').all() as { role: string; school_id: number | null }[];
  let core = existing.filter((p) => p.role === 'core-team').length;
  const sltCount = new Map<number, number>();
  for (const p of existing) if (p.role === 'slt' && p.school_id !== null) sltCount.set(p.school_id, (sltCount.get(p.school_id) ?? 0) + 1);
  const coreTarget = Math.max(5, Math.round(SIZES.people * 0.015));
  for (let n = existing.length + 1; n <= SIZES.people; n += 1) {
    let role = 'staff';
    let school: number | null = pick(schools);
    if (core < coreTarget) {
      role = 'core-team';
      school = null;
      core += 1;
    } else {
      const short = schools.find((s) => (sltCount.get(s) ?? 0) < 4);
      if (short !== undefined) {
        role = 'slt';
        school = short;
        sltCount.set(short, (sltCount.get(short) ?? 0) + 1);
      }
    }
    const leftOn = role === 'staff' && random() < 0.02 ? londonDate(realNow - Math.floor(random() * 400) * DAY) : null;
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const id = Number(insertPerson.run(name, `bench.person${n}@bench.pendle-trust.example`, role, school, leftOn, created).lastInsertRowid);
    const consoleRole = role === 'core-team' ? pick(['admin', 'poster', 'auditor']) : role === 'slt' ? pick(['poster', 'auditor']) : random() < 0.2 ? 'poster' : null;
    if (consoleRole !== null) {
      insertOperator.run(id, consoleRole, hash, created, iso(realNow - Math.floor(random() * 30) * DAY));
      audit.appendSync({ actorId: adminId, action: 'person.add', target: `person:${id}`, schoolId: school, outcome: 'ok', details: { role, personId: id, consoleRole, bench: true } });
    }
  }
  const people = db.prepare('SELECT id, role, school_id, left_on FROM people').all() as { id: number; role: string; school_id: number | null; left_on: string | null }[];
  const personSchool = new Map(people.map((p) => [p.id, p.school_id]));
  const coreTeam = people.filter((p) => p.role === 'core-team' && p.left_on === null).map((p) => p.id);
  const bySchool = new Map<number, { slt: number[]; staff: number[] }>();
  for (const p of people) {
    if (p.school_id === null || p.left_on !== null) continue;
    const entry = bySchool.get(p.school_id) ?? { slt: [], staff: [] };
    (p.role === 'slt' ? entry.slt : entry.staff).push(p.id);
    bySchool.set(p.school_id, entry);
  }
  const operators = (db.prepare('SELECT person_id AS id FROM operators').all() as { id: number }[]).map((o) => o.id);

  // Channels: about 4% belong to the trust, the rest to schools, round the platforms.
  const insertChannel = db.prepare(
    `INSERT INTO channels (platform, handle, handle_key, name, school_id, registration_email, mailbox_dedicated, mailbox_access, two_factor, purpose, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, ?)`,
  );
  const trustChannels = Math.max(4, Math.round(SIZES.channels * 0.04));
  for (let i = (db.prepare('SELECT COUNT(*) AS n FROM channels').get() as { n: number }).n + 1; i <= SIZES.channels; i += 1) {
    const platform = platforms[i % platforms.length] ?? 'x';
    const school = i <= trustChannels ? null : (schools[i % schools.length] ?? null);
    const handle = platform === 'facebook' ? `Bench Academy Page ${i}` : `@bench_channel_${i}`;
    const mailbox = JSON.stringify([`social${i}@bench.pendle-trust.example`]);
    insertChannel.run(platform, handle, handleKey(handle), `Bench channel ${i}`, school, `social${i}@bench.pendle-trust.example`, mailbox, i % 13 === 0 ? 'not-enabled' : 'enabled', created);
  }
  const channels = db.prepare('SELECT id, school_id FROM channels ORDER BY id').all() as { id: number; school_id: number | null }[];
  const channelSchool = new Map(channels.map((c) => [c.id, c.school_id]));

  // Grants: about eight current holders a channel, the rest of the 20,000 past ones.
  const current = new Set((db.prepare('SELECT channel_id, person_id FROM access_grants WHERE revoked_at IS NULL').all() as { channel_id: number; person_id: number }[]).map((g) => `${g.channel_id}:${g.person_id}`));
  const insertGrant = db.prepare('INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at, revoked_by, revoked_at, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let grants = (db.prepare('SELECT COUNT(*) AS n FROM access_grants').get() as { n: number }).n;
  const grantEvents = (grantId: number, channelId: number, personId: number, revoked: boolean) => {
    const event = { actorId: adminId, target: `person:${personId}`, channelId, schoolId: channelSchool.get(channelId) ?? null, outcome: 'ok' as const, details: { grantId, channelId, personId } };
    audit.appendSync({ ...event, action: 'access.grant' });
    if (revoked) audit.appendSync({ ...event, action: 'access.revoke', reason: 'No longer needs the login details' });
  };
  const holders = new Map<number, number[]>();
  const currentPerChannel = Math.max(3, Math.min(8, Math.floor((SIZES.grants * 0.2) / SIZES.channels)));
  for (const channel of channels) {
    const local = channel.school_id === null ? undefined : bySchool.get(channel.school_id);
    const wanted = [pick(coreTeam), pick(coreTeam), ...(local === undefined ? [pick(coreTeam)] : [pick(local.slt), ...local.staff.slice(0, 8)])];
    const list: number[] = [];
    for (const person of wanted) {
      if (person === undefined || list.length >= currentPerChannel || list.includes(person)) continue;
      list.push(person);
      const key = `${channel.id}:${person}`;
      if (current.has(key)) continue;
      current.add(key);
      const grantId = Number(insertGrant.run(channel.id, person, adminId, iso(start + random() * YEAR), null, null, null).lastInsertRowid);
      grantEvents(grantId, channel.id, person, false);
      grants += 1;
    }
    holders.set(channel.id, list);
  }
  const everyone = people.map((p) => p.id);
  for (; grants < SIZES.grants; grants += 1) {
    const from = start + random() * (realNow - start - DAY);
    const channel = pick(channels);
    const person = pick(everyone);
    const grantId = Number(insertGrant.run(channel.id, person, adminId, iso(from), adminId, iso(from + random() * (realNow - from)), 'No longer needs the login details').lastInsertRowid);
    grantEvents(grantId, channel.id, person, true);
  }

  // Everyone trained in the last two years.
  const insertTraining = db.prepare('INSERT INTO training_records (person_id, trained_on, trainer_id, note, recorded_by, recorded_at) VALUES (?, ?, ?, NULL, ?, ?)');
  for (const p of people) {
    const on = realNow - Math.floor(random() * 700) * DAY;
    insertTraining.run(p.id, londonDate(on), adminId, adminId, iso(on));
  }
  return { holders, channelSchool, operators, personSchool, postIds: { first: 0, last: 0 } };
}

/** Half the posts published in the past (one target each), half scheduled ahead (two targets each). */
function addPosts(db: Database.Database, grown: Grown, t: BenchGrowth): void {
  const { random, pick, iso, start, realNow } = t;
  const posters = grown.operators;
  const channels = [...grown.holders.keys()];
  const insertPost = db.prepare(
    `INSERT INTO posts (author_id, text, intended_outcome, status, scheduled_at, publish_on_approval, checklist, pupils, pupils_named, version, created_at, updated_at, approved_by, approved_at, approved_version, approval_checklist)
     VALUES (?, ?, ?, 'scheduled', ?, 0, '{}', 'none', '[]', 1, ?, ?, ?, ?, 1, '{}')`,
  );
  const insertVariant = db.prepare('INSERT INTO post_variants (post_id, channel_id, position, text, own_text, title) VALUES (?, ?, ?, ?, 0, NULL)');
  const insertTarget = db.prepare(
    `INSERT INTO post_targets (post_id, channel_id, state, attempts, next_attempt_at, remote_id, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const future = Math.ceil(SIZES.queuedTargets / 2);
  const past = Math.max(0, SIZES.posts - future);
  let firstId = 0;
  let lastId = 0;
  for (let i = 0; i < past + future; i += 1) {
    const isFuture = i >= past;
    // A couple of dozen are due now, so the due query has something to return.
    const at = isFuture ? (i - past < 25 ? realNow - 10 * 60_000 : realNow + random() * YEAR) : start + ((i + 1) / (past + 1)) * (realNow - start - DAY);
    const author = pick(posters);
    let approver = pick(posters);
    while (approver === author) approver = pick(posters);
    const text = `Bench post ${i}: our pupils had a wonderful week of learning, sport and music. Thank you to every family who came along.`;
    const createdAt = iso(at - 3 * DAY);
    const id = Number(insertPost.run(author, text, 'Families see what the school did this week.', iso(at), createdAt, createdAt, approver, iso(at - 2 * DAY)).lastInsertRowid);
    if (firstId === 0) firstId = id;
    lastId = id;
    const a = pick(channels);
    let b = pick(channels);
    while (b === a) b = pick(channels);
    const targets = isFuture ? [a, b] : [a];
    targets.forEach((channel, position) => {
      insertVariant.run(id, channel, position, text);
      if (isFuture) insertTarget.run(id, channel, 'scheduled', 0, iso(at), null, null, createdAt, createdAt);
      else insertTarget.run(id, channel, 'published', 1, null, `https://example.social/p/${id}-${channel}`, iso(at), createdAt, iso(at));
    });
  }
  grown.postIds = { first: firstId, last: lastId };
}
