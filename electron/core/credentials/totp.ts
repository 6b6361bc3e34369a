import { createGuardrails, generate } from 'otplib';
import type { HashAlgorithm } from 'otplib';

/**
 * TOTP (authenticator app) codes for stored accounts. Codes come from otplib; this module
 * owns turning whatever a person pastes (a setup key or an otpauth:// link) into one
 * canonical config, and checking it, so that otplib is only ever handed clean input.
 */

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpConfig {
  /** Canonical base32: upper case, no spaces, no '=' padding. */
  secret: string;
  algorithm: TotpAlgorithm;
  digits: 6 | 8;
  /** Seconds, integer 1..300. */
  period: number;
  issuer?: string;
  label?: string;
}

/**
 * Thrown for anything wrong with a TOTP setup key, link or stored config. Messages are
 * written for a non-technical user and never quote the input: even one character of a
 * secret does not belong in a dialog, a log or an audit row.
 */
export class TotpInputError extends Error {
  readonly code = 'invalid_totp';
  constructor(message: string) {
    super(message);
    this.name = 'TotpInputError';
  }
}

const ALGORITHMS: readonly TotpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
// Many services (including large ones) issue 10-byte secrets (16 base32 characters), so
// that is our floor, below otplib's RFC 4226-recommended 16 bytes.
const MIN_SECRET_BYTES = 10;
// otplib's own ceiling; HMAC keys longer than a block are unusual and we refuse them at
// paste time rather than failing later when a code is asked for.
const MAX_SECRET_BYTES = 64;
const MAX_PERIOD = 300;

// Relax only the minimum secret length; every other otplib guardrail stays at its default.
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES });

const SECRET_HINT = 'Check that you copied the whole setup key from the service.';

/** Accepts a setup key (base32, spaces/hyphens/padding/lower case allowed) or an otpauth://totp/ link. */
export function parseTotpInput(text: string): TotpConfig {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') {
    throw new TotpInputError('Nothing was entered. Paste the setup key or the otpauth:// link from the service.');
  }
  // A base32 key can never contain ':', so anything with one is an attempt at a link.
  if (trimmed.includes(':')) return parseKeyUri(trimmed);
  return { secret: normaliseSecret(trimmed), algorithm: 'SHA1', digits: 6, period: 30 };
}

export function serializeTotpConfig(c: TotpConfig): string {
  const v = validateConfig(c);
  // 'v' lets a later format be told apart from this one when read back from the keychain.
  return JSON.stringify({
    v: 1,
    secret: v.secret,
    algorithm: v.algorithm,
    digits: v.digits,
    period: v.period,
    ...(v.issuer !== undefined ? { issuer: v.issuer } : {}),
    ...(v.label !== undefined ? { label: v.label } : {}),
  });
}

export function deserializeTotpConfig(s: string): TotpConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    throw new TotpInputError('The saved authenticator settings are damaged. Set up the authenticator code again.');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) {
    throw new TotpInputError('The saved authenticator settings are damaged. Set up the authenticator code again.');
  }
  return validateConfig(raw as TotpConfig);
}

export async function totpCode(
  c: TotpConfig,
  nowMs: number,
): Promise<{ code: string; secondsLeft: number; period: number; digits: number }> {
  const v = validateConfig(c);
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError('nowMs must be a non-negative finite number');
  const epoch = Math.floor(nowMs / 1000);
  const code = await generate({
    strategy: 'totp',
    secret: decodeBase32(v.secret),
    algorithm: toOtplibAlgorithm(v.algorithm),
    digits: v.digits,
    period: v.period,
    epoch,
    guardrails: GUARDRAILS,
  });
  return { code, secondsLeft: v.period - (epoch % v.period), period: v.period, digits: v.digits };
}

export async function hotpCode(c: Pick<TotpConfig, 'secret' | 'algorithm' | 'digits'>, counter: number): Promise<string> {
  const v = validateConfig({ ...c, period: 30 });
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('counter must be a non-negative integer');
  return generate({
    strategy: 'hotp',
    secret: decodeBase32(v.secret),
    algorithm: toOtplibAlgorithm(v.algorithm),
    digits: v.digits,
    counter,
    guardrails: GUARDRAILS,
  });
}

// ---------------------------------------------------------------------------------------

function parseKeyUri(text: string): TotpConfig {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i.exec(text);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'otpauth') {
    throw new TotpInputError('This is not an authenticator link. Paste the setup key, or a link starting with otpauth://totp/.');
  }
  if (!m) throw new TotpInputError('The authenticator link is not complete or not in the expected format. Copy it again.');
  const type = (m[2] ?? '').toLowerCase();
  if (type === 'hotp') {
    throw new TotpInputError('This is a counter-based (HOTP) link. Only time-based (TOTP) codes are supported.');
  }
  if (type !== 'totp') {
    throw new TotpInputError('The authenticator link is not a time-based (TOTP) link. Copy it again from the service.');
  }

  let label: string;
  try {
    label = decodeURIComponent(m[3] ?? '').trim();
  } catch {
    throw new TotpInputError('The authenticator link is not complete or not in the expected format. Copy it again.');
  }
  const params = new URLSearchParams(m[4] ?? '');
  const one = (name: string): string | undefined => {
    const all = params.getAll(name);
    if (all.length > 1) {
      throw new TotpInputError(`The authenticator link gives "${name}" more than once. Copy it again from the service.`);
    }
    return all[0];
  };

  const secretParam = one('secret');
  if (secretParam === undefined || secretParam.trim() === '') {
    throw new TotpInputError('The authenticator link has no secret key in it. Copy it again, or paste the setup key instead.');
  }
  const secret = normaliseSecret(secretParam);

  const algParam = one('algorithm');
  let algorithm: TotpAlgorithm = 'SHA1';
  if (algParam !== undefined) {
    const upper = algParam.trim().toUpperCase();
    if (!(ALGORITHMS as readonly string[]).includes(upper)) {
      throw new TotpInputError('The authenticator link asks for an algorithm that is not supported (only SHA1, SHA256 and SHA512 are).');
    }
    algorithm = upper as TotpAlgorithm;
  }

  const digitsParam = one('digits');
  let digits: 6 | 8 = 6;
  if (digitsParam !== undefined) {
    if (digitsParam !== '6' && digitsParam !== '8') {
      throw new TotpInputError('The authenticator link asks for codes that are not 6 or 8 digits long, which is not supported.');
    }
    digits = digitsParam === '8' ? 8 : 6;
  }

  const periodParam = one('period');
  let period = 30;
  if (periodParam !== undefined) {
    period = /^[0-9]{1,4}$/.test(periodParam) ? Number(periodParam) : NaN;
    if (!isValidPeriod(period)) {
      throw new TotpInputError(`The authenticator link's code period must be a whole number of seconds from 1 to ${MAX_PERIOD}.`);
    }
  }

  // Key URI format: the label is "Issuer:account" or just "account"; the issuer parameter,
  // when present, is the authoritative issuer and the label prefix is informational.
  let account = label;
  let issuer = one('issuer')?.trim() || undefined;
  const colon = label.indexOf(':');
  if (colon >= 0) {
    const prefix = label.slice(0, colon).trim();
    account = label.slice(colon + 1).trim();
    issuer ??= prefix || undefined;
  }

  return {
    secret,
    algorithm,
    digits,
    period,
    ...(issuer !== undefined ? { issuer } : {}),
    ...(account !== '' ? { label: account } : {}),
  };
}

/** Services show keys as "abcd efgh …", "ABCD-EFGH", with or without '=': reduce to canonical form. */
function normaliseSecret(input: string): string {
  const s = input.replace(/[\s-]+/g, '').toUpperCase().replace(/=+$/, '');
  if (s === '') throw new TotpInputError(`The setup key is empty. ${SECRET_HINT}`);
  for (const ch of s) {
    if (!BASE32_ALPHABET.includes(ch)) {
      throw new TotpInputError(
        `The setup key contains characters that cannot be in a setup key (only the letters A to Z and the digits 2 to 7 can). ${SECRET_HINT}`,
      );
    }
  }
  checkSecretLength(s);
  return s;
}

function checkSecretLength(canonical: string): void {
  // Base32 groups of 8 characters hold 5 bytes; a leftover of 1, 3 or 6 characters cannot
  // come from any whole number of bytes, so the key was cut short or mistyped.
  if ([1, 3, 6].includes(canonical.length % 8)) {
    throw new TotpInputError(`The setup key looks incomplete. ${SECRET_HINT}`);
  }
  const bytes = Math.floor((canonical.length * 5) / 8);
  if (bytes < MIN_SECRET_BYTES) {
    throw new TotpInputError(`The setup key is too short (it must be at least 16 characters). ${SECRET_HINT}`);
  }
  if (bytes > MAX_SECRET_BYTES) {
    throw new TotpInputError(`The setup key is longer than any service should issue. ${SECRET_HINT}`);
  }
}

function decodeBase32(canonical: string): Uint8Array {
  const out = new Uint8Array(Math.floor((canonical.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of canonical) {
    value = (value << 5) | BASE32_ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

function isValidPeriod(p: unknown): p is number {
  return typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= MAX_PERIOD;
}

/** Checks a config from code or from storage; returns a clean copy with only known fields. */
function validateConfig(c: TotpConfig): TotpConfig {
  const damaged = (what: string): TotpInputError =>
    new TotpInputError(`The authenticator settings are not valid (${what}). Set up the authenticator code again.`);
  if (typeof c !== 'object' || c === null) throw damaged('missing');
  const { secret, algorithm, digits, period, issuer, label } = c as unknown as Record<string, unknown>;
  if (typeof secret !== 'string' || !/^[A-Z2-7]+$/.test(secret)) throw damaged('the secret key is not in the expected form');
  checkSecretLength(secret);
  if (typeof algorithm !== 'string' || !(ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw damaged('unsupported algorithm');
  }
  if (digits !== 6 && digits !== 8) throw damaged('codes must be 6 or 8 digits');
  if (!isValidPeriod(period)) throw damaged(`the period must be 1 to ${MAX_PERIOD} seconds`);
  if (issuer !== undefined && typeof issuer !== 'string') throw damaged('issuer');
  if (label !== undefined && typeof label !== 'string') throw damaged('label');
  return {
    secret,
    algorithm: algorithm as TotpAlgorithm,
    digits,
    period,
    ...(issuer !== undefined ? { issuer } : {}),
    ...(label !== undefined ? { label } : {}),
  };
}

function toOtplibAlgorithm(a: TotpAlgorithm): HashAlgorithm {
  return a.toLowerCase() as HashAlgorithm;
}
