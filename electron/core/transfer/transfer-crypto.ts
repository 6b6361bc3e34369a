import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CoreError } from '../errors';

/**
 * The sealed transfer file, version 1:
 *
 *   CUSTODIAN-TRANSFER\n            magic line
 *   {"v":1,"kdf":"scrypt",...}\n     header: KDF parameters, salt, nonce, passphrase check
 *   ciphertext                      AES-256-GCM of the payload (see transfer-payload.ts)
 *   tag (16 bytes)                  GCM tag; the magic line and the header are its AAD
 *
 * The key comes from the passphrase through scrypt (OWASP: N=2^17, r=8, p=1) with a random
 * 16-byte salt. scrypt gives 64 bytes: the first 32 are the AES key, the last 32 only make
 * the "check" in the header, so a wrong passphrase is told apart from a damaged file.
 */
export const MAGIC = Buffer.from('CUSTODIAN-TRANSFER\n', 'ascii');
export const TAG_BYTES = 16;
export const FILE_EXTENSION = '.custodian-transfer';

export interface TransferHeader {
  v: 1;
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  nonce: string;
  check: string;
}

const DEFAULT_KDF = { n: 2 ** 17, r: 8, p: 1 };
const MAX_HEADER_BYTES = 1024;

function derive(passphrase: string, salt: Buffer, kdf: { n: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128·N·r = 128 MiB).
    const maxmem = 256 * kdf.n * kdf.r;
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function checkOf(derived: Buffer): string {
  return createHash('sha256').update('custodian-transfer-check').update(derived.subarray(32)).digest('base64');
}

/** A fresh header and its key, for sealing a new file. */
export async function newSeal(passphrase: string): Promise<{ header: TransferHeader; headerBytes: Buffer; key: Buffer; nonce: Buffer }> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const derived = await derive(passphrase, salt, DEFAULT_KDF);
  const header: TransferHeader = {
    v: 1,
    kdf: 'scrypt',
    ...DEFAULT_KDF,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
    check: checkOf(derived),
  };
  const headerBytes = Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')]);
  return { header, headerBytes, key: derived.subarray(0, 32), nonce };
}

export const DAMAGED = 'The transfer file was changed or damaged after it was made, so it cannot be trusted; nothing was written. Copy it again from the original.';

function damaged(): CoreError {
  return new CoreError('invalid_input', DAMAGED, 'path');
}

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n > 0 && (n & (n - 1)) === 0;

/**
 * Reads the magic line and the header from the start of a file. Parameters outside sane
 * bounds are refused before any work, so a changed header cannot make scrypt eat the memory.
 */
export function parseHeader(start: Buffer): { header: TransferHeader; headerBytes: Buffer } {
  if (start.length < MAGIC.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CoreError('invalid_input', 'This is not a Custodian transfer file (it does not start like one).', 'path');
  }
  const end = start.indexOf(0x0a, MAGIC.length);
  if (end < 0 || end > MAX_HEADER_BYTES) throw damaged();
  let parsed: Partial<TransferHeader>;
  try {
    parsed = JSON.parse(start.subarray(MAGIC.length, end).toString('utf8')) as Partial<TransferHeader>;
  } catch {
    throw damaged();
  }
  if (typeof parsed.v === 'number' && parsed.v > 1) {
    throw new CoreError('invalid_input', 'This transfer file was made by a newer version of Custodian: install the newer version to import it.', 'path');
  }
  const salt = Buffer.from(String(parsed.salt), 'base64');
  const nonce = Buffer.from(String(parsed.nonce), 'base64');
  const ok =
    parsed.v === 1 &&
    parsed.kdf === 'scrypt' &&
    parsed.cipher === 'aes-256-gcm' &&
    isPowerOfTwo(parsed.n ?? 0) &&
    (parsed.n ?? 0) >= 2 ** 14 &&
    (parsed.n ?? 0) <= 2 ** 20 &&
    Number.isSafeInteger(parsed.r) &&
    (parsed.r ?? 0) >= 8 &&
    (parsed.r ?? 0) <= 16 &&
    Number.isSafeInteger(parsed.p) &&
    (parsed.p ?? 0) >= 1 &&
    (parsed.p ?? 0) <= 4 &&
    salt.length === 16 &&
    nonce.length === 12 &&
    typeof parsed.check === 'string';
  if (!ok) throw damaged();
  return { header: parsed as TransferHeader, headerBytes: start.subarray(0, end + 1) };
}

/** The AES key for an existing file's header; a passphrase that does not match is refused here. */
export async function openSeal(passphrase: string, header: TransferHeader): Promise<{ key: Buffer; nonce: Buffer }> {
  const derived = await derive(passphrase, Buffer.from(header.salt, 'base64'), header);
  const expected = Buffer.from(checkOf(derived), 'base64');
  const given = Buffer.from(header.check, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CoreError('invalid_input', 'The passphrase is not the one this transfer file was sealed with; nothing was written.', 'passphrase');
  }
  return { key: derived.subarray(0, 32), nonce: Buffer.from(header.nonce, 'base64') };
}
