import type { Sql } from '../db/sql';
import { enrolmentText, parseCertificate, signatureVerifies, type CertificateBody } from './certificate';
import { certificatesOf, keyForCertificate, type CertificateRow } from './certificates.repo';

export type CertCheck = { ok: true; body: CertificateBody } | { ok: false; why: string };
type KeyRow = NonNullable<ReturnType<typeof keyForCertificate>>;

/** Administrators certify administrators (back to the root); a longer chain is refused rather than walked. */
const MAX_DEPTH = 8;

/**
 * Checks certificates back to the trust root whose public half is `pin` (read from the keychain,
 * never from the database). One checker per question or per verify: it remembers what it found,
 * so a chain is walked once however many certificates it signed. Everything read from the
 * database is an input to be proved here; only the pin is trusted.
 */
export class CertificateChecker {
  private readonly memo = new Map<number, CertCheck>();

  constructor(
    private readonly sql: Sql,
    private readonly vaultId: string,
    private readonly pin: string,
  ) {}

  /** The person's certificate in force (their latest), proved back to the root. */
  inForce(personId: number, depth = 0): CertCheck {
    const known = this.memo.get(personId);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) return { ok: false, why: 'its chain of administrators is too long' };
    // A loop (A certified by B certified by A) reaches this person again before it is decided: refused.
    this.memo.set(personId, { ok: false, why: 'its chain of administrators loops' });
    const [latest] = certificatesOf(this.sql, personId);
    const result = latest === undefined ? { ok: false as const, why: 'no certificate' } : this.checkRow(latest, depth);
    this.memo.set(personId, result);
    return result;
  }

  /** Whether this key is certified for its person: bound by their certificate in force. */
  keyCertified(key: KeyRow): boolean {
    const cert = this.inForce(key.personId);
    return cert.ok && this.binds(cert.body, key);
  }

  private checkRow(row: CertificateRow, depth: number): CertCheck {
    const body = parseCertificate(row.body);
    if (body === null) return { ok: false, why: 'its certificate is not one Custodian wrote' };
    if (body.vaultId !== this.vaultId || body.personId !== row.personId) return { ok: false, why: 'its certificate belongs to another vault or person' };
    if (body.issuer === 'root') {
      return signatureVerifies(row.body, row.signature, this.pin) ? { ok: true, body } : { ok: false, why: 'its certificate is not signed by the trust root' };
    }
    const key = keyForCertificate(this.sql, body.issuer);
    if (key === undefined) return { ok: false, why: 'its certificate names a signing key that does not exist' };
    if (key.personId === row.personId) return { ok: false, why: 'its certificate is signed by the person themselves' };
    const issuer = this.inForce(key.personId, depth + 1);
    if (!issuer.ok || issuer.body.consoleRole !== 'admin') return { ok: false, why: `its certificate was signed by person ${key.personId}, who is not a certified administrator` };
    if (!this.keyOfIssuer(key, depth)) return { ok: false, why: `its certificate was signed by a key of person ${key.personId} that no certificate binds` };
    return signatureVerifies(row.body, row.signature, key.signPublic) ? { ok: true, body } : { ok: false, why: 'its certificate signature does not verify' };
  }

  /**
   * An issuer's key may have been replaced since it signed (a passphrase reset): it still counts
   * if any of the issuer's certificates that prove out bound it, while the one in force says administrator.
   */
  private keyOfIssuer(key: KeyRow, depth: number): boolean {
    return certificatesOf(this.sql, key.personId).some((row, index) => {
      const checked = index === 0 ? this.inForce(key.personId, depth + 1) : this.checkRow(row, depth + 1);
      return checked.ok && this.binds(checked.body, key);
    });
  }

  /** A certificate binds a key directly (its sign public), or through the enrolment key it names. */
  private binds(body: CertificateBody, key: KeyRow): boolean {
    if (body.signPublic === key.signPublic) return true;
    if (body.enrolmentPublic === null || key.enrolmentSignature === null) return false;
    return signatureVerifies(enrolmentText(this.vaultId, key.personId, key.signPublic, key.boxPublic), key.enrolmentSignature, body.enrolmentPublic);
  }
}
