import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/custodian.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../out/cli/index.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `custodian` command as a user would, in its own process. */
export function custodian(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): CliRun {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: npm test builds it first (npm run build:cli).');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CUSTODIAN_DATA_DIR: undefined, CUSTODIAN_OPERATOR: undefined, CUSTODIAN_PASSPHRASE: undefined, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface AsyncRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built command in its own process, asynchronously: the platform fake answers from this
 * process, so the test's event loop must keep running while the command does (spawnSync would
 * block it).
 */
export function custodianAsync(args: string[], env: NodeJS.ProcessEnv, options: { input?: string; onStart?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<AsyncRun> {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: npm test builds it first (npm run build:cli).');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CUSTODIAN_DATA_DIR: undefined, CUSTODIAN_OPERATOR: undefined, CUSTODIAN_PASSPHRASE: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
    options.onStart?.(child);
  });
}

/**
 * The first sign-in of an operator an administrator added: they must change the passphrase they
 * were given before anything else (their key is made then). The tests' people keep the one the
 * test knows, so it is changed to a passing one and back (the rule refuses the same passphrase).
 */
export function chooseOwnPassphrase(env: NodeJS.ProcessEnv, email: string, passphrase: string): void {
  const passing = `${passphrase} passing through`;
  for (const [current, next] of [
    [passphrase, passing],
    [passing, passphrase],
  ] as const) {
    const run = custodian(['passphrase', 'change'], { env: { ...env, CUSTODIAN_OPERATOR: email, CUSTODIAN_PASSPHRASE: current, CUSTODIAN_NEW_PASSPHRASE: next } });
    if (run.code !== 0) throw new Error(`passphrase change for ${email} failed (${run.code}): ${run.stderr}`);
  }
}
