import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCall } from '../../shared/contract/may-call';
import { type MethodName } from '../../shared/contract/methods';
import { consoleRoles, type ConsoleRole } from '../../shared/domain/enums';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/** A valid input for every session method, so the role check (not validation) decides. */
const samples: { [M in Exclude<MethodName, 'vault.status' | 'vault.init' | 'auth.signIn' | 'transfer.import' | 'auth.passphraseStrength' | 'recovery.admin'>]: unknown } = {
  'auth.signOut': {},
  'auth.whoami': {},
  // A folder that does not exist: the role check runs first, then the export stops before writing.
  'transfer.export': { path: '/nonexistent-custodian-folder/vault.custodian-transfer', passphrase: 'a long transfer passphrase' },
  'auth.changePassphrase': { current: 'not the current one', next: 'some new passphrase' },
  'example.load': { demo: false },
  'dashboard.summary': {},
  'school.add': { name: 'Matrix School', code: 'MTX' },
  'school.list': {},
  'person.add': { name: 'Matrix Person', email: 'matrix@trust.example', role: 'core-team' },
  'person.list': {},
  'person.markLeft': { email: 'leaver@trust.example', on: '2026-12-31' },
  'person.resetPassphrase': { email: 'forgot@trust.example', passphrase: 'a one-time passphrase 41' },
  'channel.add': { platform: 'linkedin', handle: 'matrix-page' },
  'channel.update': { channel: 'x:@pendleeducation', purpose: 'Trust news' },
  'channel.list': {},
  'secret.set': { channel: 'x:@pendleeducation', kind: 'password', value: 'matrix-password' },
  'secret.reveal': { channel: 'x:@pendleeducation', kind: 'password', reason: 'Matrix test' },
  'secret.copy': { channel: 'x:@pendleeducation', kind: 'password', reason: 'Matrix test' },
  'totp.code': { channel: 'x:@pendleeducation', reason: 'Matrix test' },
  'totp.importQr': { channel: 'x:@pendleeducation', source: 'clipboard' },
  'access.grant': { channel: 'x:@pendleeducation', email: 'leaver@trust.example' },
  'access.revoke': { channel: 'x:@pendleeducation', email: 'leaver@trust.example' },
  'access.list': {},
  'audit.list': {},
  'audit.verify': {},
  'inbox.add': { channel: 'x:@pendleeducation', kind: 'comment', received: '2026-11-20T09:00:00Z', summary: 'Matrix comment' },
  'inbox.list': {},
  'inbox.respond': { id: 1, how: 'acknowledged' },
  'inbox.notify': {},
  'notification.list': {},
  'monitor.check': { channel: 'x:@pendleeducation' },
  'monitor.coverage': {},
  'training.record': { email: 'leaver@trust.example', on: '2026-11-02' },
  'training.list': {},
  'calendar.importTerms': { scope: 'TRUST', csv: 'kind,name,start,end\nterm,Autumn 2026,2026-09-01,2026-12-18\n' },
  'import.register': { csv: 'kind,platform,handle\nchannel,linkedin,matrix-import\n', dryRun: true },
  'import.credentials': { format: 'csv', content: 'name,url,password\nMatrix,https://x.com/pendleeducation,matrix-password\n', dryRun: true },
  'calendar.importBankHolidays': { json: '{"england-and-wales":{"events":[{"title":"Christmas Day","date":"2026-12-25"}]}}' },
  'calendar.show': { scope: 'PPA' },
  'compliance.report': {},
  'monitor.rota': {},
  'notification.markRead': { ids: [1] },
  'monitor.assign': { channel: 'x:@pendleeducation', email: 'admin@matrix.example', days: ['sat', 'sun'] },
  'monitor.unassign': { channel: 'x:@pendleeducation', days: ['sat'] },
  'policy.show': {},
  'policy.update': { settings: { inactiveAfterDays: 90 } },
  'policy.recordReview': { reviewedOn: '2026-11-20', reviewedBy: 'Online safety group', outcome: 'Approved without changes', nextReviewOn: '2027-11-20' },
  'consent.add': { school: 'PPA', name: 'A.B.', reason: 'no-consent' },
  'consent.list': { school: 'PPA' },
  'consent.remove': { id: 1 },
  'incident.add': { channel: 'x:@pendleeducation', summary: 'Matrix incident', kind: 'abuse' },
  'incident.addEvidence': {
    id: 1,
    name: 'screenshot.png',
    mediaType: 'image/png',
    contentBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  },
  'incident.update': { id: 1, escalate: 'dsl' },
  'incident.list': {},
  'post.create': { channels: ['x:@pendleeducation'], text: 'Matrix post', outcome: 'Matrix intended outcome', pupils: 'none' },
  'post.update': { id: 1, outcome: 'Matrix changed outcome' },
  'post.approve': { id: 1, checklist: { confirmed: true } },
  'post.cancel': { id: 1 },
  'post.delete': { id: 1 },
  'post.list': {},
  'post.retry': { id: 1 },
  'channel.connect': { channel: 'x:@pendleeducation', token: 'matrix-api-token', accountId: '1500000000000000001' },
  'scheduler.runOnce': {},
  // A folder that does not exist: refused after the role check, before any key is made or kept.
  'publisher.enrol': { keyFile: '/nonexistent-custodian-folder/publisher.key' },
  'platform.app': { platform: 'x', clientId: 'matrix-client-id' },
  'platform.apps': {},
  'channel.connectOAuth': { channel: 'x:@pendleeducation' },
  'channel.connections': {},
  'channel.setManual': { channel: 'x:@pendleeducation', manual: false },
  'post.manualCopy': { id: 1, channel: 'x:@pendleeducation' },
  // Unknown to the platform's fake-free core: refused after the role check (no app, no server).
  'channel.connectVia': { channel: 'x:@pendleeducation', token: 'matrix-token', accountId: '1', apiBase: 'http://127.0.0.1:9' },
  'channel.connectOAuthVia': { channel: 'x:@pendleeducation', apiBase: 'http://127.0.0.1:9' },
  'platform.appAddresses': { platform: 'x', authorizeUrl: null, tokenUrl: null },
  'post.manualRecord': { id: 1, channel: 'x:@pendleeducation', url: 'https://x.com/pendleeducation/status/1' },
  // A folder that is not empty: refused (conflict) once the role allows it, so nothing is written.
  'review.export': { out: '/' },
  'review.verify': { dir: '/nonexistent-custodian-pack' },
  'backup.create': {},
  'backup.list': {},
  // No such backup: the role check passes for an administrator, the restore itself finds nothing.
  'backup.restore': { id: 'custodian-2000-01-01T000000Z-manual' },
  'backup.restoreFile': { file: '/nonexistent-custodian-folder/custodian-2000-01-01T000000Z-manual.sqlite3' },
  // A folder that cannot exist (a path under a file): refused after the role check, nothing kept.
  'backup.setFolder': { folder: '/dev/null/custodian-backups' },
  // No folder dialog in this core: refused after the role check (not by role), nothing written.
  'backup.chooseFolder': {},
  // No such folder, and no kit yet: the role check passes for an administrator, then each refuses.
  'recovery.createKit': { path: '/nonexistent-custodian-folder/recovery-kit.pdf' },
  'recovery.grant': { channel: 'x:@pendleeducation', email: 'leaver@trust.example', kit: 'not a kit' },
  'recovery.kitStatus': {},
  // No folder dialog in this core, and no kit just made in this session: refused after the role check.
  'recovery.createKitInChosenFolder': {},
  'recovery.revealWords': {},
  'recovery.confirmKit': { checksum: 'abandon ability able' },
  'review.defaults': {},
  'review.exportToChosenFolder': {},
  'review.progress': {},
  'review.verifyChosenFolder': {},
  // No file dialog in this core: refused after the role check; no such import to apply or discard.
  'import.chooseFile': { kind: 'register' },
  'import.applyChosen': { importId: 'matrix-no-such-import-000' },
  'import.discard': { importId: 'matrix-no-such-import-000' },
};

describe('permission matrix: every console role × every method', () => {
  let v: TestVault;
  const tokens = new Map<ConsoleRole, string>();
  let schoolAdmin = '';

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Leaver', email: 'leaver@trust.example', role: 'core-team' }));
    for (const role of consoleRoles) {
      const email = `${role}@matrix.example`;
      value(await v.call(v.admin, 'person.add', { name: role, email, role: 'core-team', consoleRole: role, passphrase: `${role} passphrase!` }));
      tokens.set(role, await v.signIn(email, `${role} passphrase!`));
    }
    // An administrator at a school (SLT): trust-wide administration is the core team's.
    value(await v.call(v.admin, 'person.add', { name: 'School admin', email: 'school-admin@matrix.example', role: 'slt', school: 'PPA', consoleRole: 'admin', passphrase: 'school admin passphrase!' }));
    schoolAdmin = await v.signIn('school-admin@matrix.example', 'school admin passphrase!');
  });
  afterAll(async () => v.close());

  it('allows exactly what the contract table says, and audits each refusal', async () => {
    let refusals = 0;
    // signOut last: it ends the session it is called with.
    const methods = (Object.keys(samples) as (keyof typeof samples)[]).sort((a, b) => Number(a === 'auth.signOut') - Number(b === 'auth.signOut'));
    // The table is shared/contract's mayCall, the one the window asks before it offers a button.
    for (const method of methods) {
      for (const role of consoleRoles) {
        const result = await v.core.dispatch(tokens.get(role) ?? null, method, samples[method]);
        const refusedByRole = !result.ok && result.error.code === 'forbidden' && /console role/.test(result.error.message);
        const allowed = mayCall({ consoleRole: role, workSchool: null }, method, 'cli');
        expect(refusedByRole, `${role} × ${method}: ${result.ok ? 'ok' : result.error.message}`).toBe(!allowed);
        if (!allowed) refusals += 1;
        if (allowed && !result.ok) expect(result.error.code, `${role} × ${method}`).not.toBe('invalid_input');
      }
    }
    const admin = await v.signIn('admin@matrix.example', 'admin passphrase!');
    const denied = value(await v.call(admin, 'audit.list', { limit: 10_000 })).filter((e) => e.action === 'permission.denied');
    expect(denied).toHaveLength(refusals);
    expect(refusals).toBeGreaterThan(20);
    // An administrator at a school: the trust-wide methods, and only those, are refused as such.
    for (const method of methods) {
      if (method === 'auth.signOut') continue;
      const result = await v.core.dispatch(schoolAdmin, method, samples[method]);
      const refusedAsTrustWide = !result.ok && result.error.code === 'forbidden' && /trust-wide administration/.test(result.error.message);
      const allowed = mayCall({ consoleRole: 'admin', workSchool: 'PPA' }, method, 'cli');
      expect(refusedAsTrustWide, `school admin × ${method}: ${result.ok ? 'ok' : result.error.message}`).toBe(!allowed);
    }
  }, 180_000); // every method as every role: hundreds of calls, which on a loaded machine outlast the default minute

  it('refuses every session method without a session, and unknown methods', async () => {
    for (const method of Object.keys(samples)) {
      const result = await v.core.dispatch('forged-token', method, samples[method as keyof typeof samples]);
      expect(result.ok ? 'ok' : result.error.code, method).toBe('unauthenticated');
    }
    expect(await v.core.dispatch(null, 'db.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await v.core.dispatch(null, 'toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});
