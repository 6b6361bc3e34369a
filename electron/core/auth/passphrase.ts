import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt with N=2^17, r=8, p=1 (OWASP's recommendation): 128 MiB per hash, which is more
 * than Node's default maxmem of 32 MiB, so maxmem is raised.
 *
 * One scrypt per sign-in serves two ends (design: holders' keys): its output is split with HKDF
 * into the verifier that is stored (`scrypt2$N$r$p$salt$verifier`) and the key that opens the
 * person's own key in the keychain. The stored verifier cannot give the opening key back, so the
 * database and the keychain together open nothing without the passphrase.
 *
 * `scrypt$N$r$p$salt$hash` (before holders' keys) stored the raw output itself: it still signs in,
 * gives no opening key, and is replaced at that sign-in with a fresh salt.
 */
const N = 2 ** 17;
/**
 * The test suite's cost. Every hash records its own N, so a check always repeats the cost the
 * hash was made with; only new hashes follow this. The suite sets it (vitest.config.ts) because
 * four scrypts of 0.7 s in every test's set-up were two thirds of CI; the benchmark and one
 * integration test (auth.test.ts) run at the real cost. Anything other than a power of two from
 * 2^10 to 2^17 is ignored, so a typo cannot weaken the hashes further.
 */
const TEST_COST_ENV = 'CUSTODIAN_TEST_SCRYPT_LOG2_N';
function costN(): number {
  const log2 = Number(process.env[TEST_COST_ENV]);
  return Number.isInteger(log2) && log2 >= 10 && log2 <= 17 ? 2 ** log2 : N;
}
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 256 * 1024 * 1024;
const VERIFIER_INFO = 'custodian passphrase verifier v1';
const PERSON_KEY_INFO = 'custodian person key sealing v1';
/**
 * The third split: the seed of an Ed25519 "enrolment key". The administrator who sets a passphrase
 * certifies its public half; the person's first key is signed with it at sign-in, from the same
 * scrypt (keys/certify.ts), so a key planted in the database has no such signature.
 */
const ENROLMENT_INFO = 'custodian enrolment v1';

function derive(passphrase: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function split(raw: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), info, 32));
}

/** A new stored hash and the key that seals the person's own key under this passphrase. */
export async function hashPassphraseWithKey(passphrase: string): Promise<{ hash: string; sealingKey: Uint8Array; enrolmentSeed: Uint8Array }> {
  const salt = randomBytes(16);
  const n = costN();
  const raw = await derive(passphrase, salt, n, R, P);
  const hash = ['scrypt2', n, R, P, salt.toString('base64'), split(raw, VERIFIER_INFO).toString('base64')].join('$');
  const sealingKey = new Uint8Array(split(raw, PERSON_KEY_INFO));
  const enrolmentSeed = new Uint8Array(split(raw, ENROLMENT_INFO));
  raw.fill(0);
  return { hash, sealingKey, enrolmentSeed };
}

export async function hashPassphrase(passphrase: string): Promise<string> {
  const { hash, sealingKey, enrolmentSeed } = await hashPassphraseWithKey(passphrase);
  sealingKey.fill(0);
  enrolmentSeed.fill(0);
  return hash;
}

/**
 * A scrypt begun before its check: the CLI reads the stored hash and starts it as soon as a
 * command has parsed, so the work of loading the core and opening the vault is done while it
 * runs on libuv's thread pool (issue 14). checkPassphrase uses it only for the very same
 * passphrase and stored hash, so it answers exactly as its own scrypt would (same salt and cost);
 * anything else, or nothing begun, and it derives as always. Taken once.
 */
let ahead: { passphrase: string; stored: string; raw: Promise<Buffer> } | null = null;

/** Starts the scrypt that checking `passphrase` against `stored` will need (never fails: the check reports). */
export function deriveAhead(passphrase: string, stored: string): void {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if ((scheme !== 'scrypt' && scheme !== 'scrypt2') || salt === undefined || key === undefined) return;
  discardAhead();
  const raw = derive(passphrase, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  // Not yet awaited: a failure is the check's to report.
  raw.catch(() => undefined);
  ahead = { passphrase, stored, raw };
}

function takeAhead(passphrase: string, stored: string): Promise<Buffer> | null {
  const taken = ahead;
  if (taken === null || taken.passphrase !== passphrase || taken.stored !== stored) {
    discardAhead();
    return null;
  }
  ahead = null;
  // Same inputs, same scrypt: a failure is the one the check's own derive would have met.
  return taken.raw;
}

/** One not used (another address or passphrase was checked): its key material is wiped. */
function discardAhead(): void {
  ahead?.raw.then((raw) => raw.fill(0), () => undefined);
  ahead = null;
}

/**
 * Checks a passphrase against its stored hash (one scrypt). `sealingKey` opens the person's
 * own key; null for a hash from before holders' keys (the caller re-hashes it).
 */
export async function checkPassphrase(passphrase: string, stored: string): Promise<{ ok: false } | { ok: true; sealingKey: Uint8Array | null; enrolmentSeed: Uint8Array | null }> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if ((scheme !== 'scrypt' && scheme !== 'scrypt2') || salt === undefined || key === undefined) return { ok: false };
  const expected = Buffer.from(key, 'base64');
  const raw = await (takeAhead(passphrase, stored) ?? derive(passphrase, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p)));
  const actual = scheme === 'scrypt2' ? split(raw, VERIFIER_INFO) : raw;
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  const sealingKey = ok && scheme === 'scrypt2' ? new Uint8Array(split(raw, PERSON_KEY_INFO)) : null;
  const enrolmentSeed = ok && scheme === 'scrypt2' ? new Uint8Array(split(raw, ENROLMENT_INFO)) : null;
  raw.fill(0);
  return ok ? { ok, sealingKey, enrolmentSeed } : { ok: false };
}

export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const result = await checkPassphrase(passphrase, stored);
  if (result.ok) {
    result.sealingKey?.fill(0);
    result.enrolmentSeed?.fill(0);
  }
  return result.ok;
}

/**
 * A stored hash no passphrase matches, checked when the address is nobody's: verifying against
 * it costs one scrypt at today's cost, exactly as a real check does, so the time does not tell
 * who is an operator. Its salt and verifier are random bytes rather than the hash of a random
 * passphrase: checkPassphrase derives from the salt and compares whatever the verifier holds,
 * so the cost is the same, and making it costs no scrypt (it used to cost the CLI, which starts
 * a process per command, a second scrypt on every sign-in). A match would need scrypt's output
 * to equal 32 random bytes.
 */
let decoy: string | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= ['scrypt2', costN(), R, P, randomBytes(16).toString('base64'), randomBytes(KEY_LENGTH).toString('base64')].join('$');
  return Promise.resolve(decoy);
}
