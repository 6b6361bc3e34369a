/**
 * The writer that tests/reliability/crash.test.ts kills with SIGKILL. Bundled by that test
 * (out/reliability/crash-writer.mjs) and run with plain node against the real core, a real
 * vault and the real keychain:
 *
 *   node crash-writer.mjs write   '<plan json>'   mixed writes until killed
 *   node crash-writer.mjs migrate '<plan json>'   open (and so migrate) the vault, sign in, stop
 *
 * It prints one line per step on stdout: OPENING, OPENED (migrated), READY, then `BEGIN <op>` before each call and
 * `ACK <op + result>` once the core has returned it, i.e. committed. Writes to a pipe are
 * synchronous on Linux, so a printed ACK has left the process before the next call starts.
 */
import { createCore } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { seededRandom } from './seeded-random';

export interface CrashPlan {
  email: string;
  passphrase: string;
  seed: number;
  round: number;
  channels: string[];
  holders: string[];
}

export interface CrashOp {
  method: 'access.grant' | 'access.revoke' | 'secret.set' | 'inbox.add' | 'post.create';
  input: Record<string, unknown>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [mode, dataDir, planJson] = process.argv.slice(2);
  const plan = JSON.parse(planJson ?? '{}') as CrashPlan;
  const core = createCore({ dataDir: dataDir!, secretStore: createKeytarStore() });
  say('OPENING');
  // Opens the vault, and so migrates it when it is older than this build.
  const status = await core.call(null, 'vault.status', {});
  if (!status.ok) throw new Error(`open failed: ${status.error.code}: ${status.error.message}`);
  say('OPENED');
  const signedIn = await core.call(null, 'auth.signIn', { email: plan.email, passphrase: plan.passphrase });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.code}: ${signedIn.error.message}`);
  if (mode === 'migrate') {
    say('SIGNED-IN');
    await core.close();
    return;
  }
  const token = signedIn.value.token;
  // Who holds what now, so that each grant or revoke is one the core accepts.
  const grants = await core.call(token, 'access.list', {});
  if (!grants.ok) throw new Error(grants.error.message);
  const held = new Set(grants.value.filter((g) => g.current).map((g) => `${g.channel} ${g.holderEmail}`));
  const random = seededRandom(plan.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  say('READY');
  for (let i = 0; ; i += 1) {
    const tag = `r${plan.round}-${i}-${Math.floor(random() * 1e9).toString(36)}`;
    const channel = pick(plan.channels);
    const roll = random();
    let op: CrashOp;
    if (roll < 0.35) {
      const email = pick(plan.holders);
      op = { method: held.has(`${channel} ${email}`) ? 'access.revoke' : 'access.grant', input: { channel, email } };
    } else if (roll < 0.6) {
      op = { method: 'secret.set', input: { channel, kind: 'password', value: `crash-secret-${tag}` } };
    } else if (roll < 0.8) {
      op = {
        method: 'inbox.add',
        input: { channel, kind: 'comment', received: new Date(Date.now() - 3_600_000).toISOString(), summary: `Crash test comment ${tag}` },
      };
    } else {
      op = {
        method: 'post.create',
        input: { channels: [channel], text: `Crash test post ${tag}: well done to everyone at sports day!`, outcome: 'Celebrate pupils and thank the parents who came', pupils: 'none' },
      };
    }
    say(`BEGIN ${JSON.stringify(op)}`);
    const result = await core.dispatch(token, op.method, op.input);
    if (!result.ok) throw new Error(`${op.method} refused: ${result.error.code}: ${result.error.message}`);
    if (op.method === 'access.grant') held.add(`${channel} ${String(op.input.email)}`);
    if (op.method === 'access.revoke') held.delete(`${channel} ${String(op.input.email)}`);
    say(`ACK ${JSON.stringify({ ...op, result: result.value })}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`crash-writer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
