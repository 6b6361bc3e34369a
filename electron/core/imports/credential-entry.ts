import type { ImportError } from '../../../shared/calendar/calendar-types';
import { parseTotpInput, serializeTotpConfig, TotpInputError, type TotpAlgorithm } from '../credentials/totp';

/**
 * One login read from a password manager's export, in the same shape whatever the format.
 * Values stay in memory only; nothing here is ever put in a message.
 */

/** A 2FA key as the file holds it: a setup key or otpauth:// link, or KeePass's separate fields. */
export type TotpSource =
  | { text: string }
  | { base32: string; digits?: number; period?: number; algorithm?: string };

export interface CredentialEntry {
  /** Where the entry starts in the file; 0 when that cannot be told. */
  line: number;
  /** The entry's title (and, for KeePass, its group path), for the preview. */
  title: string;
  urls: string[];
  username: string;
  password: string;
  totp: TotpSource | null;
  /** The parser already knows the entry is not a login to import (a card, the recycle bin). */
  skip?: string;
}

export interface ParsedCredentials {
  entries: CredentialEntry[];
  errors: ImportError[];
}

const ALGORITHMS: Record<string, TotpAlgorithm> = { 'HMAC-SHA-1': 'SHA1', 'HMAC-SHA-256': 'SHA256', 'HMAC-SHA-512': 'SHA512', SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };

/**
 * The 2FA key in the form the vault stores it (a serialized TOTP config), checked the same way
 * as one pasted by hand. Throws TotpInputError, whose messages never quote the key.
 */
export function storedTotp(source: TotpSource): string {
  if ('text' in source) return serializeTotpConfig(parseTotpInput(source.text));
  const config = parseTotpInput(source.base32);
  const algorithm = source.algorithm === undefined ? config.algorithm : ALGORITHMS[source.algorithm.toUpperCase()];
  if (algorithm === undefined) throw new TotpInputError('The 2FA settings ask for an algorithm that is not supported (only SHA1, SHA256 and SHA512 are).');
  return serializeTotpConfig({
    ...config,
    algorithm,
    ...(source.digits === undefined ? {} : { digits: source.digits as 6 | 8 }),
    ...(source.period === undefined ? {} : { period: source.period }),
  });
}

/** An entry title for the preview: one line, at most 80 characters. */
export function shortTitle(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine === '' ? '(no title)' : oneLine;
}
