import type { Db } from '../db/db.port';
import { enrolmentText, parseCertificate, signatureVerifies, type CertificateBody } from './certificate';
import { certificatesOf, keyForCertificate, type CertificateRow, type CertificateKeyRow } from './certificates.repo';

export type CertCheck = { ok: true; body: CertificateBody } | { ok: false; why: string };
type KeyRow = CertificateKeyRow;

/** Administrators certify administrators (back to the root); a longer chain is refused rather than walked. */
const MAX_DEPTH = 8;

/**
 * What the checking asks of the database. The walk below is written once, as generators that
 * yield these reads; CertificateChecker answers them on the Db port, CertificateCheckerSync on the
 * synchronous handle (for the publisher's trust check, publishing/, not yet on the port).
 */
type Read = { kind: 'certificates'; personId: number } | { kind: 'key'; keyId: number };
type Walk<T> = Generator<Read, T, unknown>;

/**
 * Checks certificates back to the trust root whose public half is `pin` (read from the keychain,
 * never from the database). One checker per question or per verify: it remembers what it found,
 * so a chain is walked once however many certificates it signed. Everything read from the
 * database is an input to be proved here; only the pin is trusted.
 */
class CertificateWalk {
  private readonly memo = new Map<number, CertCheck>();

  constructor(
    private readonly vaultId: string,
    private readonly pin: string,
  ) {}

  /** The person's certificate in force (their latest), proved back to the root. */
  *inForce(personId: number, depth = 0): Walk<CertCheck> {
    const known = this.memo.get(personId);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) return { ok: false, why: 'its chain of administrators is too long' };
    // A loop (A certified by B certified by A) reaches this person again before it is decided: refused.
    this.memo.set(personId, { ok: false, why: 'its chain of administrators loops' });
    const [latest] = (yield { kind: 'certificates', personId }) as CertificateRow[];
    const result = latest === undefined ? { ok: false as const, why: 'no certificate' } : yield* this.checkRow(latest, depth);
    this.memo.set(personId, result);
    return result;
  }

  /** Whether this key is certified for its person: bound by their certificate in force. */
  *keyCertified(key: KeyRow): Walk<boolean> {
    const cert = yield* this.inForce(key.personId);
    return cert.ok && this.binds(cert.body, key);
  }

  private *checkRow(row: CertificateRow, depth: number): Walk<CertCheck> {
    const body = parseCertificate(row.body);
    if (body === null) return { ok: false, why: 'its certificate is not one Custodian wrote' };
    if (body.vaultId !== this.vaultId || body.personId !== row.personId) return { ok: false, why: 'its certificate belongs to another vault or person' };
    if (body.issuer === 'root') {
      return signatureVerifies(row.body, row.signature, this.pin) ? { ok: true, body } : { ok: false, why: 'its certificate is not signed by the trust root' };
    }
    const key = (yield { kind: 'key', keyId: body.issuer }) as KeyRow | undefined;
    if (key === undefined) return { ok: false, why: 'its certificate names a signing key that does not exist' };
    if (key.personId === row.personId) return { ok: false, why: 'its certificate is signed by the person themselves' };
    const issuer = yield* this.inForce(key.personId, depth + 1);
    if (!issuer.ok || issuer.body.consoleRole !== 'admin') return { ok: false, why: `its certificate was signed by person ${key.personId}, who is not a certified administrator` };
    if (!(yield* this.keyOfIssuer(key, depth))) return { ok: false, why: `its certificate was signed by a key of person ${key.personId} that no certificate binds` };
    return signatureVerifies(row.body, row.signature, key.signPublic) ? { ok: true, body } : { ok: false, why: 'its certificate signature does not verify' };
  }

  /**
   * An issuer's key may have been replaced since it signed (a passphrase reset): it still counts
   * if any of the issuer's certificates that prove out bound it, while the one in force says administrator.
   */
  private *keyOfIssuer(key: KeyRow, depth: number): Walk<boolean> {
    const rows = (yield { kind: 'certificates', personId: key.personId }) as CertificateRow[];
    for (const [index, row] of rows.entries()) {
      const checked = index === 0 ? yield* this.inForce(key.personId, depth + 1) : yield* this.checkRow(row, depth + 1);
      if (checked.ok && this.binds(checked.body, key)) return true;
    }
    return false;
  }

  /** A certificate binds a key directly (its sign public), or through the enrolment key it names. */
  private binds(body: CertificateBody, key: KeyRow): boolean {
    if (body.signPublic === key.signPublic) return true;
    if (body.enrolmentPublic === null || key.enrolmentSignature === null) return false;
    return signatureVerifies(enrolmentText(this.vaultId, key.personId, key.signPublic, key.boxPublic), key.enrolmentSignature, body.enrolmentPublic);
  }
}

/** The certificate checks on the Db port. */
export class CertificateChecker {
  private readonly walk: CertificateWalk;

  constructor(
    private readonly db: Db,
    vaultId: string,
    pin: string,
  ) {
    this.walk = new CertificateWalk(vaultId, pin);
  }

  inForce(personId: number): Promise<CertCheck> {
    return this.run(this.walk.inForce(personId));
  }

  keyCertified(key: KeyRow): Promise<boolean> {
    return this.run(this.walk.keyCertified(key));
  }

  private async run<T>(walk: Walk<T>): Promise<T> {
    let step = walk.next();
    while (step.done !== true) {
      const read = step.value;
      step = walk.next(read.kind === 'certificates' ? await certificatesOf(this.db, read.personId) : await keyForCertificate(this.db, read.keyId));
    }
    return step.value;
  }
}
