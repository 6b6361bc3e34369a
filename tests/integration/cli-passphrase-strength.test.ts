import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassphrase } from '../../electron/core/auth/passphrase';
import { runCli } from '../../electron/cli/run-cli';
import { custodian, type CliRun } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/** Issue 12, attack 10, from the command line: each weak passphrase refused with zxcvbn's advice, never echoed. */
const ATTACKS = ['aaaaaaaaaa', 'password12', '1234567890'];
const FEEDBACK = /Repeated characters|commonly used password|frequently used password|heavily used password|Add more words that are less common/;

function expectRefused(run: CliRun, passphrase: string): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/too easy to guess/);
  expect(run.stderr).toMatch(FEEDBACK);
  expect(run.stdout + run.stderr).not.toContain(passphrase);
}

describe('custodian and weak passphrases', () => {
  const dir = tempDir('custodian-cli-strength-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const init = (env: NodeJS.ProcessEnv) => custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], { env });

  beforeAll(() => {
    for (const passphrase of ATTACKS) {
      expectRefused(init({ CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: passphrase }), passphrase);
      expect(existsSync(join(dir.path, 'custodian.sqlite3'))).toBe(false);
    }
    expect(init({ CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE }).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('refuses each one for a new operator, a passphrase change and a transfer file, and changes nothing', () => {
    const out = join(dir.path, 'moving.custodian-transfer');
    for (const passphrase of ATTACKS) {
      expectRefused(custodian(['person', 'add', '--name', 'Sam Poster', '--email', 'sam@trust.example', '--role', 'core-team', '--operator', 'poster'], { env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: passphrase } }), passphrase);
      expectRefused(custodian(['passphrase', 'change'], { env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: passphrase } }), passphrase);
    }
    for (const passphrase of ['aaaaaaaaaaaa', 'password1234', '123456789012']) {
      expectRefused(custodian(['transfer', 'export', '--out', out], { env: { ...admin, CUSTODIAN_TRANSFER_PASSPHRASE: passphrase } }), passphrase);
      expect(existsSync(out)).toBe(false);
    }
    expect(JSON.parse(custodian(['person', 'list', '--json'], { env: admin }).stdout)).toHaveLength(1);
  });

  /** Adds a poster at a terminal (in process, as a person typing) who answers every passphrase prompt with `typed`. */
  const addAtTerminal = async (name: string, email: string, typed: string) => {
    const questions: string[] = [];
    const errors: string[] = [];
    const code = await runCli(['--data-dir', dir.path, '--as', 'head@pet.example', 'person', 'add', '--name', name, '--email', email, '--role', 'core-team', '--operator', 'poster'], {
      env: { CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
      stdout: () => undefined,
      stderr: (text) => void errors.push(text),
      readStdin: () => Promise.resolve(''),
      stdinIsTty: true,
      promptHidden: (question) => {
        questions.push(question);
        return Promise.resolve(typed);
      },
    });
    return { code, questions, errors: errors.join('') };
  };

  it('shows the advice after the first entry on a terminal, before asking for it again', async () => {
    const { code, questions, errors } = await addAtTerminal('Kim Poster', 'kim@trust.example', 'password12');
    expect(code).toBe(1);
    expect(questions).toEqual(['New passphrase for kim@trust.example (at least 10 characters): ']);
    expect(errors).toMatch(/too easy to guess.*commonly used password/);
    expect(errors).not.toContain('password12');
  });

  it('says the passphrase is too short after the first entry, not after typing it twice', async () => {
    // Hard to guess, but short of the 10 characters the contract asks for.
    const { code, questions, errors } = await addAtTerminal('Lee Poster', 'lee@trust.example', 'Xk#9qL!m2');
    expect(code).toBe(1);
    expect(questions).toEqual(['New passphrase for lee@trust.example (at least 10 characters): ']);
    expect(errors).toContain('The passphrase must be at least 10 characters. Nothing was done.');
    expect(errors).not.toContain('Xk#9qL!m2');
  });

  it('tells an operator with an old weak passphrase how to change it, and refuses the rest until then', async () => {
    const poster = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'pat@trust.example', CUSTODIAN_PASSPHRASE: 'password12' };
    expect(custodian(['person', 'add', '--name', 'Pat Poster', '--email', 'pat@trust.example', '--role', 'core-team', '--operator', 'poster'], { env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: 'pat passphrase 1' } }).code).toBe(0);
    // As a vault made before strength was checked would have it.
    const db = new Database(join(dir.path, 'custodian.sqlite3'));
    db.prepare("UPDATE operators SET passphrase_hash = ? WHERE person_id = (SELECT id FROM people WHERE email = 'pat@trust.example')").run(await hashPassphrase('password12'));
    db.close();

    const refused = custodian(['school', 'list'], { env: poster });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('custodian passphrase change --as pat@trust.example');
    expect(refused.stderr).toMatch(/must be changed before you can do anything else/);
    expectRefused(custodian(['passphrase', 'change'], { env: { ...poster, CUSTODIAN_NEW_PASSPHRASE: 'aaaaaaaaaa' } }), 'aaaaaaaaaa');
    const changed = custodian(['passphrase', 'change'], { env: { ...poster, CUSTODIAN_NEW_PASSPHRASE: 'green gate river three' } });
    expect(changed.stderr).toContain('Your passphrase was changed.');
    expect(changed.code).toBe(0);
    expect(custodian(['school', 'list'], { env: { ...poster, CUSTODIAN_PASSPHRASE: 'green gate river three' } }).code).toBe(0);
  });
});
