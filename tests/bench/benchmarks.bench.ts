import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/e2e-renderer-build';
import { measureAppend, measureQuery, measureVerify } from './audit.measure';
import { createBenchDataset, SIZES, type BenchDataset } from './bench-dataset';
import { round, type BenchReport, type Figure } from './bench-report';
import { measureCliStart } from './cli-start.measure';
import { measureColdOpen, measureCompliance, measureDue } from './core.measure';
import { measureReveal, measureSignIn } from './keys.measure';
import { measurePostgresAppend } from './postgres.measure';
import { dropPostgresTrust, measurePostgresCompliance, measurePostgresDue, measurePostgresVerify } from './postgres-trust.measure';
import { measureReviewExport } from './review-export.measure';
import { measureBundle, measureTimeToDashboard } from './renderer.measure';

/**
 * `npm run bench` (issue 7): builds the big trust, measures each figure next to its limit,
 * and writes out/bench/report.json; scripts/bench/write-benchmarks-doc.mjs then prints the
 * table and copies it into docs/benchmarks.md. Not part of `npm test` (its own config).
 */
export const REPORT = join(ROOT, 'out/bench/report.json');

/**
 * BENCH_ONLY runs some steps alone, for trying a change out: `cli` (the CLI start, with no big
 * trust), or step names separated by commas (`compliance,audit append`: the big trust is built,
 * then only those run). Its report goes to out/bench/report-only.json, so the last full report
 * (and docs/benchmarks.md, rewritten from it) keep every figure of one run.
 */
const ONLY = process.env.BENCH_ONLY ?? '';
const ONLY_REPORT = join(ROOT, 'out/bench/report-only.json');

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

function machine(): BenchReport['machine'] {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    freeMemoryGbAtStart: round(freemem() / 2 ** 30, 1),
    loadAverageAtStart: loadavg().map((n) => n.toFixed(2)).join(' '),
    os: `${process.platform} ${release()}`,
    node: process.version,
    sqlite: 'better-sqlite3 (bundled SQLite)',
  };
}

async function runStep(name: string, step: () => Promise<Figure>): Promise<Figure> {
  say(`${name}…`);
  const figure = await step();
  say(`${name}: ${figure.value} ${figure.unit}${figure.ratio === null ? '' : ` (ratio ${figure.ratio})`}, target ${figure.target.text}: ${figure.target.met ? 'met' : 'MISSED'}`);
  return figure;
}

function writeReport(report: BenchReport, started: number, file: string): void {
  report.totalSeconds = round((performance.now() - started) / 1000, 0);
  mkdirSync(join(ROOT, 'out/bench'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`report written to ${file} (${report.totalSeconds} s)`);
}

describe('benchmarks', () => {
  let dataset: BenchDataset | null = null;
  afterAll(async () => {
    await dropPostgresTrust();
    await dataset?.remove();
  });

  it('measures every figure of issue 7 next to its limit and writes the report', async () => {
    const started = performance.now();
    const report: BenchReport = { generatedAt: new Date().toISOString(), machine: machine(), dataset: {}, figures: [], totalSeconds: 0 };
    if (ONLY === 'cli') {
      report.figures.push(await runStep('CLI start', () => measureCliStart()));
      writeReport(report, started, ONLY_REPORT);
      return;
    }
    say(`building the dataset (${Object.entries(SIZES).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    const ds = await createBenchDataset(say);
    dataset = ds;
    report.dataset = {
      ...ds.counts,
      reviewYear: `${ds.reviewPeriod.from} to ${ds.reviewPeriod.to}`,
      reviewYearEvents: ds.reviewPeriod.events,
      databaseMegabytes: round(ds.databaseBytes / 1e6, 0),
      generationSeconds: round(ds.generationSeconds, 1),
    };
    say(`dataset ready in ${ds.generationSeconds.toFixed(1)} s`);

    // Verify first, so it walks exactly the generated trail; append last of the audit work.
    const steps: [string, () => Promise<Figure>][] = [
      ['audit verify', () => measureVerify(ds)],
      ['audit query', () => measureQuery(ds)],
      ['cold open', () => measureColdOpen(ds)],
      ['compliance', () => measureCompliance(ds)],
      ['scheduler due', () => measureDue(ds)],
      ['review export', () => measureReviewExport(ds)],
      ['renderer bundle', () => measureBundle()],
      ['time to dashboard', () => measureTimeToDashboard(ds)],
      ['audit append', () => measureAppend(ds)],
      ['sign-in', () => measureSignIn(ds)],
      ['reveal and code', () => measureReveal(ds)],
      ['postgres append', () => measurePostgresAppend(1)],
      ['postgres append, 4 writers', () => measurePostgresAppend(4)],
      ['postgres verify', () => measurePostgresVerify(ds, say)],
      ['postgres compliance', () => measurePostgresCompliance(ds, say)],
      ['postgres due', () => measurePostgresDue(ds, say)],
      ['CLI start', () => measureCliStart()],
    ];
    const only = ONLY === '' ? null : ONLY.split(',').map((name) => name.trim());
    const unknown = (only ?? []).filter((name) => !steps.some(([step]) => step === name));
    if (unknown.length > 0) throw new Error(`BENCH_ONLY: no step named ${unknown.join(', ')} (steps: cli, ${steps.map(([name]) => name).join(', ')}).`);
    const chosen = only === null ? steps : steps.filter(([name]) => only.includes(name));
    for (const [name, step] of chosen) report.figures.push(await runStep(name, step));
    writeReport(report, started, only === null ? REPORT : ONLY_REPORT);
    expect(report.figures).toHaveLength(chosen.length);
  });
});
