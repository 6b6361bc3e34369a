/**
 * A child process for tests/reliability/keychain-matrix.test.ts: the real core, in an
 * environment of the test's choosing (no D-Bus, no Secret Service, a locked keyring, a bus
 * that never answers), running a few router calls in order. Bundled by the test
 * (tests/support/core-bundle.ts); keytar binds to the session bus once per process, hence
 * one process per environment.
 *
 *   node vault-child.mjs '<plan json>'
 *
 * plan: { dataDir, timeoutMs?, calls: [{ method, input, signedIn? }] } — signedIn: use the
 * token of the last successful auth.signIn. Prints one line `RESULT <json>`: per call
 * { method, ok, code?, message?, ms }, and whether a keychain call is still stuck.
 */
import { createCore } from '../../electron/core/app';
import { createKeytarStore, pendingKeychainCalls } from '../../electron/core/secrets/keytar.store';

export interface VaultChildPlan {
  dataDir: string;
  timeoutMs?: number;
  calls: { method: string; input: unknown; signedIn?: boolean }[];
}

export interface VaultChildCall {
  method: string;
  ok: boolean;
  code?: string;
  message?: string;
  ms: number;
}

async function main(): Promise<boolean> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as VaultChildPlan;
  const core = createCore({ dataDir: plan.dataDir, secretStore: createKeytarStore(plan.timeoutMs === undefined ? {} : { timeoutMs: plan.timeoutMs }) });
  const results: VaultChildCall[] = [];
  let token: string | null = null;
  for (const call of plan.calls) {
    const started = performance.now();
    const result = await core.dispatch(call.signedIn === true ? token : null, call.method, call.input);
    const ms = Math.round(performance.now() - started);
    if (result.ok && call.method === 'auth.signIn') token = (result.value as { token: string }).token;
    results.push(result.ok ? { method: call.method, ok: true, ms } : { method: call.method, ok: false, code: result.error.code, message: result.error.message, ms });
  }
  // A keychain call that timed out is still blocked in a worker thread: closing would wait for it.
  const stuck = pendingKeychainCalls() > 0;
  if (!stuck) await core.close();
  await new Promise((resolve) => process.stdout.write(`RESULT ${JSON.stringify({ results, stuck })}\n`, resolve));
  return stuck;
}

main().then(
  (stuck) => (stuck ? process.kill(process.pid, 'SIGKILL') : process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`vault-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
