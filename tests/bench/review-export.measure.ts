import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ROOT } from '../support/e2e-renderer-build';
import { ADMIN, type BenchDataset } from './bench-dataset';
import { round, target, timed, type Figure } from './bench-report';

/** Peak resident memory of this process so far (Linux), in MB. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

/** Starts counting the peak afresh (Linux: writing 5 to clear_refs resets VmHWM). */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Loaded with --import into the CLI: reports the process's peak memory as it exits. */
const PEAK_HOOK = `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  const match = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stderr.write('\\nBENCH_PEAK_KB=' + (match ? match[1] : '') + '\\n');
});
`;

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - start }));
    child.stdin.end();
  });
}

/**
 * The annual review pack (PDF, XLSX, JSON, audit CSV, signed manifest) for the last 12 months:
 * once through the router in this process (the export's own time), and once as a user runs it,
 * `custodian review export` in its own process (node start-up and the scrypt sign-in included),
 * whose peak memory is the figure. Next to it: reading the year's audit rows raw.
 */
export async function measureReviewExport(ds: BenchDataset): Promise<Figure> {
  const { from, to, events } = ds.reviewPeriod;
  const reset = resetPeak();
  const before = process.memoryUsage().rss / 2 ** 20;
  const inProcess = await timed(() => ds.core.call(ds.admin, 'review.export', { from, to, out: join(ds.dataDir, 'pack-in-process') }));
  if (!inProcess.value.ok) throw new Error(`review.export failed: ${inProcess.value.error.message}`);
  const inProcessPeak = peakRssMb();

  const hook = join(ds.dataDir, 'bench-peak-hook.mjs');
  writeFileSync(hook, PEAK_HOOK);
  const out = join(ds.dataDir, 'pack-cli');
  const cli = await runCli(
    [
      '--import',
      pathToFileURL(hook).href,
      // BENCH_PROFILE=1: a CPU profile of the command in out/bench/ (open it in Chrome's DevTools).
      ...(process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir', join(ROOT, 'out/bench')] : []),
      join(ROOT, 'bin/custodian.js'), '--data-dir', ds.dataDir, '--as', ADMIN.email, 'review', 'export', '--from', from, '--to', to, '--out', out,
    ],
    { CUSTODIAN_PASSPHRASE: ADMIN.passphrase },
  );
  if (cli.code !== 0) throw new Error(`custodian review export failed (${cli.code}): ${cli.stderr}`);
  const cliPeak = Number(/BENCH_PEAK_KB=(\d+)/.exec(cli.stderr)?.[1] ?? Number.NaN) / 1024;
  const csvBytes = statSync(join(out, 'audit.csv')).size;

  const db = new Database(databasePath(ds.dataDir), { readonly: true });
  const raw = await timed(() => {
    let n = 0;
    for (const _row of db.prepare('SELECT * FROM audit_events WHERE at >= ? AND at < ? ORDER BY seq').iterate(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`)) n += 1;
    return n;
  });
  db.close();

  const seconds = inProcess.ms / 1000;
  return {
    id: 'review.export',
    title: `Annual review export, ${events.toLocaleString('en-GB')} events in the year`,
    value: round(seconds, 2),
    unit: 's',
    limit: { what: "reading the year's audit rows raw", value: round(raw.ms / 1000, 2), unit: 's' },
    ratio: round(raw.ms / inProcess.ms, 2),
    target: target('≤ 5 s and ≤ 400 MB peak', [
      { actual: seconds, bound: 5, kind: 'max', unit: 's' },
      { actual: cliPeak, bound: 400, kind: 'max', unit: 'MB' },
    ]),
    details: {
      peakMemoryMb: round(cliPeak, 0),
      cliWallSeconds: round(cli.ms / 1000, 2),
      inProcessPeakRssMb: reset ? round(inProcessPeak, 0) : 'not measurable here',
      rssBeforeInProcessMb: round(before, 0),
      auditCsvMegabytes: round(csvBytes / 1e6, 1),
      rawRowsRead: raw.value,
    },
  };
}
