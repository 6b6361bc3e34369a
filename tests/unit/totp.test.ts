import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TotpInputError,
  deserializeTotpConfig,
  hotpCode,
  parseTotpInput,
  serializeTotpConfig,
  totpCode,
  type TotpAlgorithm,
  type TotpConfig,
} from '../../electron/core/credentials/totp';
import { RFC6238_VECTORS } from '../support/rfc6238-vectors';

// Independent RFC 4648 encoder so vectors are written as the RFCs give them (ASCII seeds).
function base32(bytes: Uint8Array | string): string {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'ascii') : Buffer.from(bytes);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of data) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function withPadding(b32: string): string {
  return b32 + '='.repeat((8 - (b32.length % 8)) % 8);
}

// Independent RFC 4226 reference (node:crypto) used to check secrets the RFCs have no vectors for.
function referenceHotp(secret: Buffer, counter: number, digits: number, alg = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac(alg, secret).update(msg).digest();
  const off = h[h.length - 1]! & 0x0f;
  const bin = (h.readUInt32BE(off) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

function seed(length: number): string {
  return '1234567890'.repeat(7).slice(0, length);
}

const SEEDS: Record<TotpAlgorithm, string> = { SHA1: seed(20), SHA256: seed(32), SHA512: seed(64) };

function cfg(over: Partial<TotpConfig> = {}): TotpConfig {
  return { secret: base32(SEEDS.SHA1), algorithm: 'SHA1', digits: 6, period: 30, ...over };
}

function expectInputError(fn: () => unknown, pattern?: RegExp): TotpInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TotpInputError);
    const err = e as TotpInputError;
    expect(err.code).toBe('invalid_totp');
    expect(err.message.length).toBeGreaterThan(10);
    if (pattern) expect(err.message).toMatch(pattern);
    return err;
  }
  throw new Error('expected a TotpInputError');
}

describe('RFC 6238 Appendix B vectors (8 digits, 30 s)', () => {
  for (const [t, sha1, sha256, sha512] of RFC6238_VECTORS) {
    for (const [algorithm, expected] of [
      ['SHA1', sha1],
      ['SHA256', sha256],
      ['SHA512', sha512],
    ] as const) {
      it(`T=${t} ${algorithm} -> ${expected}`, async () => {
        const c = cfg({ secret: base32(SEEDS[algorithm]), algorithm, digits: 8 });
        const r = await totpCode(c, t * 1000);
        expect(r.code).toBe(expected);
        expect(r.digits).toBe(8);
        expect(r.period).toBe(30);
      });
    }
  }
});

describe('RFC 4226 Appendix D HOTP vectors', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => {
    it(`counter ${counter} -> ${code}`, async () => {
      const secret = base32('12345678901234567890');
      expect(await hotpCode({ secret, algorithm: 'SHA1', digits: 6 }, counter)).toBe(code);
    });
  });

  it('rejects a negative or fractional counter', async () => {
    const c = { secret: base32('12345678901234567890'), algorithm: 'SHA1' as const, digits: 6 as const };
    await expect(hotpCode(c, -1)).rejects.toThrow(RangeError);
    await expect(hotpCode(c, 1.5)).rejects.toThrow(RangeError);
  });
});

describe('totpCode timing', () => {
  it('reports seconds left in the current period', async () => {
    const c = cfg();
    expect((await totpCode(c, 0)).secondsLeft).toBe(30);
    expect((await totpCode(c, 1_000)).secondsLeft).toBe(29);
    expect((await totpCode(c, 29_999)).secondsLeft).toBe(1);
    expect((await totpCode(c, 59_000)).secondsLeft).toBe(1);
    expect((await totpCode(c, 60_000)).secondsLeft).toBe(30);
    // 1111111109 % 60 = 29
    expect((await totpCode(cfg({ period: 60 }), 1_111_111_109_000)).secondsLeft).toBe(31);
  });

  it('keeps the same code within a period and changes it at the boundary', async () => {
    const c = cfg();
    const a = await totpCode(c, 30_000);
    const b = await totpCode(c, 59_999);
    const next = await totpCode(c, 60_000);
    expect(a.code).toBe(b.code);
    expect(next.code).not.toBe(b.code);
    expect(a.code).toBe(referenceHotp(Buffer.from(SEEDS.SHA1), 1, 6));
    expect(next.code).toBe(referenceHotp(Buffer.from(SEEDS.SHA1), 2, 6));
  });

  it('refuses a nonsense clock', async () => {
    await expect(totpCode(cfg(), Number.NaN)).rejects.toThrow(RangeError);
    await expect(totpCode(cfg(), -1)).rejects.toThrow(RangeError);
  });

  it('refuses an invalid config with TotpInputError', async () => {
    await expect(totpCode(cfg({ digits: 7 as 6 }), 0)).rejects.toBeInstanceOf(TotpInputError);
    await expect(totpCode(cfg({ secret: 'jbswy3dpehpk3pxp' }), 0)).rejects.toBeInstanceOf(TotpInputError);
  });
});

describe('secret length', () => {
  const tenBytes = Buffer.from('0123456789abcdef0123', 'hex').subarray(0, 10);

  it('accepts a 10-byte (16 character) secret and generates correct codes', async () => {
    const secret = base32(tenBytes);
    expect(secret).toHaveLength(16);
    const c = parseTotpInput(secret);
    expect(c).toEqual({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
    const r = await totpCode(c, 1_700_000_000_000);
    expect(r.code).toBe(referenceHotp(tenBytes, Math.floor(1_700_000_000 / 30), 6));
  });

  it('refuses a 9-byte secret', () => {
    const nine = base32(tenBytes.subarray(0, 9));
    expectInputError(() => parseTotpInput(nine), /too short/);
    expectInputError(() => parseTotpInput(`otpauth://totp/X?secret=${nine}`), /too short/);
  });

  it('refuses a key whose length cannot come from whole bytes', () => {
    // 17 characters: 17 % 8 = 1, a truncated or mistyped key.
    expectInputError(() => parseTotpInput(base32(tenBytes) + 'A'), /incomplete/);
  });
});

describe('setup key normalisation', () => {
  const canonical = base32(SEEDS.SHA1); // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ

  it.each([
    ['spaces in groups of 4', canonical.replace(/(.{4})/g, '$1 ').trim()],
    ['lower case', canonical.toLowerCase()],
    ['hyphens', canonical.replace(/(.{4})(?=.)/g, '$1-')],
    ['surrounding whitespace and newline', `  ${canonical}\n`],
    ['mixed case with spaces', 'gezd gnbv GY3T qojq gezd gnbv gy3t qojq'],
  ])('%s gives the canonical secret', (_name, input) => {
    expect(parseTotpInput(input).secret).toBe(canonical);
  });

  it('strips "=" padding', () => {
    const ten = base32('1234567890'); // 16 chars, no padding needed
    const odd = base32('12345678901'); // 11 bytes -> 18 chars, needs 6 '='
    expect(withPadding(odd)).toMatch(/======$/);
    expect(parseTotpInput(withPadding(odd)).secret).toBe(odd);
    expect(parseTotpInput(withPadding(odd).toLowerCase()).secret).toBe(odd);
    expect(parseTotpInput(ten).secret).toBe(ten);
  });

  it('messy forms produce the same codes as the canonical form', async () => {
    const odd = base32('12345678901');
    const messy = withPadding(odd).toLowerCase().replace(/(.{4})/g, '$1 ');
    const t = 1_234_567_890_000;
    const a = await totpCode(parseTotpInput(odd), t);
    const b = await totpCode(parseTotpInput(messy), t);
    expect(b.code).toBe(a.code);
    expect(a.code).toBe(referenceHotp(Buffer.from('12345678901'), Math.floor(1_234_567_890 / 30), 6));
  });
});

describe('otpauth:// URIs', () => {
  const secret = base32(SEEDS.SHA256);

  it('parses algorithm, digits, period, issuer and label', () => {
    const c = parseTotpInput(
      `otpauth://totp/Acme%20Trust:comms%40school.example?secret=${secret}&issuer=Acme%20Trust&algorithm=SHA256&digits=8&period=60`,
    );
    expect(c).toEqual({
      secret,
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      issuer: 'Acme Trust',
      label: 'comms@school.example',
    });
  });

  it('uses defaults, lower-case algorithm and a lower-case padded secret', () => {
    const c = parseTotpInput(`otpauth://totp/someone?secret=${withPadding(base32('12345678901')).toLowerCase()}&algorithm=sha512`);
    expect(c).toEqual({ secret: base32('12345678901'), algorithm: 'SHA512', digits: 6, period: 30, label: 'someone' });
  });

  it('takes the issuer from the label prefix when there is no issuer parameter', () => {
    const c = parseTotpInput(`otpauth://totp/Example:alice@google.com?secret=${secret}`);
    expect(c.issuer).toBe('Example');
    expect(c.label).toBe('alice@google.com');
  });

  it('prefers the issuer parameter to the label prefix', () => {
    const c = parseTotpInput(`otpauth://totp/Old:bob?secret=${secret}&issuer=New`);
    expect(c.issuer).toBe('New');
    expect(c.label).toBe('bob');
  });

  it('generates the RFC code from a URI config', async () => {
    const c = parseTotpInput(`otpauth://totp/X?secret=${secret}&algorithm=SHA256&digits=8`);
    expect((await totpCode(c, 59_000)).code).toBe('46119246');
  });

  it('period 60 codes step every 60 seconds', async () => {
    const c = parseTotpInput(`otpauth://totp/X?secret=${base32(SEEDS.SHA1)}&period=60`);
    const r = await totpCode(c, 1_111_111_109_000);
    expect(r.period).toBe(60);
    expect(r.code).toBe(referenceHotp(Buffer.from(SEEDS.SHA1), Math.floor(1_111_111_109 / 60), 6));
  });
});

describe('rejections', () => {
  const s = base32(SEEDS.SHA1);
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /Nothing was entered/],
    ['only whitespace', '   \n ', /Nothing was entered/],
    ['non-base32 digits', 'GEZDGNBVGY3TQOJQ01890000', /cannot be in a setup key/],
    ['punctuation', 'GEZDGNBVGY3TQOJQ!GEZDGNBV', /cannot be in a setup key/],
    ['padding in the middle', 'GEZDGNBV==GY3TQOJQ', /cannot be in a setup key/],
    ['hotp', `otpauth://hotp/X?secret=${s}&counter=0`, /HOTP/],
    ['https scheme', `https://example.com/totp?secret=${s}`, /not an authenticator link/],
    ['mailto scheme', 'mailto:someone@example.com', /not an authenticator link/],
    ['unknown otpauth type', `otpauth://steam/X?secret=${s}`, /not a time-based/],
    ['missing secret', 'otpauth://totp/Acme:bob?issuer=Acme', /no secret key/],
    ['empty secret', 'otpauth://totp/Acme:bob?secret=&issuer=Acme', /no secret key/],
    ['secret given twice', `otpauth://totp/X?secret=${s}&secret=${s}`, /more than once/],
    ['MD5', `otpauth://totp/X?secret=${s}&algorithm=MD5`, /algorithm/],
    ['digits 7', `otpauth://totp/X?secret=${s}&digits=7`, /6 or 8 digits/],
    ['digits 10', `otpauth://totp/X?secret=${s}&digits=10`, /6 or 8 digits/],
    ['digits word', `otpauth://totp/X?secret=${s}&digits=six`, /6 or 8 digits/],
    ['period 0', `otpauth://totp/X?secret=${s}&period=0`, /period/],
    ['period negative', `otpauth://totp/X?secret=${s}&period=-30`, /period/],
    ['period fractional', `otpauth://totp/X?secret=${s}&period=1.5`, /period/],
    ['period 301', `otpauth://totp/X?secret=${s}&period=301`, /period/],
    ['period text', `otpauth://totp/X?secret=${s}&period=abc`, /period/],
    ['no // after scheme', `otpauth:totp/X?secret=${s}`, /expected format/],
    ['bad percent-encoding in label', `otpauth://totp/%E0%A4%A?secret=${s}`, /expected format/],
    ['non-base32 secret in URI', `otpauth://totp/X?secret=${s}1`, /cannot be in a setup key/],
  ];
  it.each(cases)('%s', (_name, input, pattern) => {
    expectInputError(() => parseTotpInput(input), pattern);
  });

  it('accepts period 300 and period 1 (the bounds)', () => {
    expect(parseTotpInput(`otpauth://totp/X?secret=${s}&period=300`).period).toBe(300);
    expect(parseTotpInput(`otpauth://totp/X?secret=${s}&period=1`).period).toBe(1);
  });
});

describe('error messages never repeat the secret', () => {
  // A distinctive 16-byte secret; every bad input below embeds it (or a damaged form of it).
  const secret = base32('Zq9!kP2#vL7@xR4$');
  const chunks = Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6));
  const inputs = [
    `${secret}0`,
    `${secret}!`,
    secret.slice(0, 15),
    secret.slice(0, 17),
    secret.toLowerCase() + '8',
    `otpauth://hotp/Acme?secret=${secret}`,
    `otpauth://totp/Acme?secret=${secret}&algorithm=MD5`,
    `otpauth://totp/Acme?secret=${secret}&digits=7`,
    `otpauth://totp/Acme?secret=${secret}&period=0`,
    `otpauth://totp/Acme?secret=${secret}&secret=${secret}`,
    `otpauth://totp/Acme?secret=${secret.slice(0, 12)}`,
    `otpauth:${secret}`,
    `https://x.example/?secret=${secret}`,
    `otpauth://totp/%E0%A4%A?secret=${secret}`,
  ];
  it.each(inputs.map((i, n) => [n, i]))('input #%i', (_n, input) => {
    const err = expectInputError(() => parseTotpInput(input));
    const msg = err.message.toUpperCase();
    expect(msg).not.toContain(secret);
    for (const chunk of chunks) expect(msg).not.toContain(chunk);
    expect(String(err.stack)).not.toContain(secret);
  });

  it('deserialize errors do not repeat the stored secret', () => {
    const stored = JSON.stringify({ v: 1, secret: secret.toLowerCase(), algorithm: 'SHA1', digits: 6, period: 30 });
    const err = expectInputError(() => deserializeTotpConfig(stored));
    expect(err.message.toUpperCase()).not.toContain(secret);
    const err2 = expectInputError(() => deserializeTotpConfig(stored.slice(0, -3)));
    expect(err2.message.toUpperCase()).not.toContain(secret);
  });
});

describe('serialize / deserialize', () => {
  it('round-trips a full config as compact JSON', () => {
    const c: TotpConfig = {
      secret: base32(SEEDS.SHA512),
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      issuer: 'Acme',
      label: 'bob@school.example',
    };
    const s = serializeTotpConfig(c);
    expect(s).not.toMatch(/\s/);
    expect(JSON.parse(s)).toMatchObject({ secret: c.secret, algorithm: 'SHA512', digits: 8, period: 60 });
    expect(deserializeTotpConfig(s)).toEqual(c);
  });

  it('round-trips a minimal config without inventing issuer or label', () => {
    const c = cfg();
    const back = deserializeTotpConfig(serializeTotpConfig(c));
    expect(back).toEqual(c);
    expect('issuer' in back).toBe(false);
    expect('label' in back).toBe(false);
  });

  it('drops unknown fields on the way out', () => {
    const c = { ...cfg(), extra: 'x' } as TotpConfig;
    expect(JSON.parse(serializeTotpConfig(c))).not.toHaveProperty('extra');
  });

  it('refuses to serialize an invalid config', () => {
    expectInputError(() => serializeTotpConfig(cfg({ period: 0 })));
    expectInputError(() => serializeTotpConfig(cfg({ secret: 'gezdgnbvgy3tqojq' })));
  });

  const good = JSON.parse(serializeTotpConfig(cfg())) as Record<string, unknown>;
  it.each([
    ['not JSON', 'not json'],
    ['truncated JSON', serializeTotpConfig(cfg()).slice(0, -1)],
    ['null', 'null'],
    ['array', '[]'],
    ['number', '42'],
    ['empty object', '{}'],
    ['missing version', JSON.stringify({ ...good, v: undefined })],
    ['wrong version', JSON.stringify({ ...good, v: 2 })],
    ['missing secret', JSON.stringify({ ...good, secret: undefined })],
    ['non-canonical secret', JSON.stringify({ ...good, secret: 'gezd gnbv gy3t qojq' })],
    ['padded secret', JSON.stringify({ ...good, secret: `${base32('12345678901')}======` })],
    ['short secret', JSON.stringify({ ...good, secret: base32('123456789') })],
    ['bad algorithm', JSON.stringify({ ...good, algorithm: 'MD5' })],
    ['lower-case algorithm', JSON.stringify({ ...good, algorithm: 'sha1' })],
    ['digits 7', JSON.stringify({ ...good, digits: 7 })],
    ['digits as string', JSON.stringify({ ...good, digits: '6' })],
    ['period 0', JSON.stringify({ ...good, period: 0 })],
    ['period 301', JSON.stringify({ ...good, period: 301 })],
    ['period fractional', JSON.stringify({ ...good, period: 29.5 })],
    ['issuer not a string', JSON.stringify({ ...good, issuer: 5 })],
    ['label not a string', JSON.stringify({ ...good, label: {} })],
  ])('rejects %s', (_name, stored) => {
    expectInputError(() => deserializeTotpConfig(stored));
  });
});
