import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kitPdfText } from '../support/recovery-kit-text';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';
import { vaultSnapshot, type VaultSnapshot } from '../support/vault-snapshot';

const ADMIN = { email: 'alex.admin@trust.example', passphrase: 'correct horse battery' };
const init = ['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Alex Admin', '--admin-email', ADMIN.email];

describe('the recovery kit on the command line', () => {
  const dirs: { path: string; remove(): void }[] = [];
  const restored: string[] = [];
  afterEach(async () => {
    for (const dataDir of restored.splice(0)) await (await kitVault()).snapshot.release(dataDir);
    dirs.splice(0).forEach((d) => d.remove());
  });
  const home = () => {
    const dir = tempDir('custodian-cli-kit-');
    dirs.push(dir);
    return { dir: dir.path, env: { CUSTODIAN_DATA_DIR: join(dir.path, 'vault'), CUSTODIAN_PASSPHRASE: ADMIN.passphrase } };
  };
  /**
   * A vault just made by `init --recovery-kit` and its kit, made once: the tests of what the kit
   * does afterwards each start from a copy of it (vault-snapshot.ts; one at a time), reading the
   * one kit file. The first test runs init itself.
   */
  const kitFolder = tempDir('custodian-cli-kit-made-');
  const kit = join(kitFolder.path, 'kit.pdf');
  let made: Promise<{ snapshot: VaultSnapshot; kit: string }> | undefined;
  const kitVault = () =>
    (made ??= vaultSnapshot((dataDir) => {
      const run = custodian([...init, '--recovery-kit', kit], { env: { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_PASSPHRASE: ADMIN.passphrase } });
      expect(run.code, run.stderr).toBe(0);
    }).then((snapshot) => ({ snapshot, kit })));
  afterAll(async () => {
    await (await made)?.snapshot.remove();
    kitFolder.remove();
  });
  /** A home whose vault was made by init --recovery-kit (a copy of kitVault's), and the kit's path. */
  const homeWithKit = async () => {
    const { dir, env } = home();
    const { snapshot, kit } = await kitVault();
    await snapshot.restore(env.CUSTODIAN_DATA_DIR);
    restored.push(env.CUSTODIAN_DATA_DIR);
    return { dir, env, kit };
  };

  it('init --recovery-kit writes a private PDF and prints its three checksum words', () => {
    const { dir, env } = home();
    const kit = join(dir, 'kit.pdf');
    const run = custodian([...init, '--recovery-kit', kit], { env });
    expect(run.stderr).toContain('is its first administrator');
    expect(run.code).toBe(0);
    const words = /check the three checksum words ([a-z]+ [a-z]+ [a-z]+), put it in the trust's safe, then delete the file\./.exec(run.stdout)?.[1];
    expect(run.stdout).toContain(`Print ${kit}`);
    expect(words).toBeDefined();
    expect(statSync(kit).mode & 0o777).toBe(0o600);
    // With the right words given back, it says they match.
    const second = home();
    const confirmRun = custodian([...init, '--recovery-kit', join(second.dir, 'kit.pdf'), '--confirm-checksum', 'abandon ability able'], { env: second.env });
    expect(confirmRun.code).toBe(1);
    expect(confirmRun.stderr).toContain("are not this kit's");
    expect(existsSync(join(second.dir, 'kit.pdf'))).toBe(true);
    const audit = custodian(['audit', 'verify', '--as', ADMIN.email], { env });
    expect(audit.code).toBe(0);
  }, 120_000);

  it('offers the kit once, at the first administrator sign-in of a vault that never had the offer', () => {
    const { env } = home();
    expect(custodian(init, { env }).code).toBe(0);
    const as = { ...env, CUSTODIAN_OPERATOR: ADMIN.email };
    // A vault made by init had its offer (init's --recovery-kit): nothing is said at sign-in.
    expect(custodian(['person', 'list'], { env: as }).stderr).not.toContain('no recovery kit');
    // A vault from before the kit has no offer on record (as an upgraded one has none).
    const db = new Database(join(env.CUSTODIAN_DATA_DIR, 'custodian.sqlite3'));
    db.prepare('DELETE FROM recovery_kit_offer').run();
    db.close();
    const offered = custodian(['person', 'list'], { env: as });
    expect(offered.code).toBe(0);
    expect(offered.stderr).toContain('custodian: this vault has no recovery kit yet.');
    expect(offered.stderr).toContain('custodian recovery kit --out FILE');
    // Once: the compliance finding and the Data page ask after that, not every command.
    expect(custodian(['person', 'list'], { env: as }).stderr).not.toContain('no recovery kit');
    const trail = JSON.parse(custodian(['audit', 'list', '--json', '--action', 'recovery.kit_offered'], { env: as }).stdout) as { actor: string }[];
    expect(trail.map((e) => e.actor)).toEqual([ADMIN.email]);
  }, 120_000);

  it('recovery grant --kit FILE gives access with the kit’s words from a text file', async () => {
    const { dir, env, kit } = await homeWithKit();
    const as = { ...env, CUSTODIAN_OPERATOR: ADMIN.email };
    expect(custodian(['example', 'load'], { env: as }).code).toBe(0);
    expect(custodian(['secret', 'set', 'x:@SHINEatPPA', '--kind', 'password'], { env: as, input: 'PPA-pass-5b1e\n' }).code).toBe(0);
    expect(custodian(['access', 'revoke', 'x:@SHINEatPPA', ADMIN.email], { env: as }).code).toBe(0);
    const nina = { email: 'nina.new@trust.example', passphrase: 'nina passphrase 73' };
    const added = custodian(['person', 'add', '--name', 'Nina New', '--email', nina.email, '--role', 'core-team', '--operator', 'poster'], {
      env: { ...as, CUSTODIAN_NEW_PASSPHRASE: nina.passphrase },
    });
    expect(added.code).toBe(0);
    chooseOwnPassphrase(env, nina.email, nina.passphrase);
    const asNina = { ...env, CUSTODIAN_OPERATOR: nina.email, CUSTODIAN_PASSPHRASE: nina.passphrase };
    expect(custodian(['secret', 'reveal', 'x:@SHINEatPPA', '--kind', 'password', '--reason', 'Before'], { env: asNina }).code).toBe(1);
    const words = join(dir, 'kit.txt');
    writeFileSync(words, kitPdfText(kit));
    const grant = custodian(['recovery', 'grant', 'x:@SHINEatPPA', nina.email, '--kit', words], { env: as });
    expect(grant.stderr).toContain('opened with the recovery kit');
    expect(grant.code).toBe(0);
    const reveal = custodian(['secret', 'reveal', 'x:@SHINEatPPA', '--kind', 'password', '--reason', 'After recovery'], { env: asNina });
    expect(reveal.code).toBe(0);
    expect(reveal.stdout).toContain('PPA-pass-5b1e');
    // A kit file that is not a kit fails (exit 1), naming the problem.
    writeFileSync(words, 'Recovery words:\n1. abandon 2. zebrra\n');
    const bad = custodian(['recovery', 'grant', 'x:@SHINEatPPA', nina.email, '--kit', words], { env: as });
    expect(bad.code).toBe(1);
    expect(custodian(['audit', 'verify'], { env: as }).code).toBe(0);
  }, 300_000);

  it('recovery admin EMAIL --kit FILE makes an administrator when the sole one forgot their passphrase', async () => {
    const { dir, env, kit } = await homeWithKit();
    const as = { ...env, CUSTODIAN_OPERATOR: ADMIN.email };
    const sam = { email: 'sam.steward@trust.example', passphrase: 'sam steward new passphrase 4' };
    expect(custodian(['person', 'add', '--name', 'Sam Steward', '--email', sam.email, '--role', 'core-team'], { env: as }).code).toBe(0);
    const words = join(dir, 'kit.txt');
    // No sign-in is asked for: nobody who could give one is left.
    const noKit = custodian(['recovery', 'admin', sam.email, '--kit', join(dir, 'missing.txt')], { env: { CUSTODIAN_DATA_DIR: env.CUSTODIAN_DATA_DIR, CUSTODIAN_NEW_PASSPHRASE: sam.passphrase } });
    expect(noKit.code).not.toBe(0);
    writeFileSync(words, kitPdfText(kit));
    const made = custodian(['recovery', 'admin', sam.email, '--kit', words], { env: { CUSTODIAN_DATA_DIR: env.CUSTODIAN_DATA_DIR, CUSTODIAN_NEW_PASSPHRASE: sam.passphrase } });
    expect(made.stderr).toContain(`${sam.email} is now an administrator`);
    expect(made.code).toBe(0);
    const asSam = { ...env, CUSTODIAN_OPERATOR: sam.email, CUSTODIAN_PASSPHRASE: sam.passphrase };
    const people = custodian(['person', 'list', '--json'], { env: asSam });
    expect(people.code, people.stderr).toBe(0);
    expect(JSON.parse(people.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ email: sam.email, consoleRole: 'admin' })]));
    const trail = JSON.parse(custodian(['audit', 'list', '--json', '--action', 'recovery.admin'], { env: asSam }).stdout) as { outcome: string; target: string }[];
    expect(trail).toEqual([expect.objectContaining({ outcome: 'ok', target: sam.email })]);
    expect(custodian(['audit', 'verify'], { env: asSam }).code).toBe(0);
  }, 120_000);

  it("person reset-passphrase: a one-time passphrase; another administrator's needs --second-admin or --kit", async () => {
    const { dir, env, kit } = await homeWithKit();
    const as = { ...env, CUSTODIAN_OPERATOR: ADMIN.email };
    const bea = { email: 'bea.backup@trust.example', passphrase: 'bea backup passphrase 9' };
    const cal = { email: 'cal.second@trust.example', passphrase: 'cal second passphrase 8' };
    for (const [name, person] of [['Bea Backup', bea], ['Cal Second', cal]] as const) {
      expect(custodian(['person', 'add', '--name', name, '--email', person.email, '--role', 'core-team', '--operator', 'admin'], { env: { ...as, CUSTODIAN_NEW_PASSPHRASE: person.passphrase } }).code).toBe(0);
      chooseOwnPassphrase(env, person.email, person.passphrase);
    }
    const oneTime = 'bea one-time passphrase 70';
    const alone = custodian(['person', 'reset-passphrase', bea.email], { env: { ...as, CUSTODIAN_NEW_PASSPHRASE: oneTime } });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain("needs a second administrator's sign-in or the recovery kit");
    const asBea = { ...env, CUSTODIAN_OPERATOR: bea.email, CUSTODIAN_PASSPHRASE: bea.passphrase };
    expect(custodian(['school', 'list'], { env: asBea }).code).toBe(0);
    // The second administrator's passphrase from its variable, never on the command line.
    const noSecond = custodian(['person', 'reset-passphrase', bea.email, '--second-admin', cal.email], { env: { ...as, CUSTODIAN_NEW_PASSPHRASE: oneTime } });
    expect(noSecond.code).toBe(1);
    expect(noSecond.stderr).toContain('CUSTODIAN_SECOND_PASSPHRASE');
    const reset = custodian(['person', 'reset-passphrase', bea.email, '--second-admin', cal.email], {
      env: { ...as, CUSTODIAN_NEW_PASSPHRASE: oneTime, CUSTODIAN_SECOND_PASSPHRASE: cal.passphrase },
    });
    expect(reset.stderr).toContain(`${bea.email} has a one-time passphrase`);
    expect(reset.code).toBe(0);
    expect(custodian(['school', 'list'], { env: asBea }).code).toBe(1);
    const first = custodian(['school', 'list'], { env: { ...asBea, CUSTODIAN_PASSPHRASE: oneTime } });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`custodian passphrase change --as ${bea.email}`);

    // With the kit instead: Cal's reset, then Cal chooses their own.
    const words = join(dir, 'kit.txt');
    writeFileSync(words, kitPdfText(kit));
    const byKit = custodian(['person', 'reset-passphrase', cal.email, '--kit', words], { env: { ...as, CUSTODIAN_NEW_PASSPHRASE: 'cal one-time passphrase 71' } });
    expect(byKit.stderr).toContain('Put the kit back in the safe');
    expect(byKit.code).toBe(0);
    const changed = custodian(['passphrase', 'change'], { env: { ...env, CUSTODIAN_OPERATOR: cal.email, CUSTODIAN_PASSPHRASE: 'cal one-time passphrase 71', CUSTODIAN_NEW_PASSPHRASE: 'cal chose this one 72' } });
    expect(changed.code, changed.stderr).toBe(0);
    expect(custodian(['school', 'list'], { env: { ...env, CUSTODIAN_OPERATOR: cal.email, CUSTODIAN_PASSPHRASE: 'cal chose this one 72' } }).code).toBe(0);
    const trail = JSON.parse(custodian(['audit', 'list', '--json', '--action', 'person.reset_passphrase'], { env: as }).stdout) as { outcome: string; target: string; details: Record<string, unknown> }[];
    expect(trail.map((e) => [e.outcome, e.target, e.details.by])).toEqual([
      ['ok', cal.email, 'recovery-kit'],
      ['ok', bea.email, 'second-administrator'],
    ]);
    expect(custodian(['audit', 'verify'], { env: as }).code).toBe(0);
  }, 300_000);
});
