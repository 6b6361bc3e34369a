import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kitPdfText } from '../support/recovery-kit-text';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const ADMIN = { email: 'alex.admin@trust.example', passphrase: 'correct horse battery' };
const init = ['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Alex Admin', '--admin-email', ADMIN.email];

describe('the recovery kit on the command line', () => {
  const dirs: { path: string; remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const home = () => {
    const dir = tempDir('custodian-cli-kit-');
    dirs.push(dir);
    return { dir: dir.path, env: { CUSTODIAN_DATA_DIR: join(dir.path, 'vault'), CUSTODIAN_PASSPHRASE: ADMIN.passphrase } };
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

  it('recovery grant --kit FILE gives access with the kit’s words from a text file', () => {
    const { dir, env } = home();
    const kit = join(dir, 'kit.pdf');
    expect(custodian([...init, '--recovery-kit', kit], { env }).code).toBe(0);
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
});
