import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, value, type TestVault } from '../support/test-vault';

const POSTER = { email: 'sam.slt@ppa.example', passphrase: 'poster passphrase 1' };
const AUDITOR = { email: 'ava.audit@trust.example', passphrase: 'auditor passphrase 1' };
const CHANNEL = 'x:@SHINEatPPA';

describe('the register is the permission', () => {
  let v: TestVault;
  let poster: string;
  let auditor: string;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Slt', email: POSTER.email, role: 'slt', school: 'PPA', consoleRole: 'poster', passphrase: POSTER.passphrase }));
    value(await v.call(v.admin, 'person.add', { name: 'Ava Audit', email: AUDITOR.email, role: 'core-team', consoleRole: 'auditor', passphrase: AUDITOR.passphrase }));
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'PPA-pass-5b1e' }));
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: 'JBSW Y3DP EHPK 3PXP' }));
    poster = await v.signIn(POSTER.email, POSTER.passphrase);
    auditor = await v.signIn(AUDITOR.email, AUDITOR.passphrase);
  });
  afterEach(async () => v.close());

  it('makes whoever sets a secret a holder, audited as a grant for that reason', async () => {
    const holders = value(await v.call(v.admin, 'access.list', { channel: CHANNEL }));
    expect(holders.map((g) => [g.holderEmail, g.grantedBy, g.pending])).toEqual([['alex.admin@trust.example', 'alex.admin@trust.example', null]]);
    const grants = value(await v.call(v.admin, 'audit.list', { action: 'access.grant' }));
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ actor: 'alex.admin@trust.example', details: { why: 'set the secret', selfGrant: true } });
    expect(value(await v.call(v.admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Checking what I set' })).value).toBe('PPA-pass-5b1e');
  });

  it('refuses a non-holder, whatever their role, and records each attempt', async () => {
    // The administrator who set the secrets holds them until they give that up.
    value(await v.call(v.admin, 'access.revoke', { channel: CHANNEL, email: 'alex.admin@trust.example', reason: 'Only set them up' }));
    for (const token of [poster, auditor, v.admin]) {
      const reveal = await v.call(token, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Posting the newsletter' });
      expect(reveal.ok).toBe(false);
      if (!reveal.ok) expect(reveal.error.code).toBe('forbidden');
      const code = await v.call(token, 'totp.code', { channel: CHANNEL, reason: 'Posting the newsletter' });
      expect(code.ok).toBe(false);
    }
    const denied = value(await v.call(v.admin, 'audit.list', { channel: CHANNEL })).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => [e.actor, e.action, e.reason])).toEqual(
      expect.arrayContaining([
        [POSTER.email, 'secret.reveal', 'Posting the newsletter'],
        [POSTER.email, 'totp.code', 'Posting the newsletter'],
        [AUDITOR.email, 'secret.reveal', 'Posting the newsletter'],
        ['alex.admin@trust.example', 'totp.code', 'Posting the newsletter'],
      ]),
    );
    expect(denied).toHaveLength(6);
  });

  it('says which secret is missing in words people use ("recovery codes", never "recovery-codes")', async () => {
    const missing = await v.call(v.admin, 'secret.reveal', { channel: CHANNEL, kind: 'recovery-codes', reason: 'Checking the codes' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/^.*@SHINEatPPA.* has no recovery codes stored\.$/);
  });

  it('lets a current holder reveal and get a code, and records the use with the reason', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: 'X:shineatppa', email: POSTER.email }));
    const revealed = value(await v.call(poster, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Weekend monitoring' }));
    expect(revealed.value).toBe('PPA-pass-5b1e');
    const code = value(await v.call(poster, 'totp.code', { channel: CHANNEL, reason: 'Weekend monitoring' }));
    expect(code.code).toMatch(/^\d{6}$/);
    expect(code.secondsLeft).toBeGreaterThan(0);
    // The next code is the one a request gets once the current one has run out.
    v.clock.advance(code.secondsLeft * 1000);
    const later = value(await v.call(poster, 'totp.code', { channel: CHANNEL, reason: 'Weekend monitoring' }));
    expect(later.code).toBe(code.nextCode);
    expect(later.code).not.toBe(code.code);
    expect(later.secondsLeft).toBe(later.period);
    const events = value(await v.call(v.admin, 'audit.list', { actor: POSTER.email }));
    expect(events.filter((e) => e.outcome === 'ok' && e.reason === 'Weekend monitoring').map((e) => e.action).sort()).toEqual(['secret.reveal', 'totp.code', 'totp.code']);
  });

  it('filters the trail by action and by outcome in the core, newest first', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    value(await v.call(poster, 'totp.code', { channel: CHANNEL, reason: 'Allowed' }));
    expect((await v.call(auditor, 'totp.code', { channel: CHANNEL, reason: 'Not a holder' })).ok).toBe(false);
    const codes = value(await v.call(v.admin, 'audit.list', { action: 'totp.code' }));
    expect(codes.map((e) => [e.actor, e.outcome, e.reason])).toEqual([
      [AUDITOR.email, 'denied', 'Not a holder'],
      [POSTER.email, 'ok', 'Allowed'],
    ]);
    const denied = value(await v.call(v.admin, 'audit.list', { outcome: 'denied' }));
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'totp.code', outcome: 'ok' })).map((e) => e.actor)).toEqual([POSTER.email]);
    const bad = await v.call(v.admin, 'audit.list', { action: 'DROP TABLE' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid_input', field: 'action' });
  });

  // Two administrators at two computers (on PostgreSQL, two transactions at once on the server):
  // the register must not end up with the same holder twice, nor a revoke recorded twice.
  it('gives the login details once when two grants of the same person race, and revokes once when two revokes do', async () => {
    const other = await v.signIn('alex.admin@trust.example', 'correct horse battery');
    const grants = await Promise.all([v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }), v.call(other, 'access.grant', { channel: CHANNEL, email: POSTER.email })]);
    expect(grants.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
    const holders = value(await v.call(v.admin, 'access.list', { channel: CHANNEL })).filter((g) => g.holderEmail === POSTER.email);
    expect(holders).toHaveLength(1);
    const revokes = await Promise.all(
      [v.admin, other].map((token) => v.call(token, 'access.revoke', { channel: CHANNEL, email: POSTER.email, reason: 'Left the SLT' })),
    );
    expect(revokes.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['not_found', 'ok']);
    const events = value(await v.call(v.admin, 'audit.list', { limit: 50 })).filter((e) => e.outcome === 'ok' && e.details.grantId === holders[0]!.id);
    expect(events.map((e) => e.action)).toEqual(['access.revoke', 'access.grant']);
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('refuses a holder once revoked', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    value(await v.call(poster, 'totp.code', { channel: CHANNEL, reason: 'Before revocation' }));
    const revoked = value(await v.call(v.admin, 'access.revoke', { channel: CHANNEL, email: POSTER.email, reason: 'Left the SLT' }));
    expect(revoked.current).toBe(false);
    const after = await v.call(poster, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'After revocation' });
    expect(after.ok ? 'allowed' : after.error.code).toBe('forbidden');
    const history = value(await v.call(v.admin, 'access.list', { channel: CHANNEL, includeRevoked: true })).filter((g) => g.holderEmail === POSTER.email);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ holderEmail: POSTER.email, revokedBy: 'alex.admin@trust.example', revokeReason: 'Left the SLT' });
  });

  it('keeps admin-only actions from posters and auditors, and audits the refusal', async () => {
    const attempt = await v.call(poster, 'access.grant', { channel: CHANNEL, email: POSTER.email });
    expect(attempt.ok ? 'allowed' : attempt.error.code).toBe('forbidden');
    const set = await v.call(auditor, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'overwritten' });
    expect(set.ok).toBe(false);
    const refusals = value(await v.call(v.admin, 'audit.list', {})).filter((e) => e.action === 'permission.denied');
    expect(refusals.map((e) => [e.actor, e.target])).toEqual(
      expect.arrayContaining([
        [POSTER.email, 'access.grant'],
        [AUDITOR.email, 'secret.set'],
      ]),
    );
    // The administrator holds the channel: they set its secrets.
    const still = value(await v.call(v.admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Check after refusal' }));
    expect(still.value).toBe('PPA-pass-5b1e');
  });

  it('records an admin granting themselves', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@pendleeducation', email: 'alex.admin@trust.example' }));
    const [grant] = value(await v.call(v.admin, 'audit.list', { limit: 1 }));
    expect(grant).toMatchObject({ action: 'access.grant', target: 'alex.admin@trust.example', details: { selfGrant: true } });
  });
});
