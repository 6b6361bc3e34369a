import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

const POSTER = { name: 'Sam Slt', email: 'sam.slt@ppa.example', passphrase: 'poster passphrase 1' };
const CHANNEL = 'x:@SHINEatPPA';

/**
 * Forged register and roles: one row inserted into access_grants would let a poster reveal a
 * password, one edit of operators would make someone an administrator. Every change to those
 * tables is its own event, and verify replays them and names any row the trail does not explain.
 */
describe('verify replays the register and the console roles', () => {
  let v: TestVault;
  let posterId: number;
  let channelId: number;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: true, demoPassphrase: 'demo passphrase 1' }));
    posterId = value(await v.call(v.admin, 'person.add', { ...POSTER, role: 'slt', school: 'PPA', consoleRole: 'poster' })).id;
    // The demo's secrets were set by the administrator, who therefore holds every demo channel.
    channelId = value(await v.call(v.admin, 'access.list', { channel: CHANNEL })).find((g) => g.holderEmail === ADMIN.email)?.channelId ?? 0;
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    value(await v.call(v.admin, 'access.revoke', { channel: CHANNEL, email: POSTER.email, reason: 'Moved role' }));
    await v.core.close();
  });
  afterEach(async () => v.close());

  const edit = (sql: string) => {
    const db = new Database(databasePath(v.dataDir));
    db.exec(sql);
    db.close();
  };
  const verify = async () => value(await v.call(await v.signIn(ADMIN.email, ADMIN.passphrase), 'audit.verify', {}));

  it('passes when every grant, revocation and role came through Custodian (the demo data included)', async () => {
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an access_grants row inserted with sqlite3', async () => {
    edit(`INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (${channelId}, ${posterId}, 1, '2026-11-24T10:00:00.000Z')`);
    const result = await verify();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings).toEqual([expect.stringMatching(new RegExp(`^access_grants row \\d+ \\(person ${posterId}, channel ${channelId}\\) is not explained by the trail$`))]);
    expect(result.problem).toMatch(/access_grants row \d+/);
  });

  it('names a revocation undone with sqlite3', async () => {
    edit(`UPDATE access_grants SET revoked_at = NULL, revoked_by = NULL WHERE person_id = ${posterId}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.findings).toEqual([expect.stringMatching(/^access_grants row \d+ .* was changed outside Custodian: the trail says .* revoked$/)]);
  });

  it('names an operators row edited to make a poster an administrator', async () => {
    edit(`UPDATE operators SET console_role = 'admin' WHERE person_id = ${posterId}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.findings).toEqual([
        `operators row of person ${posterId} is admin but the trail says poster: it was changed outside Custodian`,
        // The certificate says otherwise too (keys/certificate-findings.ts).
        expect.stringMatching(new RegExp(`^person ${posterId} \\(.+\\): console role admin is not certified: the certificate says poster$`)),
      ]);
    }
    // The command line says so too, and fails.
    const cli = custodian(['audit', 'verify'], { env: { CUSTODIAN_DATA_DIR: v.dataDir, CUSTODIAN_OPERATOR: ADMIN.email, CUSTODIAN_PASSPHRASE: ADMIN.passphrase } });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain(`operators row of person ${posterId} is admin but the trail says poster`);
  });

  it('names an operators row inserted with sqlite3, and a deleted grant', async () => {
    edit(`
      INSERT INTO people (name, email, role, created_at) VALUES ('Eve', 'eve@trust.example', 'core-team', '2026-11-24T10:00:00.000Z');
      INSERT INTO operators (person_id, console_role, passphrase_hash, passphrase_changed_at) SELECT id, 'admin', 'x', '2026-11-24' FROM people WHERE email = 'eve@trust.example';
      DELETE FROM access_grants WHERE person_id = ${posterId};`);
    const result = await verify();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^operators row of person \d+ \(admin\) is not explained by the trail$/),
        expect.stringMatching(new RegExp(`^access_grants row \\d+ \\(person ${posterId}, channel ${channelId}\\) is in the trail but missing from the table$`)),
      ]),
    );
  });
});
