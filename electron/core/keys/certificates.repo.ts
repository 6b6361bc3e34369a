import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/** The SQL of certificates: the trust root's display mirror, certificate rows, and what they are checked against. */

export interface CertificateRow {
  id: number;
  personId: number;
  body: string;
  signature: string;
}

/** A key by id with what certifies it. */
export interface CertificateKeyRow {
  id: number;
  personId: number;
  signPublic: string;
  boxPublic: string;
  enrolmentSignature: string | null;
}

export async function insertCertificate(db: Db, personId: number, signed: { body: string; signature: string }, at: string): Promise<number> {
  const row = await db.first(qb.insertInto('console_certificates').values({ person_id: personId, body: signed.body, signature: signed.signature, issued_at: at }).returning('id'));
  if (row === undefined) throw new Error('insert returned nothing');
  return row.id;
}

const certificatesQuery = (personId: number) =>
  qb.selectFrom('console_certificates').select(['id', 'person_id', 'body', 'signature']).where('person_id', '=', personId).orderBy('id', 'desc');
const toCertificateRow = (row: { id: number; person_id: number; body: string; signature: string }): CertificateRow => ({
  id: row.id,
  personId: row.person_id,
  body: row.body,
  signature: row.signature,
});

/** A person's certificates, newest first (the first is the one in force). */
export async function certificatesOf(db: Db, personId: number): Promise<CertificateRow[]> {
  return (await db.all(certificatesQuery(personId))).map(toCertificateRow);
}

export async function hasCertificates(db: Db): Promise<boolean> {
  return (await db.first(qb.selectFrom('console_certificates').select('id').limit(1))) !== undefined;
}

export async function setTrustRootMirror(db: Db, signPublic: string, at: string, by: number): Promise<void> {
  await db.run(qb.deleteFrom('trust_root'));
  await db.run(qb.insertInto('trust_root').values({ id: 1, sign_public: signPublic, created_at: at, created_by: by }));
}

export async function trustRootMirror(db: Db): Promise<string | null> {
  return (await db.first(qb.selectFrom('trust_root').select('sign_public')))?.sign_public ?? null;
}

/** What a certificate is checked against: the person's email and console role as the tables say. */
export async function personForCertificate(db: Db, personId: number): Promise<{ email: string; consoleRole: string | null } | undefined> {
  const row = await db.first(
    qb
      .selectFrom('people')
      .leftJoin('operators', 'operators.person_id', 'people.id')
      .select(['people.email', 'operators.console_role'])
      .where('people.id', '=', personId),
  );
  return row === undefined ? undefined : { email: row.email, consoleRole: row.console_role ?? null };
}

/** Everyone with a console role or a current key: who verify checks. */
export async function certifiablePeople(db: Db): Promise<number[]> {
  const operators = (await db.all(qb.selectFrom('operators').select('person_id'))).map((row) => row.person_id);
  const keyed = (await db.all(qb.selectFrom('person_keys').select('person_id').where('retired_at', 'is', null))).map((row) => row.person_id);
  return [...new Set([...operators, ...keyed])].sort((a, b) => a - b);
}

const keyQuery = (keyId: number) => qb.selectFrom('person_keys').select(['id', 'person_id', 'sign_public', 'box_public', 'enrolment_signature']).where('id', '=', keyId);
const toKeyRow = (row: { id: number; person_id: number; sign_public: string; box_public: string; enrolment_signature: string | null } | undefined): CertificateKeyRow | undefined =>
  row === undefined ? undefined : { id: row.id, personId: row.person_id, signPublic: row.sign_public, boxPublic: row.box_public, enrolmentSignature: row.enrolment_signature };

/** A key by id with what certifies it (any key, current or retired: an issuer's key may since have been replaced). */
export async function keyForCertificate(db: Db, keyId: number): Promise<CertificateKeyRow | undefined> {
  return toKeyRow(await db.first(keyQuery(keyId)));
}

export async function currentKeyId(db: Db, personId: number): Promise<number | null> {
  return (await db.first(qb.selectFrom('person_keys').select('id').where('person_id', '=', personId).where('retired_at', 'is', null)))?.id ?? null;
}

export async function setEnrolmentSignature(db: Db, keyId: number, signature: string): Promise<void> {
  await db.run(qb.updateTable('person_keys').set({ enrolment_signature: signature }).where('id', '=', keyId));
}
