import { qb, type Sql } from '../db/sql';

/** The SQL of certificates: the trust root's display mirror, certificate rows, and what they are checked against. */

export interface CertificateRow {
  id: number;
  personId: number;
  body: string;
  signature: string;
}

export function insertCertificate(sql: Sql, personId: number, signed: { body: string; signature: string }, at: string): number {
  const row = sql.first(qb.insertInto('console_certificates').values({ person_id: personId, body: signed.body, signature: signed.signature, issued_at: at }).returning('id'));
  if (row === undefined) throw new Error('insert returned nothing');
  return row.id;
}

/** A person's certificates, newest first (the first is the one in force). */
export function certificatesOf(sql: Sql, personId: number): CertificateRow[] {
  return sql
    .all(qb.selectFrom('console_certificates').select(['id', 'person_id', 'body', 'signature']).where('person_id', '=', personId).orderBy('id', 'desc'))
    .map((row) => ({ id: row.id, personId: row.person_id, body: row.body, signature: row.signature }));
}

export function hasCertificates(sql: Sql): boolean {
  return sql.first(qb.selectFrom('console_certificates').select('id').limit(1)) !== undefined;
}

export function setTrustRootMirror(sql: Sql, signPublic: string, at: string, by: number): void {
  sql.run(qb.deleteFrom('trust_root'));
  sql.run(qb.insertInto('trust_root').values({ id: 1, sign_public: signPublic, created_at: at, created_by: by }));
}

export function trustRootMirror(sql: Sql): string | null {
  return sql.first(qb.selectFrom('trust_root').select('sign_public'))?.sign_public ?? null;
}

/** What a certificate is checked against: the person's email and console role as the tables say. */
export function personForCertificate(sql: Sql, personId: number): { email: string; consoleRole: string | null } | undefined {
  const row = sql.first(
    qb
      .selectFrom('people')
      .leftJoin('operators', 'operators.person_id', 'people.id')
      .select(['people.email', 'operators.console_role'])
      .where('people.id', '=', personId),
  );
  return row === undefined ? undefined : { email: row.email, consoleRole: row.console_role ?? null };
}

/** Everyone with a console role or a current key: who verify checks. */
export function certifiablePeople(sql: Sql): number[] {
  const operators = sql.all(qb.selectFrom('operators').select('person_id')).map((row) => row.person_id);
  const keyed = sql.all(qb.selectFrom('person_keys').select('person_id').where('retired_at', 'is', null)).map((row) => row.person_id);
  return [...new Set([...operators, ...keyed])].sort((a, b) => a - b);
}

/** A key by id with what certifies it (any key, current or retired: an issuer's key may since have been replaced). */
export function keyForCertificate(sql: Sql, keyId: number): { id: number; personId: number; signPublic: string; boxPublic: string; enrolmentSignature: string | null } | undefined {
  const row = sql.first(qb.selectFrom('person_keys').select(['id', 'person_id', 'sign_public', 'box_public', 'enrolment_signature']).where('id', '=', keyId));
  return row === undefined ? undefined : { id: row.id, personId: row.person_id, signPublic: row.sign_public, boxPublic: row.box_public, enrolmentSignature: row.enrolment_signature };
}

export function currentKeyId(sql: Sql, personId: number): number | null {
  return sql.first(qb.selectFrom('person_keys').select('id').where('person_id', '=', personId).where('retired_at', 'is', null))?.id ?? null;
}

export function setEnrolmentSignature(sql: Sql, keyId: number, signature: string): void {
  sql.run(qb.updateTable('person_keys').set({ enrolment_signature: signature }).where('id', '=', keyId));
}
