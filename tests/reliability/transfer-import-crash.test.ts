import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import { bundleChild, REPO_ROOT } from '../support/core-bundle';
import { otherComputerStore } from '../support/other-computer-store';
import type { ImportChildPlan } from '../support/transfer-import.child';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

const CHANNEL = 'instagram:@pendleprimaryacademy';
const PASSPHRASE = 'moving day, staple battery';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

interface Killed {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the import in its own process; kills it at the plan's keychain call, or when `killWhen` first holds. */
function runImport(bundle: string, plan: ImportChildPlan, killWhen?: () => boolean): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, JSON.stringify(plan)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const poll = killWhen === undefined ? null : setInterval(() => killWhen() && child.kill('SIGKILL'), 1);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (poll !== null) clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** What an interrupted import could leave behind: staging folders, markers, temporary files. */
function leftovers(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true })
    .map(String)
    .filter((name) => /(^|\/)\.transfer-import|\.tmp$|\.partial$|^\.init-/.test(name));
}

/**
 * Attack 12 of issue 12: `custodian transfer import` killed with SIGKILL part-way (while the file
 * is unsealed, before the keychain, with the keychain half written, one entry short) leaves a
 * folder that a plain retry, without --replace, clears and finishes: the vault verifies, holds what
 * was exported (secret, evidence, one import event), and nothing partial is left. Until then the
 * half-imported vault does not open. Killed after it completed, the retry is refused as over any
 * complete vault, and the vault is whole.
 */
describe('an interrupted transfer import is finished by a plain retry', () => {
  let bundle: string;
  let source: TestVault;
  let file: string;
  let entries: number;
  let password: string;
  const out = tempDir('custodian-transfer-crash-');
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    bundle = await bundleChild('tests/support/transfer-import.child.ts', 'transfer-import');
    source = await createTestVault();
    password = `pw-${randomBytes(12).toString('hex')}`;
    value(await source.call(source.admin, 'example.load', { demo: false }));
    value(await source.call(source.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: password }));
    // Setting it made the administrator its holder.
    const incident = value(await source.call(source.admin, 'incident.add', { channel: CHANNEL, summary: 'Abusive comment under the sports day post' }));
    value(await source.call(source.admin, 'incident.addEvidence', { id: incident.id, name: 'shot.png', mediaType: 'image/png', contentBase64: PNG.toString('base64') }));
    file = join(out.path, 'vault.custodian-transfer');
    entries = value(await source.call(source.admin, 'transfer.export', { path: file, passphrase: PASSPHRASE })).entries;
  }, 120_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await source.close();
    out.remove();
  });

  function newComputer(): { plan: (kill: ImportChildPlan['kill']) => ImportChildPlan; dataDir: string; open: () => ReturnType<typeof createCore> } {
    const home = tempDir('custodian-transfer-crash-pc-');
    const computer = `crash-pc-${randomBytes(4).toString('hex')}`;
    const dataDir = join(home.path, 'Custodian');
    const cores: ReturnType<typeof createCore>[] = [];
    cleanups.push(async () => {
      for (const core of cores) await core.close();
      home.remove();
    });
    return {
      dataDir,
      plan: (kill) => ({ dataDir, file, passphrase: PASSPHRASE, computer, vaultService: vaultService(vaultIdOf(source)), kill }),
      open: () => {
        const core = createCore({ dataDir, secretStore: otherComputerStore(createKeytarStore(), computer), validateOutputs: true });
        cores.push(core);
        return core;
      },
    };
  }

  async function expectWhole(core: ReturnType<typeof createCore>, dataDir: string): Promise<void> {
    const admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    expect(value(await core.call(admin, 'audit.verify', {})).ok).toBe(true);
    expect(value(await core.call(admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'After the move' })).value).toBe(password);
    const events = value(await core.call(admin, 'audit.list', { limit: 1000 }));
    expect(events.filter((e) => e.action === 'transfer.import')).toHaveLength(1);
    const evidence = readdirSync(join(dataDir, 'evidence'));
    expect(evidence).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'evidence', evidence[0] as string))).toEqual(PNG);
    expect(leftovers(dataDir)).toEqual([]);
  }

  const points: { name: string; kill: ImportChildPlan['kill']; early?: true }[] = [
    { name: 'as soon as the file starts being unsealed into the staging folder', kill: null, early: true },
    { name: 'staged and checked, before the keychain is read', kill: { op: 'get', nth: 1 } },
    { name: 'with two keychain entries written', kill: { op: 'set', nth: 3 } },
    { name: 'one keychain entry short', kill: { op: 'set', nth: -1 } },
  ];

  for (const point of points) {
    it(`killed ${point.name}: a retry without --replace finishes it`, async () => {
      const pc = newComputer();
      const kill = point.kill === null ? null : { ...point.kill, nth: point.kill.nth < 0 ? entries + point.kill.nth + 1 : point.kill.nth };
      const staged = () => existsSync(pc.dataDir) && readdirSync(pc.dataDir).some((name) => name.startsWith('.transfer-import-'));
      const killed = await runImport(bundle, pc.plan(kill), point.early === true ? staged : undefined);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(killed.stdout).not.toContain('RESULT');

      // Half imported: the folder does not open as a vault meanwhile, and says what to do.
      const meanwhile = await pc.open().call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase });
      expect(meanwhile).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!meanwhile.ok) expect(meanwhile.error.message).toMatch(/import did not finish.*transfer import/);

      const retry = await runImport(bundle, pc.plan(null));
      expect(retry.code, retry.stderr).toBe(0);
      const result = JSON.parse(retry.stdout.replace(/^RESULT /, '')) as { ok: boolean; value?: { trustName: string; entries: number } };
      expect(result, retry.stdout).toMatchObject({ ok: true, value: { trustName: 'Pendle Education Trust', entries } });
      await expectWhole(pc.open(), pc.dataDir);
    }, 120_000);
  }

  it('killed after it completed (at the first open): a retry is refused as over any vault, and the vault is whole', async () => {
    const pc = newComputer();
    const killed = await runImport(bundle, pc.plan({ op: 'get', nth: 1, after: 'set' }));
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const retry = await runImport(bundle, pc.plan(null));
    expect(retry.stdout).toMatch(/"code":"vault_exists"/);
    const core = pc.open();
    await expectWhole(core, pc.dataDir);
    expect(await otherComputerStore(createKeytarStore(), pc.plan(null).computer).get(vaultService(vaultIdOf(source)), ACCOUNTS.auditMacKey)).not.toBeNull();
  }, 120_000);
});

function vaultIdOf(v: TestVault): string {
  const db = new Database(join(v.dataDir, 'custodian.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string }).vault_id;
  } finally {
    db.close();
  }
}
