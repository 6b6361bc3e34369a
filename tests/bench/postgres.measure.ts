import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { AuditAppender } from '../../electron/core/audit/audit-append.repo';
import { walkTrailOnDb } from '../../electron/core/audit/trail-verify.repo';
import { PostgresDb, TRAIL_LOCK } from '../../electron/core/db/postgres-db';
import { seedTrailSubjects } from '../support/db-engines';
import { freshPostgresDatabase, postgresAvailable } from '../support/postgres-db';
import { round, type Figure } from './bench-report';

const ROUND_MS = 1500;
const ROUNDS = 4;
const RAW_INSERT =
  'INSERT INTO audit_events (seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 2, $14, $14, $14)';

const BEGIN_AND_LOCK = `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${TRAIL_LOCK.classid}, ${TRAIL_LOCK.objid})`;
const HEAD = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1';

/**
 * The storage duties of an append, written by hand: one transaction that takes the trail's lock
 * (in BEGIN's round trip, as PostgresDb does), reads the head and inserts the next row chained to
 * it (UNIQUE(prev_hash) holds the raw rows to a real chain too), then commits.
 */
async function rawChainedInsert(client: pg.Client): Promise<void> {
  await client.query(BEGIN_AND_LOCK);
  try {
    const head = (await client.query<{ seq: string; hash: string }>(HEAD)).rows[0];
    const seq = Number(head?.seq ?? 0) + 1;
    const prev = head?.hash ?? '0'.repeat(64);
    const hash = createHash('sha256').update(`${prev}${seq}`).digest('hex');
    await client.query(RAW_INSERT, [seq, new Date().toISOString(), 1, 'secret.copy', 'channel:1', 1, null, 'Posting the weekly newsletter', 'ok', '{"kind":"password"}', prev, hash, hash, hash]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Runs `writers` loops at once until the round's time is up; returns how many calls completed. */
async function round_(writers: number, call: (writer: number) => Promise<unknown>): Promise<{ events: number; ms: number }> {
  const start = performance.now();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let n = 0;
      while (performance.now() - start < ROUND_MS) {
        await call(writer);
        n += 1;
      }
      return n;
    }),
  );
  return { events: counts.reduce((a, b) => a + b, 0), ms: performance.now() - start };
}

/**
 * The trail's append on PostgreSQL (AuditAppender through PostgresDb: a transaction, the trail's
 * advisory lock, the head, the names, the insert), with `writers` server processes appending at
 * once (a pool each), next to the same storage duties by hand with raw `pg` (rawChainedInsert) from
 * as many clients into a clone of the same database, on the same server, with fsync on
 * (`npm run bench` starts it durable); a plain autocommit INSERT of the same row shape (the old
 * limit) is in the details. Rounds alternate between the three.
 */
export async function measurePostgresAppend(writers: number): Promise<Figure> {
  const id = writers === 1 ? 'pg.audit.append' : `pg.audit.append.x${writers}`;
  if (!postgresAvailable) throw new Error('the PostgreSQL figures need the bench run inside scripts/with-postgres.mjs (npm run bench does it)');
  const [appDb, rawDb, plainDb] = [await freshPostgresDatabase(), await freshPostgresDatabase(), await freshPostgresDatabase()];
  const pools = Array.from({ length: writers }, () => new PostgresDb(appDb.config('app')));
  const clients = Array.from({ length: writers }, () => new pg.Client(rawDb.config('app')));
  const plainClients = Array.from({ length: writers }, () => new pg.Client(plainDb.config('app')));
  try {
    await Promise.all([...clients, ...plainClients].map((client) => client.connect()));
    const subjects = await seedTrailSubjects(pools[0]!);
    const macKeyHex = randomBytes(32).toString('hex');
    const appenders = pools.map((pool) => new AuditAppender(pool, macKeyHex, () => new Date()));
    const event = { actorId: subjects.personId, action: 'secret.copy', target: `channel:${subjects.channelId}`, channelId: subjects.channelId, reason: 'Posting the weekly newsletter', outcome: 'ok' as const, details: { kind: 'password' } };
    const sample = 'a'.repeat(56);
    let seq = 0;
    const plainInsert = (writer: number) => {
      seq += 1;
      const link = `${sample}${String(seq).padStart(8, '0')}`;
      return plainClients[writer]!.query(RAW_INSERT, [seq, new Date().toISOString(), 1, 'secret.copy', 'channel:1', 1, null, 'Posting the weekly newsletter', 'ok', '{"kind":"password"}', link, link, link, link]);
    };
    let app = { events: 0, ms: 0 };
    let raw = { events: 0, ms: 0 };
    let plain = { events: 0, ms: 0 };
    for (let r = 0; r < ROUNDS; r += 1) {
      const a = await round_(writers, (writer) => appenders[writer]!.append(event));
      const b = await round_(writers, (writer) => rawChainedInsert(clients[writer]!));
      const c = await round_(writers, plainInsert);
      app = { events: app.events + a.events, ms: app.ms + a.ms };
      raw = { events: raw.events + b.events, ms: raw.ms + b.ms };
      plain = { events: plain.events + c.events, ms: plain.ms + c.ms };
    }
    const walked = await walkTrailOnDb(pools[0]!, macKeyHex, null);
    if (!walked.ok) throw new Error(`the bench's own trail does not verify: ${walked.problem}`);
    const appRate = (app.events / app.ms) * 1000;
    const rawRate = (raw.events / raw.ms) * 1000;
    return {
      id,
      title: `Durable audit append on PostgreSQL, ${writers === 1 ? 'one writer' : `${writers} writers at once`} (1 event per transaction, fsync on)`,
      value: Math.round(appRate),
      unit: 'events/s',
      limit: {
        what: `raw pg, one transaction per event that takes the trail's lock, reads the head and inserts the same row chained to it, ${writers === 1 ? 'one client' : `${writers} clients`}, same server`,
        value: Math.round(rawRate),
        unit: 'events/s',
      },
      ratio: round(appRate / rawRate, 2),
      target: { text: 'none yet: the server issue sets one', met: true, missedBy: null, none: true },
      details: { writers, appEvents: app.events, rawEvents: raw.events, plainInsertEventsPerSecond: Math.round((plain.events / plain.ms) * 1000), rounds: ROUNDS, roundSeconds: ROUND_MS / 1000, chainVerified: walked.events },
    };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all([...clients, ...plainClients].map((client) => client.end().catch(() => undefined)));
    await appDb.drop();
    await rawDb.drop();
    await plainDb.drop();
  }
}
