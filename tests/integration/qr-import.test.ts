import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type ImageSource, type RgbaImage } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { vaultService } from '../../electron/core/secrets/vault-secrets';
import { blankImage, qrImage } from '../support/qr-image';
import { ADMIN, signInOwnPassphrase, tempDir, testClock, value } from '../support/test-vault';

const SECRET = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Trust:x?secret=${SECRET}&issuer=Trust`;
const CHANNEL = 'x:@pendleeducation';
const POSTER = { email: 'poster@trust.example', passphrase: 'poster passphrase 1' };

// Independent of the app's TOTP code: RFC 4648 base32 and RFC 6238 over node:crypto.
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of text) {
    acc = (acc << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

function referenceTotp(secret: string, at: Date, period = 30, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / period)));
  const h = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const off = (h[h.length - 1] as number) & 0x0f;
  return String((h.readUInt32BE(off) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

describe('totp.importQr: a 2FA key read from a QR code image in the core', () => {
  let core: Core | null = null;
  let dir: ReturnType<typeof tempDir>;
  let admin: string;
  let poster: string;
  const clock = testClock(new Date('2026-11-24T10:00:07Z'));
  /** What the next read returns: the test sets it; every read is counted. */
  let next: () => Promise<RgbaImage | null>;
  let reads = 0;
  const source: ImageSource = {
    read: async () => {
      reads += 1;
      return next();
    },
  };

  const importQr = (token = admin, from: 'file' | 'clipboard' = 'file') => (core as Core).call(token, 'totp.importQr', { channel: CHANNEL, source: from });
  const trail = async () => value(await (core as Core).call(admin, 'audit.list', { channel: CHANNEL, limit: 1000 }));
  const secretKinds = async () => value(await (core as Core).call(admin, 'channel.list', {})).find((c) => c.handle === '@pendleeducation')?.secrets ?? [];

  beforeEach(async () => {
    dir = tempDir();
    reads = 0;
    next = () => qrImage(LINK);
    core = createCore({ dataDir: dir.path, secretStore: createKeytarStore(), clock, validateOutputs: true, imageSource: source });
    value(await core.call(null, 'vault.init', { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase }));
    admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    value(await core.call(admin, 'example.load', { demo: false }));
    value(await core.call(admin, 'person.add', { name: 'Pat Poster', email: POSTER.email, role: 'core-team', consoleRole: 'poster', passphrase: POSTER.passphrase }));
    value(await core.call(admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    poster = await signInOwnPassphrase(core, POSTER.email, POSTER.passphrase);
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    dir.remove();
  });

  it('stores the key from a real QR code: a holder gets the RFC 6238 code, it is stored as ciphertext for its holders, the trail says from qr', async () => {
    expect(value(await importQr())).toEqual({ channel: CHANNEL, rotated: false });
    expect(reads).toBe(1);

    const code = value(await (core as Core).call(poster, 'totp.code', { channel: CHANNEL, reason: 'Posting the newsletter' }));
    expect(code.code).toBe(referenceTotp(SECRET, clock.now()));
    expect(code.secondsLeft).toBe(23);
    expect(code.nextCode).toBe(referenceTotp(SECRET, new Date(clock.now().getTime() + 23_000)));

    const set = (await trail()).filter((e) => e.action === 'secret.set');
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ outcome: 'ok', actor: ADMIN.email, details: { kind: 'totp', from: 'qr', version: 1 } });
    expect(JSON.stringify(set)).not.toContain(SECRET);

    // Not in the keychain: the database holds it as ciphertext, sealed to its holders' keys only.
    const db = new Database(join(dir.path, 'custodian.sqlite3'), { readonly: true, fileMustExist: true });
    const { vault_id: vaultId } = db.prepare('select vault_id from vault').get() as { vault_id: string };
    const row = db.prepare("select channel_id, storage from secrets where kind = 'totp'").get() as { channel_id: number; storage: string };
    const ciphertext = db.prepare("select ciphertext from secret_versions where kind = 'totp'").get() as { ciphertext: string };
    db.close();
    expect(row.storage).toBe('wrapped');
    expect(Buffer.from(ciphertext.ciphertext, 'base64').toString('latin1')).not.toContain(SECRET);
    expect(await createKeytarStore().get(vaultService(vaultId), `channel-${row.channel_id}-totp`)).toBeNull();
    expect(await secretKinds()).toContain('totp');

    // A second import changes it, audited as a rotation.
    next = () => qrImage(`otpauth://totp/Trust:x?secret=${'GEZDGNBVGY3TQOJQ'}&issuer=Trust`);
    expect(value(await importQr(admin, 'clipboard'))).toEqual({ channel: CHANNEL, rotated: true });
    const rotated = (await trail()).find((e) => e.action === 'secret.rotate');
    expect(rotated).toMatchObject({ outcome: 'ok', details: { kind: 'totp', from: 'qr' } });
    const after = value(await (core as Core).call(poster, 'totp.code', { channel: CHANNEL, reason: 'Posting the newsletter' }));
    expect(after.code).toBe(referenceTotp('GEZDGNBVGY3TQOJQ', clock.now()));
    expect(value(await (core as Core).call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  const refusals: Array<[string, () => Promise<RgbaImage | null>, RegExp, string]> = [
    ['an image with no QR code', async () => blankImage(), /No QR code was found in the image/, 'no QR code found'],
    ['a QR code holding a web address', () => qrImage('https://example.org/leak-marker-7731'), /not a 2FA setup code/, 'not a totp link'],
    ['a counter-based (HOTP) link', () => qrImage(`otpauth://hotp/Trust:x?secret=${SECRET}&counter=0`), /counter-based \(HOTP\)/, 'hotp link'],
    ['a TOTP link without a key', () => qrImage('otpauth://totp/Trust:x?issuer=leak-marker-7731'), /has no secret key/, 'invalid totp link'],
    ['an image over 40 megapixels', async () => ({ width: 8000, height: 6000, data: new Uint8ClampedArray(4) }), /too large/, 'image too large'],
  ];
  it.each(refusals)('refuses %s with a clear message, stores nothing and audits the error without the content', async (_name, image, message, why) => {
    next = image;
    const result = await importQr();
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    if (!result.ok) {
      expect(result.error.message).toMatch(/Nothing was stored/);
      expect(result.error.message).not.toMatch(/leak-marker|example\.org|JBSWY/);
    }
    expect(await secretKinds()).not.toContain('totp');
    const events = (await trail()).filter((e) => e.action.startsWith('secret.'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'secret.set', outcome: 'error', details: { kind: 'totp', from: 'qr', why } });
    expect(JSON.stringify(events)).not.toMatch(/leak-marker|example\.org|JBSWY|otpauth/);
  });

  it('does nothing when the person cancels the file dialog (nothing stored, nothing audited)', async () => {
    next = async () => null;
    const before = (await trail()).length;
    expect(value(await importQr())).toEqual({ cancelled: true });
    expect(await secretKinds()).not.toContain('totp');
    expect(await trail()).toHaveLength(before);
  });

  it('is for administrators only: a poster is refused before any image is read', async () => {
    const result = await importQr(poster);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/importing 2FA keys from QR codes/) } });
    expect(reads).toBe(0);
    expect(await secretKinds()).not.toContain('totp');
  });

  it('refuses an unknown channel before opening any image', async () => {
    const result = await (core as Core).call(admin, 'totp.importQr', { channel: 'x:@nobodyhere', source: 'file' });
    expect(result.ok).toBe(false);
    expect(reads).toBe(0);
  });

  it('validates the source at the door', async () => {
    const result = await (core as Core).dispatch(admin, 'totp.importQr', { channel: CHANNEL, source: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'source' } });
    const withPath = await (core as Core).dispatch(admin, 'totp.importQr', { channel: CHANNEL, source: 'file', path: '/tmp/qr.png' });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(reads).toBe(0);
  });

  it('leaves the key in no file of the data folder (database, WAL, logs), success or refusal', async () => {
    value(await importQr());
    value(await (core as Core).call(poster, 'totp.code', { channel: CHANNEL, reason: 'Leak scan' }));
    next = () => qrImage(`otpauth://hotp/Trust:x?secret=${SECRET}&counter=0`);
    expect((await importQr()).ok).toBe(false);
    // A failure inside the source (not a refusal) reaches the log as an internal error only.
    next = () => Promise.reject(new Error(`boom ${SECRET}`));
    expect(await importQr()).toMatchObject({ ok: false, error: { code: 'internal' } });
    const planted = [SECRET, SECRET.toLowerCase(), LINK, 'otpauth://'];
    const scan = () =>
      filesUnder(dir.path).flatMap((file) => planted.filter((p) => file.bytes.includes(Buffer.from(p))).map((p) => `${file.path}: ${p.slice(0, 6)}…`));
    expect(filesUnder(dir.path).some((f) => f.path.endsWith('-wal'))).toBe(true);
    expect(scan()).toEqual([]);
    await (core as Core).close();
    expect(scan()).toEqual([]);
  });

  it('is refused, plainly, by a core with no image source', async () => {
    await (core as Core).close();
    core = createCore({ dataDir: dir.path, secretStore: createKeytarStore(), clock });
    admin = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    const result = await importQr();
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/only available in the desktop app.*secret import-qr/) } });
  });
});
