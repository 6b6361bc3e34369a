import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-vault';

const BUILT = fileURLToPath(new URL('../../out/cli', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { dependencies: Record<string, string> };
/** What the bundle may still load from node_modules (vite.cli.config.ts says why each). */
const EXTERNAL = ['better-sqlite3', 'exceljs', 'keytar', 'pdfkit'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/**
 * Issue 14: `custodian --help` and usage errors answer from the command table alone, without
 * the runner (the core, the keychain, the database) or anything from node_modules. Proved on a
 * copy of the built CLI in a temporary folder, where no node_modules can be found, with the
 * runner's chunk deleted: what still works there cannot have needed either.
 */
describe('the CLI starts with the command table alone', () => {
  const dir = tempDir('custodian-cli-start-');
  let entry = '';
  const run = (args: string[]) => spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', env: { ...process.env, CUSTODIAN_DATA_DIR: join(dir.path, 'vault'), CUSTODIAN_OPERATOR: 'a@b.example', CUSTODIAN_PASSPHRASE: 'irrelevant here' }, timeout: 30_000 });

  beforeAll(() => {
    cpSync(BUILT, join(dir.path, 'cli'), { recursive: true });
    entry = join(dir.path, 'cli/index.js');
    // The runner and the core it loads with it are one chunk (vite.cli.config.ts, codeSplitting).
    const runners = readdirSync(join(dir.path, 'cli/chunks')).filter((name) => name.startsWith('runner-'));
    expect(runners).toHaveLength(1);
    rmSync(join(dir.path, 'cli/chunks', runners[0] as string));
  });
  afterAll(() => dir.remove());

  it('prints the help, a command’s usage and the version', () => {
    for (const args of [['--help'], ['help'], ['totp', '--help'], ['-h']]) {
      const help = run(args);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toContain('custodian totp CHANNEL --reason TEXT');
    }
    // Words with the help narrow it to that group or command; words that name none give it all.
    for (const args of [['review', '--help'], ['help', 'review'], ['--as', 'a@b.example', 'review', '-h']]) {
      const review = run(args);
      expect(review.status, args.join(' ')).toBe(0);
      expect(review.stdout, args.join(' ')).toContain('custodian review export --out DIR');
      expect(review.stdout, args.join(' ')).toContain('custodian review verify DIR');
      expect(review.stdout, args.join(' ')).not.toContain('custodian totp');
    }
    expect(run(['secret', 'set', '--help']).stdout.match(/^ {2}custodian /gm)).toHaveLength(1);
    expect(run(['frobnicate', '--help']).stdout).toContain('custodian totp CHANNEL --reason TEXT');
    expect(run(['--version']).stdout).toMatch(/^custodian \S+\n$/);
    const none = run([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('custodian totp CHANNEL --reason TEXT');
  });

  it('reports usage errors (exit 2) before loading anything else', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /Unknown command: frobnicate\./],
      [['school', 'list', '--colour'], /Unknown option --colour\./],
      [['totp'], /Usage: custodian totp CHANNEL --reason TEXT/],
      [['person', 'add', '--as'], /--as needs a value\./],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('needs the runner for a real command (so the copy above really lacks it)', () => {
    const result = run(['school', 'list']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('an unexpected error stopped the command');
  });

  it('keeps the sign-in scrypt out of the runner, in the small chunk that starts it before the runner loads', () => {
    // cli/early-sign-in.ts: the scrypt runs while the runner loads only if it does not need the runner.
    const chunks = join(BUILT, 'chunks');
    const holders = readdirSync(chunks).filter((name) => readFileSync(join(chunks, name), 'utf8').includes('function deriveAhead('));
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatch(/^early-sign-in-/);
    for (const imported of readFileSync(join(chunks, holders[0] as string), 'utf8').matchAll(/from "\.\/([^"]+)"/g)) expect(imported[1]).not.toMatch(/^runner-/);
  });

  it('bundles every plain-JS dependency: only the named externals, all of them dependencies, are imported', () => {
    const imported = new Set<string>();
    for (const file of files(BUILT).filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/(?:^import\s[^;]*?from\s*|^import\s*|\bimport\()"([^"./][^"]*)"/gm)) {
        const specifier = match[1] as string;
        if (!specifier.startsWith('node:')) imported.add(specifier);
      }
    }
    expect([...imported].sort()).toEqual(EXTERNAL);
    for (const name of EXTERNAL) expect(Object.keys(PACKAGE.dependencies)).toContain(name);
  });
});
