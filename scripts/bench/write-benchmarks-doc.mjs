#!/usr/bin/env node
/**
 * node scripts/bench/write-benchmarks-doc.mjs [report.json]
 *
 * Prints the short table of out/bench/report.json (written by `npm run bench`) and copies
 * the same figures into docs/benchmarks.md between its two markers, so a re-run on a quiet
 * machine updates the committed figures and nothing else in the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
// BENCH_ONLY=… npm run bench measured some steps: print their table, leave the page to full runs.
const ONLY = (process.env.BENCH_ONLY ?? '') !== '';
const REPORT = resolve(process.argv[2] ?? `${ROOT}/out/bench/${ONLY ? 'report-only.json' : 'report.json'}`);
const DOC = `${ROOT}/docs/benchmarks.md`;
const BEGIN = '<!-- bench-report:begin (written by scripts/bench/write-benchmarks-doc.mjs; do not edit by hand) -->';
const END = '<!-- bench-report:end -->';

const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const number = (n) => (typeof n === 'number' ? n.toLocaleString('en-GB') : String(n));
const measured = (f) => `${number(f.value)} ${f.unit}`;
const limit = (f) => (f.limit === null ? '–' : `${number(f.limit.value)} ${f.limit.unit}`);
// Two significant digits below 0.1, so a tiny ratio (a cold open against a bare file open) still reads.
const ratio = (f) => (f.ratio === null ? '–' : f.ratio < 0.1 ? f.ratio.toPrecision(2) : f.ratio.toFixed(2));
const met = (f) => (f.target.none ? '–' : f.target.met ? 'met' : 'MISSED');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

// stdout: the short table.
process.stdout.write(
  `\n${table([['Figure', 'Measured', 'Limit', 'Ratio', 'Target', ''], ...report.figures.map((f) => [f.id, measured(f), limit(f), ratio(f), f.target.text, met(f)])])}\n\n` +
    `Report: ${REPORT} (${report.totalSeconds} s in all)\n`,
);

if (ONLY) {
  process.stdout.write(`${report.figures.map((f) => `${f.id}: ${Object.entries(f.details).map(([k, v]) => `${k} ${number(v)}`).join('; ')}`).join('\n')}\n${DOC} left as it was (BENCH_ONLY).\n`);
  process.exit(0);
}

// docs/benchmarks.md: the same, with the limits named, the breakdowns and the misses.
const cell = (text) => String(text).replace(/\|/g, '\\|');
const lines = [
  BEGIN,
  '',
  `Run of ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC, ${report.totalSeconds} s in all.`,
  '',
  '**Machine.** ' + Object.entries(report.machine).map(([k, v]) => `${k}: ${v}`).join('; ') + '.',
  '',
  '**Dataset.** ' + Object.entries(report.dataset).map(([k, v]) => `${k}: ${number(v)}`).join('; ') + '.',
  '',
  '| Figure | Measured | Limit, same run | Ratio | Target | |',
  '|---|---:|---|---:|---|---|',
  ...report.figures.map((f) =>
    `| ${cell(f.title)} | ${measured(f)} | ${f.limit === null ? '–' : `${cell(f.limit.what)}: ${limit(f)}`} | ${ratio(f)} | ${cell(f.target.text)} | ${f.target.none ? '–' : f.target.met ? 'met' : '**missed**'} |`,
  ),
  '',
  '**Breakdowns.**',
  '',
  ...report.figures.map((f) => `- \`${f.id}\`: ${Object.entries(f.details).map(([k, v]) => `${k} ${cell(number(v))}`).join('; ')}`),
  '',
  '**Missed in this run.**',
  '',
  ...(report.figures.some((f) => !f.target.met) ? report.figures.filter((f) => !f.target.met).map((f) => `- \`${f.id}\`: ${f.target.missedBy}`) : ['- None.']),
  '',
  END,
];
const doc = readFileSync(DOC, 'utf8');
const begin = doc.indexOf('<!-- bench-report:begin');
const end = doc.indexOf(END);
if (begin < 0 || end < begin) {
  process.stderr.write(`${DOC} has no bench-report markers; add them where the figures belong.\n`);
  process.exit(1);
}
writeFileSync(DOC, doc.slice(0, begin) + lines.join('\n') + doc.slice(end + END.length));
process.stdout.write(`Figures copied into ${DOC}\n`);
