import pg from 'pg';
import { walkTrailOnDb } from '../../electron/core/audit/trail-verify.repo';
import { londonToday } from '../../electron/core/clock';
import { readComplianceSnapshot } from '../../electron/core/compliance/compliance-snapshot.repo';
import { loadPolicyProfile } from '../../electron/core/compliance/policy-profile.repo';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { evaluateCompliance } from '../../shared/compliance/evaluate-compliance';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';
import type { BenchDataset } from './bench-dataset';
import { median, round, timed, type Figure } from './bench-report';
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

/** The compliance snapshot read and the rules over it on PostgreSQL, median of 10 (after one). */
export async function measurePostgresCompliance(ds: BenchDataset, say: (line: string) => void): Promise<Figure> {
  const { database } = await postgresTrust(ds, say);
  const db = new PostgresDb(database.config('app'));
  try {
    const today = londonToday(ds.clock);
    const reads: number[] = [];
    const totals: number[] = [];
    let findings = 0;
    for (let i = 0; i < 11; i += 1) {
      const started = performance.now();
      const read = await timed(() => readComplianceSnapshot(db, today));
      const profile = (await loadPolicyProfile(db)).profile;
      findings = evaluateCompliance(read.value, profile, today).length;
      if (i > 0) {
        reads.push(read.ms);
        totals.push(performance.now() - started);
      }
    }
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
