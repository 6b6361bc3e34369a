import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecoveryKit, recoveryWords } from '../../electron/core/keys/recovery-kit';
import { kitPdfText, kitWordsIn, rfc6238 } from '../support/recovery-kit-text';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

const CHANNEL = 'x:@SHINEatPPA';
const SEED = 'JBSW Y3DP EHPK 3PXP';
const PASSWORD = 'PPA-pass-5b1e';
const people = [
  { name: 'Holly Holder', email: 'holly.holder@trust.example', passphrase: 'holly passphrase 71' },
  { name: 'Harry Holder', email: 'harry.holder@trust.example', passphrase: 'harry passphrase 72' },
  { name: 'Nina New', email: 'nina.new@trust.example', passphrase: 'nina passphrase 73' },
];

async function addPoster(v: TestVault, p: (typeof people)[number]): Promise<string> {
  value(await v.call(v.admin, 'person.add', { name: p.name, email: p.email, role: 'core-team', consoleRole: 'poster', passphrase: p.passphrase }));
  // The first sign-in makes their key.
  return v.signIn(p.email, p.passphrase);
}

async function verifyOk(v: TestVault, token: string): Promise<void> {
  expect(value(await v.call(token, 'audit.verify', {}))).toMatchObject({ ok: true });
}

describe('the recovery kit', () => {
  let v: TestVault;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    v = await createTestVault();
    dir = tempDir('custodian-kit-');
    value(await v.call(v.admin, 'example.load', { demo: false }));
  });
  afterEach(async () => {
    await v.close();
    dir.remove();
  });

  async function makeKit(): Promise<string> {
    const path = join(dir.path, 'recovery-kit.pdf');
    const made = value(await v.call(v.admin, 'recovery.createKit', { path }));
    expect(made.path).toBe(path);
    expect(made.checksum.split(' ')).toHaveLength(3);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    return kitPdfText(path);
  }

  it('is a high finding until it is made, and is made once', async () => {
    const before = value(await v.call(v.admin, 'compliance.report', {}));
    expect(before.findings.filter((f) => f.ruleId === 'recovery-kit')).toEqual([
      expect.objectContaining({ severity: 'high', message: expect.stringContaining('No recovery kit') as unknown, fix: 'Make one on the Data page, or with custodian recovery kit.' }),
    ]);
    const text = await makeKit();
    const after = value(await v.call(v.admin, 'compliance.report', {}));
    expect(after.findings.filter((f) => f.ruleId === 'recovery-kit')).toEqual([]);
    const again = await v.call(v.admin, 'recovery.createKit', { path: join(dir.path, 'second.pdf') });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The trail records that a kit was made and its key's fingerprint, never a word of it.
    const [made] = value(await v.call(v.admin, 'audit.list', { action: 'recovery.kit_created' }));
    expect(made?.details).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown });
    const words = recoveryWords(readRecoveryKit(text));
    const trail = JSON.stringify(value(await v.call(v.admin, 'audit.list', { limit: 10_000 })));
    // Everyday kit words ("trust", "example") may be in an email address; the kit would show most of 24.
    expect(kitWordsIn(trail, words)).toBeLessThan(5);
    expect(trail).not.toContain(words.slice(0, 3).join(' '));
    await verifyOk(v, v.admin);
  });

  it('gives a new person access when every holder is gone: the same password and codes', async () => {
    const kit = await makeKit();
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: PASSWORD }));
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: SEED }));
    const holders = [await addPoster(v, people[0]!), await addPoster(v, people[1]!)];
    for (const p of people.slice(0, 2)) value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: p.email }));
    for (const token of holders) expect(value(await v.call(token, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Check' })).value).toBe(PASSWORD);
    for (const email of [people[0]!.email, people[1]!.email, ADMIN.email]) {
      value(await v.call(v.admin, 'access.revoke', { channel: CHANNEL, email, reason: 'Gone' }));
    }
    expect(value(await v.call(v.admin, 'access.list', { channel: CHANNEL }))).toEqual([]);
    const nina = await addPoster(v, people[2]!);
    const refused = await v.call(nina, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Before' });
    expect(refused.ok).toBe(false);

    const grant = value(await v.call(v.admin, 'recovery.grant', { channel: CHANNEL, email: people[2]!.email, kit }));
    expect(grant).toMatchObject({ holderEmail: people[2]!.email, current: true, pending: null });
    expect(value(await v.call(nina, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'After recovery' })).value).toBe(PASSWORD);
    const code = value(await v.call(nina, 'totp.code', { channel: CHANNEL, reason: 'After recovery' }));
    expect(code.code).toBe(rfc6238(SEED, v.clock.now()));
    const ceremony = value(await v.call(v.admin, 'audit.list', { action: 'recovery.grant' }));
    expect(ceremony).toEqual([expect.objectContaining({ outcome: 'ok', actor: ADMIN.email })]);
    const granted = value(await v.call(v.admin, 'audit.list', { action: 'access.grant' })).filter((e) => e.details.why === 'recovery ceremony');
    expect(granted).toHaveLength(1);
    await verifyOk(v, v.admin);
  });

  it('seals secrets set before the kit to it through a holder, once per channel', async () => {
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: PASSWORD }));
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: SEED }));
    const kit = await makeKit();
    const wraps = value(await v.call(v.admin, 'audit.list', { action: 'recovery.wrap' }));
    expect(wraps).toHaveLength(1);
    expect(wraps[0]?.details).toMatchObject({ kinds: ['password', 'totp'] });
    // Another call of the same holder adds nothing more.
    value(await v.call(v.admin, 'channel.list', {}));
    expect(value(await v.call(v.admin, 'audit.list', { action: 'recovery.wrap' }))).toHaveLength(1);
    value(await v.call(v.admin, 'access.revoke', { channel: CHANNEL, email: ADMIN.email, reason: 'Gone' }));
    const nina = await addPoster(v, people[2]!);
    value(await v.call(v.admin, 'recovery.grant', { channel: CHANNEL, email: people[2]!.email, kit }));
    expect(value(await v.call(nina, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'After recovery' })).value).toBe(PASSWORD);
    await verifyOk(v, v.admin);
  });

  it('refuses another kit and writes nothing, and names a mistyped word', async () => {
    const kit = await makeKit();
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: PASSWORD }));
    await addPoster(v, people[2]!);
    const grantsBefore = value(await v.call(v.admin, 'access.list', { includeRevoked: true }));
    const other = recoveryWords(new Uint8Array(randomBytes(32))).join(' ');
    const wrong = await v.call(v.admin, 'recovery.grant', { channel: CHANNEL, email: people[2]!.email, kit: other });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'kit' } });
    if (!wrong.ok) expect(wrong.error.message).toContain("not this vault's kit");
    expect(value(await v.call(v.admin, 'access.list', { includeRevoked: true }))).toEqual(grantsBefore);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'recovery.grant' }))).toEqual([expect.objectContaining({ outcome: 'denied' })]);

    const words = recoveryWords(readRecoveryKit(kit));
    words[4] = 'zebrra';
    const typo = await v.call(v.admin, 'recovery.grant', { channel: CHANNEL, email: people[2]!.email, kit: words.join(' ') });
    expect(typo).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'kit' } });
    if (!typo.ok) expect(typo.error.message).toBe('Word 5 "zebrra" is not a recovery-kit word.');
    expect(value(await v.call(v.admin, 'access.list', { includeRevoked: true }))).toEqual(grantsBefore);
    await verifyOk(v, v.admin);
  });

  it('makes an administrator when no administrator can sign in, and only with the kit', async () => {
    const kit = await makeKit();
    const second = { name: 'Bea Backup', email: 'bea.backup@trust.example', passphrase: 'bea backup passphrase 9' };
    value(await v.call(v.admin, 'person.add', { name: second.name, email: second.email, role: 'core-team', consoleRole: 'admin', passphrase: second.passphrase }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Steward', email: 'sam.steward@trust.example', role: 'core-team' }));
    // The first administrator leaves; the other, the last, forgets their passphrase (no one can mark the last one left).
    const bea = await v.signIn(second.email, second.passphrase);
    value(await v.call(bea, 'person.markLeft', { email: ADMIN.email, on: '2026-11-24' }));
    const passphrase = 'sam steward new passphrase 4';

    const without = await v.core.call(null, 'recovery.admin', { email: 'sam.steward@trust.example', kit: recoveryWords(new Uint8Array(randomBytes(32))).join(' '), passphrase });
    expect(without).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await v.core.call(null, 'auth.signIn', { email: 'sam.steward@trust.example', passphrase })).ok).toBe(false);
    const left = await v.core.call(null, 'recovery.admin', { email: ADMIN.email, kit, passphrase });
    expect(left).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(value(await v.core.call(null, 'recovery.admin', { email: 'sam.steward@trust.example', kit, passphrase }))).toEqual({
      email: 'sam.steward@trust.example',
      consoleRole: 'admin',
      created: true,
    });
    const sam = await v.signIn('sam.steward@trust.example', passphrase);
    value(await v.call(sam, 'person.add', { name: 'Newly Added', email: 'newly.added@trust.example', role: 'staff', school: 'PPA' }));
    const [event] = value(await v.call(sam, 'audit.list', { action: 'recovery.admin', outcome: 'ok' }));
    expect(event?.details).toMatchObject({ consoleRole: 'admin', why: 'recovery ceremony' });
    await verifyOk(v, sam);
  });

  it('is the command line’s only, even when public', async () => {
    const result = await v.core.dispatch(null, 'recovery.admin', { email: ADMIN.email, kit: 'x', passphrase: 'whatever it is here' }, 'window');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
