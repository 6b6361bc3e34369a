/**
 * Child process for tests/integration/keychain.test.ts: runs keychain operations in a process
 * of its own, so each case gets its own environment (no D-Bus, a locked keyring, a bus that
 * never answers) and a hang can be killed. libsecret connects once per process, so these
 * cases cannot share the test process.
 *
 *   node keychain-child.mjs raw   '<plan json>'   keytar itself: what it really throws
 *   node keychain-child.mjs store '<plan json>'   createKeytarStore (loaded through Vite, as
 *                                                 the app bundles it): timeout and mapping
 *
 * plan: { timeoutMs?: number, ops: [{ op: 'set'|'get'|'delete'|'probe', service?, account?, value? }] }
 * Prints one line `RESULT <json>`: { results: per op { op, ok, result?, name?, code?, message?, ms },
 * stuck: a store call is still blocked in the keychain }.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [mode, planJson] = process.argv.slice(2);
const plan = JSON.parse(planJson ?? '{"ops":[]}');

async function loadRaw() {
  const keytar = createRequire(import.meta.url)('keytar');
  return {
    set: (o) => keytar.setPassword(o.service, o.account, o.value),
    get: (o) => keytar.getPassword(o.service, o.account),
    delete: (o) => keytar.deletePassword(o.service, o.account),
  };
}

async function loadStore() {
  const { runnerImport } = await import('vite');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const file = fileURLToPath(new URL('../../electron/core/secrets/keytar.store.ts', import.meta.url));
  const { module } = await runnerImport(file, { root, configFile: false, logLevel: 'silent' });
  const store = module.createKeytarStore(plan.timeoutMs === undefined ? {} : { timeoutMs: plan.timeoutMs });
  return {
    set: (o) => store.set(o.service, o.account, o.value),
    get: (o) => store.get(o.service, o.account),
    delete: (o) => store.delete(o.service, o.account),
    probe: () => module.probeKeychain(store),
    pending: () => module.pendingKeychainCalls(),
  };
}

async function main() {
  const api = mode === 'store' ? await loadStore() : await loadRaw();
  const results = [];
  for (const o of plan.ops) {
    const started = performance.now();
    try {
      const result = await api[o.op](o);
      results.push({ op: o.op, ok: true, result: result ?? null, ms: Math.round(performance.now() - started) });
    } catch (error) {
      results.push({ op: o.op, ok: false, name: error?.name, code: error?.code, message: String(error?.message ?? error), ms: Math.round(performance.now() - started) });
    }
  }
  // A keychain call that timed out is still blocked in a worker thread and would make
  // process.exit() hang: end with SIGKILL then (the tests check this path stays short).
  const stuck = (api.pending?.() ?? 0) > 0;
  await new Promise((resolve) => process.stdout.write(`RESULT ${JSON.stringify({ results, stuck })}\n`, resolve));
  return stuck;
}

main().then(
  (stuck) => (stuck ? process.kill(process.pid, 'SIGKILL') : process.exit(0)),
  (error) => {
    process.stderr.write(`keychain-child: ${error?.stack ?? error}\n`);
    process.exit(2);
  },
);
