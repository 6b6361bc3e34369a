import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ADMIN, tempDir, value } from '../support/test-vault';

describe('secret.copy', () => {
  let core: Core | null = null;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await core?.close();
    dir.remove();
  });

  it('puts the value on the clipboard sink for a holder only, never in the result, and audits it', async () => {
    const copied: string[] = [];
    core = createCore({ dataDir: dir.path, secretStore: createKeytarStore(), clipboard: { copy: (v) => void copied.push(v) } });
    value(await core.call(null, 'vault.init', { trustName: 'T', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase }));
    const admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    value(await core.call(admin, 'example.load', { demo: false }));
    value(await core.call(admin, 'secret.set', { channel: 'x:@SHINEatPPA', kind: 'password', value: 'copy-me-9' }));

    // Setting it made the administrator a holder.
    const result = await core.call(admin, 'secret.copy', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'Newsletter' });
    expect(result).toEqual({ ok: true, value: { copied: true } });
    expect(copied).toEqual(['copy-me-9']);

    value(await core.call(admin, 'access.revoke', { channel: 'x:@SHINEatPPA', email: ADMIN.email }));
    const refused = await core.call(admin, 'secret.copy', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'Newsletter' });
    expect(refused.ok ? 'copied' : refused.error.code).toBe('forbidden');
    expect(copied).toEqual(['copy-me-9']);
    const events = value(await core.call(admin, 'audit.list', { channel: 'x:@SHINEatPPA' })).filter((e) => e.action === 'secret.copy');
    expect(events.map((e) => e.outcome)).toEqual(['denied', 'ok']);
  });

  it('is refused where there is no clipboard (the CLI)', async () => {
    core = createCore({ dataDir: dir.path, secretStore: createKeytarStore() });
    value(await core.call(null, 'vault.init', { trustName: 'T', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase }));
    const admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    const result = await core.call(admin, 'secret.copy', { channel: '1', kind: 'password', reason: 'Newsletter' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/only available in the desktop app/) } });
  });
});
