import Database from 'better-sqlite3';
import { evaluateCompliance } from '../../shared/compliance/evaluate-compliance';
import { loadOperator } from '../../electron/core/auth/sessions';
import { londonToday } from '../../electron/core/clock';
import type { Db } from '../../electron/core/db/db.port';
import { readComplianceSnapshot } from '../../electron/core/compliance/compliance-snapshot.repo';
import { loadPolicyProfile } from '../../electron/core/compliance/policy-profile.repo';
import { dashboardHandlers } from '../../electron/core/dashboard/dashboard.handlers';
import { createPlatformAdapters } from '../../electron/core/publishing/adapters/platform-adapters';
import { dueTargets } from '../../electron/core/publishing/engine/publish-pass';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import type { BenchDataset } from './bench-dataset';
import { median, percentile, round, target, timed, type Figure } from './bench-report';

/**
 * Cold open as the app does it at start: open the file, check the migrations against the
 * build, read the audit key from the keychain, then the dashboard summary, each time with a
 * fresh VaultHost. Next to it: opening the file raw and reading its schema.
 */
export async function measureColdOpen(ds: BenchDataset): Promise<Figure> {
  const store = createKeytarStore();
  const totals: number[] = [];
  const opens: number[] = [];
  const summaries: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const host = new VaultHost(ds.dataDir, store, ds.clock, () => {});
    const start = performance.now();
    const vault = await host.open();
    const opened = performance.now();
    const operator = await loadOperator(vault, ds.adminId);
    if (operator === null) throw new Error('the bench administrator cannot sign in');
    await dashboardHandlers['dashboard.summary']({ vault, operator, token: '', keys: null }, {});
    const end = performance.now();
    totals.push(end - start);
    opens.push(opened - start);
    summaries.push(end - opened);
    await host.close();
  }
  const raws: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const { ms } = await timed(() => {
      const db = new Database(databasePath(ds.dataDir));
      db.pragma('journal_mode = WAL');
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      db.close();
    });
    raws.push(ms);
  }
  const value = median(totals);
  return {
    id: 'cold.open',
    title: 'Cold open (open, check migrations, audit key, dashboard summary), median of 6',
    value: round(value, 1),
    unit: 'ms',
    limit: { what: 'open the SQLite file raw and read its schema', value: round(median(raws), 2), unit: 'ms' },
    ratio: round(median(raws) / value, 3),
    target: target('≤ 200 ms', [{ actual: value, bound: 200, kind: 'max', unit: 'ms' }]),
    details: {
      firstMs: round(totals[0] ?? Number.NaN, 1),
      openAndMigrationCheckMs: round(median(opens), 1),
      dashboardSummaryMs: round(median(summaries), 1),
    },
  };
}

/**
 * The compliance snapshot read and the rules over it, each timed, 10 times after a first run:
 * the same work measured on either engine.
 */
export async function snapshotAndRules(db: Db, today: string): Promise<{ reads: number[]; evaluations: number[]; findings: number }> {
  const reads: number[] = [];
  const evaluations: number[] = [];
  let findings = 0;
  for (let i = 0; i < 11; i += 1) {
    const read = await timed(() => readComplianceSnapshot(db, today));
    const profile = (await loadPolicyProfile(db)).profile;
    const evaluation = await timed(() => evaluateCompliance(read.value, profile, today));
    findings = evaluation.value.length;
    if (i > 0) {
      reads.push(read.ms);
      evaluations.push(evaluation.ms);
    }
  }
  return { reads, evaluations, findings };
}

/**
 * The compliance report over the whole trust (compliance.report through the router), and its
 * two parts: reading the snapshot, and evaluating the rules over it.
 */
export async function measureCompliance(ds: BenchDataset): Promise<Figure> {
  const calls: number[] = [];
  let findings = 0;
  for (let i = 0; i < 11; i += 1) {
    const { ms, value } = await timed(() => ds.core.call(ds.admin, 'compliance.report', {}));
    if (!value.ok) throw new Error(`compliance.report failed: ${value.error.message}`);
    findings = value.value.findings.length;
    if (i > 0) calls.push(ms);
  }
  const host = new VaultHost(ds.dataDir, createKeytarStore(), ds.clock, () => {});
  const vault = await host.open();
  const { reads, evaluations } = await snapshotAndRules(vault.data, londonToday(vault.clock));
  await host.close();
  const value = median(calls);
  const evaluate = median(evaluations);
  return {
    id: 'compliance',
    title: 'Compliance evaluation of the whole trust (compliance.report), median of 10',
    value: round(value, 1),
    unit: 'ms',
    limit: { what: 'reading the snapshot tables alone', value: round(median(reads), 1), unit: 'ms' },
    ratio: round(median(reads) / value, 2),
    target: target('≤ 50 ms', [{ actual: value, bound: 50, kind: 'max', unit: 'ms' }]),
    details: { evaluateRulesMs: round(evaluate, 1), readSnapshotMs: round(median(reads), 1), findings },
  };
}

/** The engine's due query (dueTargets: the query a pass runs) with the queue full. */
export async function measureDue(ds: BenchDataset): Promise<Figure> {
  const host = new VaultHost(ds.dataDir, createKeytarStore(), ds.clock, () => {});
  const vault = await host.open();
  const deps = { vault, adapters: createPlatformAdapters({ clock: vault.clock }), actorId: null };
  const samples: number[] = [];
  let due = 0;
  for (let i = 0; i < 201; i += 1) {
    const { ms, value } = await timed(() => dueTargets(deps, new Date()));
    due = value.length;
    if (i > 0) samples.push(ms);
  }
  const file = vault.file!;
  const raw = file.db.prepare("SELECT id FROM post_targets WHERE state IN ('scheduled', 'remote_created') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 25");
  const rawSamples: number[] = [];
  for (let i = 0; i < 201; i += 1) {
    const { ms } = await timed(() => raw.all(new Date().toISOString()));
    if (i > 0) rawSamples.push(ms);
  }
  const queued = (file.db.prepare("SELECT COUNT(*) AS n FROM post_targets WHERE state = 'scheduled'").get() as { n: number }).n;
  const plan = (file.db.prepare(`EXPLAIN QUERY PLAN ${raw.source}`).all('') as { detail: string }[]).map((p) => p.detail).join('; ');
  await host.close();
  const p95 = percentile(samples, 95);
  return {
    id: 'scheduler.due',
    title: `Scheduler due query, ${queued.toLocaleString('en-GB')} targets queued, p95 of 200`,
    value: round(p95, 2),
    unit: 'ms',
    limit: { what: 'index-only due query on post_targets alone, p95', value: round(percentile(rawSamples, 95), 3), unit: 'ms' },
    ratio: round(percentile(rawSamples, 95) / p95, 2),
    target: target('p95 ≤ 5 ms', [{ actual: p95, bound: 5, kind: 'max', unit: 'ms' }]),
    details: { p50Ms: round(median(samples), 2), dueReturned: due, queued, rawQueryPlan: plan },
  };
}
