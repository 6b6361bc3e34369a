import pg from 'pg';
import { walkTrailOnDb } from '../../electron/core/audit/trail-verify.repo';
import { londonToday } from '../../electron/core/clock';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { dueTargetRows } from '../../electron/core/publishing/engine/post-targets.repo';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';
import type { BenchDataset } from './bench-dataset';
import { median, percentile, round, timed, type Figure } from './bench-report';
import { snapshotAndRules } from './core.measure';
import { copySqliteToPostgres } from './postgres-dataset';
import { PAGE, V2_COLUMNS } from '../../electron/core/audit/trail-walk';

const NO_TARGET = { text: 'none yet: the server issue sets one', met: true, missedBy: null, none: true } as const;

interface PostgresTrust {
  database: PostgresTestDatabase;
  macKeyHex: string;
  copySeconds: number;
  rows: number;
}

let trust: Promise<PostgresTrust> | null = null;

/** The bench's big trust copied once into PostgreSQL, for every figure measured on that engine. */
function postgresTrust(ds: BenchDataset, say: (line: string) => void): Promise<PostgresTrust> {
  trust ??= (async () => {
    if (!postgresAvailable) throw new Error('the PostgreSQL figures need the bench run inside scripts/with-postgres.mjs (npm run bench does it)');
    const host = new VaultHost(ds.dataDir, createKeytarStore(), ds.clock, () => {});
    const vault = await host.open();
    const macKeyHex = vault.macKeyHex;
    await host.close();
    const database = await freshPostgresDatabase();
    const copied = await copySqliteToPostgres(databasePath(ds.dataDir), database, say);
    return { database, macKeyHex, copySeconds: copied.seconds, rows: copied.rows };
  })();
  return trust;
}

/** Drops the copy, if one was made. */
export async function dropPostgresTrust(): Promise<void> {
  const made = trust;
  trust = null;
  if (made !== null) await (await made).database.drop();
}

/**
 * The whole trail's walk on PostgreSQL (walkTrailOnDb: one REPEATABLE READ snapshot, pages by
 * seq, every hash and MAC), best of 2, next to reading the same pages raw with `pg` (no hashing),
 * so the figure shows how much of the walk is the engine and how much the checking.
 */
export async function measurePostgresVerify(ds: BenchDataset, say: (line: string) => void): Promise<Figure> {
  const { database, macKeyHex, copySeconds, rows } = await postgresTrust(ds, say);
  const db = new PostgresDb(database.config('app'));
  const client = new pg.Client(database.config('app'));
  await client.connect();
  try {
    const walk = async () => {
      const { ms, value } = await timed(() => walkTrailOnDb(db, macKeyHex, null));
      if (!value.ok) throw new Error(`the copied trail does not verify on PostgreSQL: ${value.problem}`);
      return { ms, events: value.events };
    };
    const readRaw = async () => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // As the walk pages: no lower bound on the first page, then after the last seq seen.
      const select = `SELECT ${V2_COLUMNS} FROM audit_events`;
      let page = await client.query({ text: `${select} ORDER BY seq LIMIT ${PAGE}`, rowMode: 'array' });
      while (page.rows.length > 0) {
        page = await client.query({ text: `${select} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, values: [page.rows.at(-1)![0]], rowMode: 'array' });
      }
      await client.query('COMMIT');
    };
    const first = await walk();
    const raw1 = await timed(readRaw);
    const second = await walk();
    const raw2 = await timed(readRaw);
    const walkMs = Math.min(first.ms, second.ms);
    const rawMs = Math.min(raw1.ms, raw2.ms);
    return {
      id: 'pg.audit.verify',
      title: `Audit trail walk on PostgreSQL, ${first.events.toLocaleString('en-GB')} events, best of 2`,
      value: round(walkMs / 1000, 2),
      unit: 's',
      limit: { what: 'reading the same pages raw with pg, no hashing, best of 2', value: round(rawMs / 1000, 2), unit: 's' },
      ratio: round(rawMs / walkMs, 2),
      target: NO_TARGET,
      details: { events: first.events, walkRunsSeconds: `${round(first.ms / 1000, 2)}, ${round(second.ms / 1000, 2)}`, copiedRows: rows, copySeconds: round(copySeconds, 1) },
    };
  } finally {
    await client.end();
    await db.close();
  }
}

/** The compliance snapshot read and the rules over it on PostgreSQL (snapshotAndRules), median of 10. */
export async function measurePostgresCompliance(ds: BenchDataset, say: (line: string) => void): Promise<Figure> {
  const { database } = await postgresTrust(ds, say);
  const db = new PostgresDb(database.config('app'));
  try {
    const { reads, evaluations, findings } = await snapshotAndRules(db, londonToday(ds.clock));
    const totals = reads.map((read, i) => read + evaluations[i]!);
    const value = median(totals);
    return {
      id: 'pg.compliance',
      title: 'Compliance snapshot and rules on PostgreSQL, median of 10',
      value: round(value, 1),
      unit: 'ms',
      limit: { what: 'reading the snapshot tables alone', value: round(median(reads), 1), unit: 'ms' },
      ratio: round(median(reads) / value, 2),
      target: NO_TARGET,
      details: { readSnapshotMs: round(median(reads), 1), findings },
    };
  } finally {
    await db.close();
  }
}

/**
 * The publishing pass's due query (dueTargetRows, what a pass runs) on PostgreSQL with the queue
 * full, p95 of 200, next to the index-only due query on post_targets alone, raw with `pg`.
 */
export async function measurePostgresDue(ds: BenchDataset, say: (line: string) => void): Promise<Figure> {
  const { database } = await postgresTrust(ds, say);
  const db = new PostgresDb(database.config('app'));
  const client = new pg.Client(database.config('app'));
  await client.connect();
  try {
    const samples: number[] = [];
    const rawSamples: number[] = [];
    let due = 0;
    const raw = "SELECT id FROM post_targets WHERE state IN ('scheduled', 'remote_created') AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 25";
    for (let i = 0; i < 201; i += 1) {
      const { ms, value } = await timed(() => dueTargetRows(db, new Date().toISOString(), 25));
      due = value.length;
      const rawRun = await timed(() => client.query(raw, [new Date().toISOString()]));
      if (i > 0) {
        samples.push(ms);
        rawSamples.push(rawRun.ms);
      }
    }
    const p95 = percentile(samples, 95);
    const rawP95 = percentile(rawSamples, 95);
    return {
      id: 'pg.scheduler.due',
      title: 'Scheduler due query on PostgreSQL, the same queue, p95 of 200',
      value: round(p95, 2),
      unit: 'ms',
      limit: { what: 'the due query on post_targets alone, raw with pg, p95', value: round(rawP95, 3), unit: 'ms' },
      ratio: round(rawP95 / p95, 2),
      target: NO_TARGET,
      details: { p50Ms: round(median(samples), 2), dueReturned: due },
    };
  } finally {
    await client.end();
    await db.close();
  }
}
