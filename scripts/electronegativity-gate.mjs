#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the app's Electron code, gated.
 *
 * The scanner itself exits 0 whatever it finds, and with an output file it drops the files it
 * could not parse without a word. So this script runs it, reads the SARIF it writes and fails
 * (exit 1) when:
 * - a finding is not on the reviewed allow-list, security/electronegativity-allow.json (rule,
 *   file, the code on the flagged line, and why it is acceptable);
 * - an allow-list entry matches nothing any more (stale entries hide future findings);
 * - a file could not be parsed (it was not checked at all);
 * - the code carries an inline "eng-disable" comment (the allow-list is the one reviewed place);
 * - one of the folders it should scan is missing.
 *
 * Usage: node scripts/electronegativity-gate.mjs [--root DIR] [--allow FILE] [--sarif FILE]
 * (--root and --allow let the tests scan a copy with a planted problem.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(here, '..');

/** What runs inside Electron: main, the core it loads, the preload and the renderer (index.html carries the CSP). */
export const SCAN_PATHS = ['electron/main', 'electron/core', 'electron/preload', 'renderer/index.html', 'renderer/src', 'package.json'];
export const ALLOW_FILE = 'security/electronegativity-allow.json';
const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);

/** Reads and checks the allow-list; throws with a plain message when an entry is incomplete. */
export function readAllowList(file) {
  const list = JSON.parse(readFileSync(file, 'utf8'));
  const allow = Array.isArray(list.allow) ? list.allow : [];
  const excluded = Array.isArray(list.excludedChecks) ? list.excludedChecks : [];
  for (const [index, entry] of allow.entries()) {
    for (const key of ['rule', 'file', 'code', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') throw new Error(`${file}: allow[${index}] has no "${key}".`);
    }
    if (entry.reason.trim().length < 40) throw new Error(`${file}: allow[${index}] (${entry.rule}) needs a real reason, not "${entry.reason}".`);
  }
  for (const [index, entry] of excluded.entries()) {
    if (typeof entry.check !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 40) {
      throw new Error(`${file}: excludedChecks[${index}] needs a check name and a reason.`);
    }
  }
  return { allow, excluded };
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Copies the scanned paths into a temporary folder so the SARIF names files relative to the project. */
function stage(root, stageDir) {
  const missing = [];
  for (const rel of SCAN_PATHS) {
    const from = path.join(root, rel);
    if (!existsSync(from)) {
      missing.push(rel);
      continue;
    }
    cpSync(from, path.join(stageDir, rel), { recursive: true });
  }
  return missing;
}

/** The installed Electron's version, so the version-specific checks do not guess. */
function electronVersion(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const wanted = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (typeof wanted !== 'string') throw new Error('package.json names no electron version.');
  return wanted.replace(/^[^\d]*/, '');
}

/**
 * Runs in a child process (see main): the scanner writes its SARIF with an asynchronous
 * fs.writeFile after it returns, and a process only exits once that write is done. The scanner
 * also fetches translations from the web on every run; here that is refused up front, so a scan
 * never depends on the network and its rules and messages come from the installed package.
 */
async function scan(input, sarifFile, errorsFile, version, excludedChecks) {
  const requireFromScanner = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'));
  const gotPath = requireFromScanner.resolve('got');
  const offline = () => Promise.reject(new Error('offline: the gate does not fetch translations'));
  requireFromScanner.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  const run = requireFromScanner('./dist/runner.js');
  const result = await run({
    input,
    output: sarifFile,
    isSarif: true,
    customScan: [],
    excludeFromScan: excludedChecks.map((check) => check.toLowerCase()),
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: version,
    parserPlugins: [],
  });
  writeFileSync(errorsFile, JSON.stringify(result.errors.filter((error) => !error.tolerable).map((error) => ({ file: path.relative(input, error.file), message: error.message }))));
}

/** Every finding in the SARIF, with the code on its line (what allow-list entries match on). */
export function sarifFindings(sarif, stageDir) {
  const lines = new Map();
  const lineOf = (file, line) => {
    if (!lines.has(file)) {
      const full = path.join(stageDir, file);
      lines.set(file, existsSync(full) ? readFileSync(full, 'utf8').split('\n') : []);
    }
    return (lines.get(file)[line - 1] ?? '').trim();
  };
  return (sarif.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const file = (location?.artifactLocation?.uri ?? 'N/A').split(path.sep).join('/');
      const line = location?.region?.startLine ?? 1;
      return { rule: result.ruleId, file, line, code: lineOf(file, line), message: result.message?.text ?? '', level: result.level };
    }),
  );
}

/** Splits findings into allowed and not, and names the entries that matched nothing. */
export function applyAllowList(findings, allow) {
  const used = new Set();
  const refused = [];
  for (const finding of findings) {
    const index = allow.findIndex((entry) => entry.rule === finding.rule && entry.file === finding.file && finding.code.includes(entry.code));
    if (index === -1) refused.push(finding);
    else used.add(index);
  }
  const stale = allow.filter((_entry, index) => !used.has(index));
  return { refused, stale, allowed: findings.length - refused.length };
}

function inlineDisables(stageDir) {
  return walk(stageDir)
    .filter((file) => SOURCE_EXTENSIONS.has(path.extname(file)))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ file: path.relative(stageDir, file), line: i + 1, text }))
        .filter(({ text }) => /eng-disable/.test(text)),
    );
}

function parseArgs(argv) {
  const options = { root: PROJECT_ROOT, allow: undefined, sarif: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    if (flag === '--root') options.root = path.resolve(value);
    else if (flag === '--allow') options.allow = path.resolve(value);
    else if (flag === '--sarif') options.sarif = path.resolve(value);
    else throw new Error(`Unknown option ${flag}.`);
  }
  options.allow ??= path.join(options.root, ALLOW_FILE);
  return options;
}

export async function main(argv) {
  const options = parseArgs(argv);
  const { allow, excluded } = readAllowList(options.allow);
  const work = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const problems = [];
  try {
    const stageDir = path.join(work, 'app');
    const missing = stage(options.root, stageDir);
    for (const rel of missing) problems.push(`missing: ${rel} is not there to scan (update SCAN_PATHS in scripts/electronegativity-gate.mjs).`);

    const sarifFile = options.sarif ?? path.join(work, 'electronegativity.sarif');
    const errorsFile = path.join(work, 'errors.json');
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--scan', stageDir, sarifFile, errorsFile, electronVersion(options.root), JSON.stringify(excluded.map((e) => e.check))], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en-US' },
      timeout: 5 * 60_000,
    });
    if (child.status !== 0 || !existsSync(sarifFile)) {
      process.stderr.write(child.stdout + child.stderr);
      throw new Error(`Electronegativity did not finish (exit ${child.status ?? child.signal}).`);
    }

    for (const error of JSON.parse(readFileSync(errorsFile, 'utf8'))) problems.push(`not scanned: ${error.file} could not be parsed (${error.message}).`);
    for (const hit of inlineDisables(stageDir)) problems.push(`inline disable: ${hit.file}:${hit.line} turns a check off in the code; add a reviewed entry to ${ALLOW_FILE} instead.`);

    const findings = sarifFindings(JSON.parse(readFileSync(sarifFile, 'utf8')), stageDir);
    const { refused, stale, allowed } = applyAllowList(findings, allow);
    for (const f of refused) problems.push(`finding: ${f.rule} at ${f.file}:${f.line} (${f.message}) \`${f.code.slice(0, 120)}\``);
    for (const entry of stale) problems.push(`stale allow-list entry: ${entry.rule} in ${entry.file} on \`${entry.code}\` matches nothing now; remove it.`);

    console.log(`Electronegativity: ${findings.length} finding(s), ${allowed} on the reviewed allow-list, ${excluded.length} check(s) excluded.`);
    if (problems.length > 0) {
      console.error(`Electronegativity gate failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      console.error(`Fix the code, or review the finding and add it to ${ALLOW_FILE} with a reason.`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--scan') {
    const [, input, sarifFile, errorsFile, version, excludedJson] = argv;
    await scan(input, sarifFile, errorsFile, version, JSON.parse(excludedJson));
  } else {
    try {
      process.exitCode = await main(argv);
    } catch (error) {
      console.error(`Electronegativity gate: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}
