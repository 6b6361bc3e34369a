import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditAppender } from '../../electron/core/audit/audit-append.repo';
import type { AuditHead } from '../../electron/core/audit/audit.repo';
import { walkTrailOnDb } from '../../electron/core/audit/trail-verify.repo';
import { verifyAuditTrail } from '../../electron/core/audit/audit-verify';
import type { Db } from '../../electron/core/db/db.port';
import { bundleChild, REPO_ROOT } from '../support/core-bundle';
import { openPostgresDb, openSqliteDb, seedTrailSubjects } from '../support/db-engines';
import type { TrailWriterPlan } from '../support/pg-trail-writer.child';
import { postgresAvailable, withPostgresClient } from '../support/postgres-db';
import { seededRandom, seedFromEnv } from '../support/seeded-random';
import { tempDir } from '../support/test-vault';

const macKeyHex = randomBytes(32).toString('hex');
const dir = tempDir();

interface Engine {
  db: Db;
  /** Runs SQL as someone who owns the server or the file: the triggers are no obstacle to them. */
  asSuperuser(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function postgresEngine(): Promise<Engine & { config: TrailWriterPlan['config'] }> {
  const opened = await openPostgresDb();
  return { db: opened.db, config: opened.database.config('app'), asSuperuser: (sql) => withPostgresClient(opened.database.config('superuser'), (c) => c.query(sql)).then(() => undefined), close: opened.close };
}

async function sqliteEngine(name: string): Promise<Engine> {
  const opened = await openSqliteDb(dir.path, name);
  return { db: opened.db, asSuperuser: async (sql) => void opened.raw.exec(sql), close: opened.close };
}

/**
 * Someone with the server's superuser (or the SQLite file) edits, deletes or empties the trail,
 * dropping the append-only triggers first. Verify's walk names the first bad event on both engines.
 */
const TAMPER: { what: string; postgres: string; sqlite: string; firstBadSeq: number; problem: RegExp }[] = [
  {
    what: 'an edited reason',
    postgres: 'ALTER TABLE audit_events DISABLE TRIGGER USER; UPDATE audit_events SET reason = $$Nothing to see$$ WHERE seq = 4',
    sqlite: "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET reason = 'Nothing to see' WHERE seq = 4",
    firstBadSeq: 4,
    problem: /event 4 was altered/,
  },
  {
    what: 'a deleted event',
    postgres: 'DROP TRIGGER audit_events_no_delete ON audit_events; DELETE FROM audit_events WHERE seq = 6',
    sqlite: 'DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 6',
    firstBadSeq: 6,
    problem: /event 6 is missing/,
  },
  {
    what: 'the whole trail emptied',
    postgres: 'DROP TRIGGER audit_events_no_truncate ON audit_events; TRUNCATE audit_events',
    sqlite: 'DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events',
    firstBadSeq: 1,
    problem: /events were cut from the end/,
  },
];

for (const engine of ['SQLite', 'PostgreSQL'] as const) {
  describe.skipIf(engine === 'PostgreSQL' && !postgresAvailable)(`tamper with the trail on ${engine}`, () => {
    for (const tamper of TAMPER) {
      it(`names the first bad event after ${tamper.what}`, async () => {
        const opened = engine === 'SQLite' ? await sqliteEngine(`tamper-${TAMPER.indexOf(tamper)}`) : await postgresEngine();
        try {
          const { personId, channelId } = await seedTrailSubjects(opened.db);
          const appender = new AuditAppender(opened.db, macKeyHex, () => new Date());
          let anchor: AuditHead | null = null;
          for (let i = 0; i < 10; i += 1) anchor = await appender.append({ actorId: personId, action: 'secret.copy', target: `channel:${channelId}`, channelId, reason: 'Newsletter', outcome: 'ok' });
          expect(await walkTrailOnDb(opened.db, macKeyHex, anchor)).toMatchObject({ ok: true, events: 10 });
          await opened.asSuperuser(engine === 'SQLite' ? tamper.sqlite : tamper.postgres);
          const result = await walkTrailOnDb(opened.db, macKeyHex, anchor);
          expect(result).toMatchObject({ ok: false, firstBadSeq: tamper.firstBadSeq });
          if (!result.ok) expect(result.problem).toMatch(tamper.problem);
        } finally {
          await opened.close();
        }
      });
    }
  });
}

/** A publisher planted past the trail (no administrator's enrol event), with the foreign keys off. */
const PLANTED_PUBLISHER =
  "INSERT INTO publishers (id, box_public, sign_public, enrolled_at, enrolled_by, signer_key_id, signature, kept_in) VALUES (7, 'planted-box', 'planted-sign', '2026-12-01T09:00:00.000Z', 1, 99, 'not-a-signature', 'file')";

for (const engine of ['SQLite', 'PostgreSQL'] as const) {
  describe.skipIf(engine === 'PostgreSQL' && !postgresAvailable)(`a publisher planted past the trail on ${engine}`, () => {
    it('is named by verify though the chain itself is intact', async () => {
      const opened = engine === 'SQLite' ? await sqliteEngine('planted-publisher') : await postgresEngine();
      try {
        const { personId, channelId } = await seedTrailSubjects(opened.db);
        const appender = new AuditAppender(opened.db, macKeyHex, () => new Date());
        let anchor: AuditHead | null = null;
        for (let i = 0; i < 3; i += 1) anchor = await appender.append({ actorId: personId, action: 'secret.copy', target: `channel:${channelId}`, channelId, reason: 'Newsletter', outcome: 'ok' });
        expect(await verifyAuditTrail(opened.db, null, macKeyHex, anchor)).toMatchObject({ ok: true, events: 3 });
        await opened.asSuperuser(engine === 'SQLite' ? `PRAGMA foreign_keys = OFF; ${PLANTED_PUBLISHER}` : `SET session_replication_role = replica; ${PLANTED_PUBLISHER}`);
        const result = await verifyAuditTrail(opened.db, null, macKeyHex, anchor);
        expect(result).toMatchObject({ ok: false, firstBadSeq: 4 });
        if (!result.ok) expect(result.findings).toContain('publishers row 7 is not explained by the trail: no administrator enrolled it');
      } finally {
        await opened.close();
      }
    });
  });
}

interface WriterRun {
  acked: number[];
  holding: number | null;
}

/** Runs the writer and SIGKILLs it after `killAfter` acknowledgements (or once it holds its transaction open). */
function runWriter(bundle: string, plan: TrailWriterPlan, killAfter: number | 'holding'): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, JSON.stringify(plan)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: WriterRun = { acked: [], holding: null };
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const [word, seq] = buffered.slice(0, newline).split(' ');
        buffered = buffered.slice(newline + 1);
        if (word === 'ACK') run.acked.push(Number(seq));
        if (word === 'HOLDING') run.holding = Number(seq);
        if ((killAfter === 'holding' && run.holding !== null) || (killAfter !== 'holding' && run.acked.length >= killAfter)) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(run) : reject(new Error(`the writer ended by itself (${String(code)}): ${stderr}`))));
  });
}

describe.skipIf(!postgresAvailable)('kill -9 of a server process appending to the trail on PostgreSQL', () => {
  let bundle: string;
  let opened: Awaited<ReturnType<typeof postgresEngine>>;
  let subjects: { personId: number; channelId: number };
  beforeAll(async () => {
    bundle = await bundleChild('tests/support/pg-trail-writer.child.ts', 'pg-trail-writer');
  }, 60_000);
  beforeEach(async () => {
    opened = await postgresEngine();
    subjects = await seedTrailSubjects(opened.db);
  });
  afterEach(async () => opened?.close());

  const plan = (appends: number, hold: boolean): TrailWriterPlan => ({ config: opened.config, macKeyHex, ...subjects, appends, hold });

  it('loses nothing acknowledged, leaves the chain intact, and frees the trail for the next writer', async () => {
    const random = seededRandom(seedFromEnv('CUSTODIAN_PG_CRASH_SEED'));
    for (let round = 0; round < 4; round += 1) {
      const run = await runWriter(bundle, plan(1000, false), 1 + Math.floor(random() * 40));
      const result = await walkTrailOnDb(opened.db, macKeyHex, null);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.headSeq).toBeGreaterThanOrEqual(Math.max(...run.acked));
    }
  }, 60_000);

  it('rolls back the transaction it was killed in, and the trail continues from the last commit', async () => {
    const run = await runWriter(bundle, plan(3, true), 'holding');
    expect(run.holding).toBe(4);
    // The killed process held the trail's lock; the server ends its session and the next writer goes on.
    const next = await new AuditAppender(opened.db, macKeyHex, () => new Date()).append({ actorId: subjects.personId, action: 'secret.copy', outcome: 'ok' });
    expect(next.seq).toBe(4);
    expect(await walkTrailOnDb(opened.db, macKeyHex, next)).toMatchObject({ ok: true, events: 4 });
  }, 30_000);
});
