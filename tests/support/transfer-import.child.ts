/**
 * A `custodian transfer import` that tests/reliability/transfer-import-crash.test.ts kills with
 * SIGKILL at a chosen keychain call. Bundled by that test and run with plain node, the real core
 * and the real keychain (a namespace of its own, as another computer's):
 *
 *   node transfer-import.mjs '<plan json>'
 *
 * plan.kill: die (SIGKILL, no cleanup) just before the nth `op` on the vault's keychain service,
 * counted from the first `after` call when given (e.g. the first read after any write). Prints
 * `RESULT <json>` when the import returned instead.
 */
import { createCore } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { otherComputerStore } from './other-computer-store';

type Op = 'get' | 'set' | 'delete';

export interface ImportChildPlan {
  dataDir: string;
  file: string;
  passphrase: string;
  computer: string;
  vaultService: string;
  kill: { op: Op; nth: number; after?: Op } | null;
}

function killing(inner: SecretStore, plan: ImportChildPlan): SecretStore {
  let counting = plan.kill?.after === undefined;
  let seen = 0;
  const before = async (op: Op, service: string) => {
    if (plan.kill === null || service !== plan.vaultService) return;
    if (!counting && op === plan.kill.after) counting = true;
    if (counting && op === plan.kill.op && (seen += 1) === plan.kill.nth) {
      process.stdout.write(`KILLED before ${op} #${seen}\n`);
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    }
  };
  return {
    kind: inner.kind,
    get: async (s, a) => (await before('get', s), inner.get(s, a)),
    set: async (s, a, v) => (await before('set', s), inner.set(s, a, v)),
    delete: async (s, a) => (await before('delete', s), inner.delete(s, a)),
  };
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as ImportChildPlan;
  const store = killing(otherComputerStore(createKeytarStore(), plan.computer), plan);
  const core = createCore({ dataDir: plan.dataDir, secretStore: store });
  const result = await core.call(null, 'transfer.import', { path: plan.file, passphrase: plan.passphrase, replace: false });
  await core.close();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`transfer-import child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
