import { fromB64, sodium, toB64 } from './sodium';

/**
 * A console certificate (design: keys-and-server.md, "Keys"): a signed statement that, in this
 * vault, this person (by id and email) has this console role and this key. The trust root signs
 * administrators' certificates; a certified administrator's person key signs everyone else's.
 * The signed bytes are the stored text itself, so what is checked is exactly what was signed.
 */
export interface CertificateBody {
  vaultId: string;
  personId: number;
  email: string;
  /** The console role certified; null: the person has no console access (a role taken away). */
  consoleRole: string | null;
  /** The person key's Ed25519 public half it binds (base64), or null: none yet (they make it at sign-in). */
  signPublic: string | null;
  /**
   * The enrolment key's public half (base64), derived from the passphrase the administrator set
   * (auth/passphrase.ts): the key the person makes at their first sign-in is signed with it.
   */
  enrolmentPublic: string | null;
  issuedAt: string;
  /** 'root' (the trust root) or the person_keys id of the administrator's key that signed. */
  issuer: 'root' | number;
}

const TAG = 'custodian console certificate v1';

export function certificateText(body: CertificateBody): string {
  return JSON.stringify([TAG, body.vaultId, body.personId, body.email, body.consoleRole, body.signPublic, body.enrolmentPublic, body.issuedAt, body.issuer]);
}

/** The body of a stored text, or null when it is not one (the row was edited). */
export function parseCertificate(text: string): CertificateBody | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 9 || parsed[0] !== TAG) return null;
  const [, vaultId, personId, email, consoleRole, signPublic, enrolmentPublic, issuedAt, issuer] = parsed as unknown[];
  const textOrNull = (value: unknown) => value === null || typeof value === 'string';
  if (typeof vaultId !== 'string' || !Number.isSafeInteger(personId) || typeof email !== 'string' || typeof issuedAt !== 'string') return null;
  if (!textOrNull(consoleRole) || !textOrNull(signPublic) || !textOrNull(enrolmentPublic)) return null;
  if (issuer !== 'root' && !(Number.isSafeInteger(issuer) && (issuer as number) > 0)) return null;
  return {
    vaultId,
    personId: personId as number,
    email,
    consoleRole: consoleRole as string | null,
    signPublic: signPublic as string | null,
    enrolmentPublic: enrolmentPublic as string | null,
    issuedAt,
    issuer: issuer as 'root' | number,
  };
}

export function signCertificate(body: CertificateBody, signSecret: Uint8Array): { body: string; signature: string } {
  const text = certificateText(body);
  return { body: text, signature: toB64(sodium().crypto_sign_detached(new TextEncoder().encode(text), signSecret)) };
}

export function signatureVerifies(text: string, signature: string, signPublic: string): boolean {
  try {
    return sodium().crypto_sign_verify_detached(fromB64(signature), new TextEncoder().encode(text), fromB64(signPublic));
  } catch {
    return false;
  }
}

/** The enrolment key of a passphrase (its seed from auth/passphrase.ts). Wipe its privateKey after use. */
export function enrolmentKeyPair(seed: Uint8Array): { publicKey: string; privateKey: Uint8Array } {
  const pair = sodium().crypto_sign_seed_keypair(seed);
  return { publicKey: toB64(pair.publicKey), privateKey: pair.privateKey };
}

/** What an enrolment key signs: the person key made at a first sign-in, bound to its vault and person. */
export function enrolmentText(vaultId: string, personId: number, signPublic: string, boxPublic: string): string {
  return JSON.stringify(['custodian enrolled key v1', vaultId, personId, signPublic, boxPublic]);
}
