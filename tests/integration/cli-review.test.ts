import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/** `custodian review export` and `review verify` through the built binary: output and exit codes. */
describe('custodian review export and verify', () => {
  const dir = tempDir('custodian-cli-review-');
  const packs = tempDir('custodian-cli-review-packs-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const run = (args: string[]) => custodian(args, { env: admin });
  // The last 30 UK days before today, whatever day the test runs.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const period = ['--from', day(-31), '--to', day(-1)];

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
  });
  afterAll(() => {
    dir.remove();
    packs.remove();
  });

  it('exports a pack with progress on stderr, verifies it (exit 0), and fails (exit 1) naming an altered file', () => {
    const pack = join(packs.path, 'trust');
    const exported = run(['review', 'export', '--out', pack, ...period]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Writing review.pdf…');
    expect(exported.stderr).toContain('Writing audit.csv…');
    expect(exported.stdout).toContain(`written to ${pack}`);
    expect(exported.stdout).toMatch(/Signing key fingerprint: [0-9A-F]{4}( [0-9A-F]{4}){15}/);
    expect(readdirSync(pack).sort()).toEqual(['audit.csv', 'manifest.json', 'manifest.sig', 'review.json', 'review.pdf', 'review.xlsx']);

    const verified = run(['review', 'verify', pack]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^valid/);

    const bytes = readFileSync(join(pack, 'review.xlsx'));
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(join(pack, 'review.xlsx'), bytes);
    const tampered = run(['review', 'verify', pack]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^invalid/);
    expect(tampered.stderr).toContain('review.xlsx was altered');
  });

  it('refuses a folder that is not empty (exit 1) and a half-given period (exit 2)', () => {
    const busy = join(packs.path, 'busy');
    expect(run(['review', 'export', '--out', join(packs.path, 'school'), '--school', 'PPA', ...period]).code).toBe(0);
    writeFileSync(join(packs.path, 'notes.txt'), 'x');
    const refused = run(['review', 'export', '--out', packs.path, ...period]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    const half = run(['review', 'export', '--out', busy, '--from', day(-31)]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('Give both --from and --to');
  });
});
