import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/** The CLI contract of the foundation issue, exercised through the built binary. */
describe('the custodian command', () => {
  const dir = tempDir('custodian-cli-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const poster = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'slt@ppa.example', CUSTODIAN_PASSPHRASE: 'poster passphrase 22' };
  const run = (args: string[], env: NodeJS.ProcessEnv = admin, input?: string) => custodian(args, input === undefined ? { env } : { env, input });

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.stderr).toContain('Created the vault');
    expect(init.code).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('loads the five schools and the fifteen channels of the policy appendix', () => {
    const schools = JSON.parse(run(['school', 'list', '--json']).stdout) as { code: string; name: string }[];
    expect(schools.map((s) => s.code).sort()).toEqual(['CAS', 'CPA', 'CTN', 'PPA', 'WCHS']);
    const channels = JSON.parse(run(['channel', 'list', '--json']).stdout) as { id: number; platform: string; handle: string; name: string; school: string | null }[];
    expect(channels).toHaveLength(15);
    expect(channels.filter((c) => c.school === null).map((c) => `${c.platform}:${c.handle}`).sort()).toEqual([
      'instagram:@pendleeducationtrust',
      'linkedin:@pendleeducationtrust',
      'x:@pendleeducation',
      'youtube:@pendleeducationtrust3072',
    ]);
    expect(channels.map((c) => c.handle)).toEqual(expect.arrayContaining(['@_CPAcademy_', 'Colne Primet Academy', '@WestCravenHigh', '@SHINEatCPA', '@SHINECasterton', '@PendlePrimaryAcademy']));
    expect(Object.keys(channels[0] ?? {})).toEqual(expect.arrayContaining(['id', 'platform', 'handle', 'name', 'school']));
    // Loading twice adds nothing.
    run(['example', 'load']);
    expect(JSON.parse(run(['channel', 'list', '--json']).stdout)).toHaveLength(15);
  });

  it('stores a secret from stdin and reveals it only to a holder, on stdout alone', () => {
    const add = run(['person', 'add', '--name', 'Sam Slt', '--email', 'slt@ppa.example', '--role', 'slt', '--school', 'ppa', '--operator', 'poster'], {
      ...admin,
      CUSTODIAN_NEW_PASSPHRASE: poster.CUSTODIAN_PASSPHRASE,
    });
    expect(add.code, add.stderr).toBe(0);
    chooseOwnPassphrase(admin, 'slt@ppa.example', poster.CUSTODIAN_PASSPHRASE);
    expect(run(['secret', 'set', 'x:@SHINEatPPA', '--kind', 'password'], admin, 'Pendle-Pass-77\n').code).toBe(0);
    expect(run(['secret', 'set', 'x:shineatppa', '--kind', 'totp'], admin, 'otpauth://totp/PPA?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8\n').code).toBe(0);

    const refused = run(['secret', 'reveal', 'x:@SHINEatPPA', '--kind', 'password', '--reason', 'Newsletter'], poster);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/do not hold the login details of x:@SHINEatPPA/);

    expect(run(['access', 'grant', 'x:@SHINEatPPA', 'SLT@ppa.example']).code).toBe(0);
    const revealed = run(['secret', 'reveal', 'x:@SHINEatPPA', '--kind', 'password', '--reason', 'Newsletter'], poster);
    expect(revealed.code).toBe(0);
    expect(revealed.stdout).toBe('Pendle-Pass-77\n');
    const code = run(['totp', 'x:@shineatppa', '--reason', 'Newsletter'], poster);
    expect(code.stdout).toMatch(/^\d{8}\n$/);
    expect(code.stderr).toMatch(/s left/);

    // Setting the secrets made the administrator a holder too (they typed them).
    const held = JSON.parse(run(['access', 'list', '--json', '--channel', 'x:@SHINEatPPA']).stdout) as { holderEmail: string }[];
    expect(held.map((g) => g.holderEmail).sort()).toEqual(['head@pet.example', 'slt@ppa.example']);

    const trail = JSON.parse(run(['audit', 'list', '--json', '--actor', 'slt@ppa.example']).stdout) as { seq: number; actor: string; action: string; channel: string; outcome: string; reason: string }[];
    expect(trail.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['secret.reveal', 'denied'],
        ['secret.reveal', 'ok'],
        ['totp.code', 'ok'],
      ]),
    );
    expect(trail.find((e) => e.action === 'totp.code')).toMatchObject({ actor: 'slt@ppa.example', channel: 'x:@SHINEatPPA', reason: 'Newsletter' });
    // Each command signs in: those sign-ins are left out unless asked for, refused ones never.
    expect(trail.filter((e) => e.action === 'auth.sign_in' && e.outcome === 'ok')).toEqual([]);
    const signIns = JSON.parse(run(['audit', 'list', '--json', '--actor', 'slt@ppa.example', '--sign-ins']).stdout) as { action: string; outcome: string }[];
    expect(signIns.filter((e) => e.action === 'auth.sign_in' && e.outcome === 'ok').length).toBeGreaterThan(1);
    const byName = JSON.parse(run(['audit', 'list', '--json', '--action', 'auth.sign_in']).stdout) as { action: string }[];
    expect(byName.length).toBeGreaterThan(1);
  });

  it('says in words which grants are waiting and which channels are due a new value', () => {
    // A grantee who has never signed in has no key yet: their grant waits for them.
    const add = run(['person', 'add', '--name', 'Nia New', '--email', 'new@ppa.example', '--role', 'staff', '--school', 'ppa', '--operator', 'poster'], {
      ...admin,
      CUSTODIAN_NEW_PASSPHRASE: 'a new person passphrase 31',
    });
    expect(add.code, add.stderr).toBe(0);
    expect(run(['access', 'grant', 'x:@SHINEatPPA', 'new@ppa.example']).code).toBe(0);
    expect(run(['access', 'list', '--channel', 'x:@SHINEatPPA']).stdout).toMatch(/new@ppa\.example .*waiting for them to sign in once/);

    // A grant made by someone who cannot open the secrets waits for a holder.
    expect(run(['secret', 'set', 'x:@pendleeducation', '--kind', 'password'], admin, 'Trust-Pass-12\n').code).toBe(0);
    expect(run(['access', 'revoke', 'x:@pendleeducation', 'head@pet.example', '--reason', 'Not mine to hold']).code).toBe(0);
    expect(run(['access', 'grant', 'x:@pendleeducation', 'slt@ppa.example']).code).toBe(0);
    expect(run(['access', 'list', '--channel', 'x:@pendleeducation']).stdout).toMatch(/slt@ppa\.example .*waiting for a holder to sign in/);

    // The revoke left the channel due a new value, dated in words.
    const listed = run(['channel', 'list']).stdout.split('\n').find((line) => line.includes('x:@pendleeducation ')) ?? '';
    expect(listed).toMatch(/rotation due since \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  }, 180_000); // ten CLI runs, each a scrypt sign-in

  it('verifies the trail: exit 0 and "ok N events, head HASH"', () => {
    const result = run(['audit', 'verify']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok \d+ events, head [0-9a-f]{64}\n$/);
  });

  it.each([
    [['frobnicate'], /Unknown command: frobnicate/],
    [['school', 'list', '--colour'], /Unknown option --colour\.\nRun "custodian --help"/],
    [['person', 'add', '--name', 'X', '--email', 'x@y.example', '--role', 'governor'], /--role must be one of core-team, slt, staff/],
    [['person', 'left', 'slt@ppa.example', '--on', '31/12/2026'], /--on must be a date written YYYY-MM-DD/],
    [['audit', 'list', '--since', 'yesterday'], /--since must be an ISO 8601 date/],
    [['audit', 'list', '--action', 'totp'], /--action "totp" is not an action name\. Did you mean totp\.code\?/],
    [['audit', 'list', '--action', 'nonsense'], /The actions: access\.complete, access\.grant, .*secret\.reveal/],
    [['channel', 'set', 'x:@SHINEatPPA', '--two-factor', 'maybe'], /--two-factor must be one of enabled, not-enabled, not-available/],
    [['school', 'add', '--name', 'New School'], /--code is required/],
    [['person', 'add', '--name', 'X', '--email', 'not-an-email', '--role', 'staff', '--school', 'PPA'], /The email address must look like name@school.org.uk/],
  ])('exits 2 with a message for a usage error: %s', (args, message) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 1 when refused: wrong passphrase, no passphrase, unknown channel', () => {
    const wrong = run(['school', 'list'], { ...admin, CUSTODIAN_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/do not match a console operator/);
    const none = run(['school', 'list'], { ...admin, CUSTODIAN_PASSPHRASE: undefined });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No passphrase: set CUSTODIAN_PASSPHRASE/);
    const missing = run(['totp', 'x:@nobody', '--reason', 'Checking']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No x channel has the handle @nobody/);
  });

  it('sets channel facts and marks a person as left, who then cannot sign in', () => {
    expect(run(['channel', 'set', '1', '--two-factor', 'enabled', '--mailbox-dedicated', 'yes', '--mailbox-access', 'a@pet.example,b@pet.example']).code).toBe(0);
    const channel = (JSON.parse(run(['channel', 'list', '--json']).stdout) as { id: number; twoFactor: string; mailboxAccess: string[] }[]).find((c) => c.id === 1);
    expect(channel).toMatchObject({ twoFactor: 'enabled', mailboxAccess: ['a@pet.example', 'b@pet.example'] });
    expect(run(['person', 'left', 'slt@ppa.example', '--on', '2026-01-31']).code).toBe(0);
    const after = run(['school', 'list'], poster);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/has left the trust/);
    const last = run(['person', 'left', 'head@pet.example', '--on', '2026-01-31']);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/last administrator/);
  });
});

describe('custodian audit list dates', () => {
  it('reads a plain --until date as the whole UK day, and refuses a reversed range', async () => {
    const { ukDayStart } = await import('../../shared/calendar/uk-time');
    expect(ukDayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukDayStart('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    const dir = tempDir('custodian-dates-');
    try {
      const env = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'a@t.example', CUSTODIAN_PASSPHRASE: 'a long passphrase' };
      expect(custodian(['init', '--trust', 'T', '--admin-name', 'A', '--admin-email', 'a@t.example'], { env }).code).toBe(0);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()); // the UK calendar day
      const sameDay = custodian(['audit', 'list', '--json', '--since', today, '--until', today], { env });
      expect(JSON.parse(sameDay.stdout).length).toBeGreaterThan(0);
      const reversed = custodian(['audit', 'list', '--since', '2026-02-01', '--until', '2026-01-01'], { env });
      expect(reversed.code).toBe(2);
      expect(reversed.stderr).toMatch(/--since must be before --until/);
    } finally {
      dir.remove();
    }
  });
});

describe('custodian secret import-qr', () => {
  const SECRET = 'JBSWY3DPEHPK3PXP';

  // RFC 6238 over node:crypto, independent of the app's TOTP code.
  function referenceTotp(at: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const key: number[] = [];
    let bits = 0;
    let acc = 0;
    for (const ch of SECRET) {
      acc = (acc << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) key.push((acc >>> (bits -= 8)) & 0xff);
    }
    const msg = Buffer.alloc(8);
    msg.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
    const h = createHmac('sha1', Buffer.from(key)).update(msg).digest();
    const off = (h[h.length - 1] as number) & 0x0f;
    return String((h.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, '0');
  }

  it('stores a 2FA key from a PNG of its QR code, and refuses anything but PNG (exit 1) or a missing --file (exit 2)', async () => {
    const dir = tempDir('custodian-qr-');
    try {
      const env = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'a@t.example', CUSTODIAN_PASSPHRASE: 'a long passphrase' };
      expect(custodian(['init', '--trust', 'T', '--admin-name', 'A', '--admin-email', 'a@t.example'], { env }).code).toBe(0);
      expect(custodian(['example', 'load'], { env }).code).toBe(0);
      const png = join(dir.path, 'qr code.png');
      writeFileSync(png, await QRCode.toBuffer(`otpauth://totp/Trust:x?secret=${SECRET}&issuer=Trust`, { type: 'png' }));

      const stored = custodian(['secret', 'import-qr', 'x:@pendleeducation', '--file', png], { env });
      expect(stored.stderr).toMatch(/Stored the 2FA key of x:@pendleeducation, read from the QR code and encrypted for its holders/);
      expect(stored.code).toBe(0);
      expect(stored.stdout).toBe('');
      // Storing it made the importer a holder: no grant needed.
      expect(JSON.parse(custodian(['access', 'list', '--json', '--channel', 'x:@pendleeducation'], { env }).stdout)).toMatchObject([{ holderEmail: 'a@t.example' }]);
      const before = Date.now();
      const code = custodian(['totp', 'x:@pendleeducation', '--reason', 'Checking the import'], { env });
      expect(code.code).toBe(0);
      expect([referenceTotp(before), referenceTotp(Date.now())]).toContain(code.stdout.trim());

      const text = join(dir.path, 'qr.txt');
      writeFileSync(text, `otpauth://totp/Trust:x?secret=${SECRET}`);
      const jpeg = join(dir.path, 'qr.jpg');
      writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]));
      const renamed = join(dir.path, 'really-a-jpeg.png');
      writeFileSync(renamed, readFileSync(jpeg));
      for (const file of [text, jpeg, renamed]) {
        const refused = custodian(['secret', 'import-qr', 'x:@pendleeducation', '--file', file], { env });
        expect(refused.stderr).toMatch(/Only PNG images can be read here: take a screenshot of the QR code and save it as PNG/);
        expect(refused.stderr).not.toContain(SECRET);
        expect(refused.code).toBe(1);
      }
      const absent = custodian(['secret', 'import-qr', 'x:@pendleeducation', '--file', join(dir.path, 'nowhere.png')], { env });
      expect(absent.code).toBe(1);
      expect(absent.stderr).toMatch(/could not be opened/);
      const noFlag = custodian(['secret', 'import-qr', 'x:@pendleeducation'], { env });
      expect(noFlag.code).toBe(2);
      expect(noFlag.stderr).toMatch(/--file is required/);

      const trail = JSON.parse(custodian(['audit', 'list', '--json', '--channel', 'x:@pendleeducation'], { env }).stdout) as { action: string; outcome: string; details: Record<string, unknown> }[];
      const sets = trail.filter((e) => e.action === 'secret.set');
      expect(sets.filter((e) => e.outcome === 'ok')).toHaveLength(1);
      expect(sets.filter((e) => e.outcome === 'error').map((e) => e.details.why)).toEqual(['image not readable', 'not a PNG image', 'not a PNG image', 'not a PNG image']);
      expect(JSON.stringify(trail)).not.toContain(SECRET);
    } finally {
      dir.remove();
    }
  });
});
