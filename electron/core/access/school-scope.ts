import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Db } from '../db/db.port';
import { resolveChannel } from '../channels/channels.repo';

/**
 * An SLT auditor reviews their own school: its channels, their holders and their audit
 * events, and nothing of other schools or the trust's own channels. Everyone else
 * (schoolScope null) sees the whole trust.
 */
export function inScope(operator: Operator, school: string | null): boolean {
  return operator.schoolScope === null || school === operator.schoolScope;
}

export function scoped<T extends { school: string | null }>(operator: Operator, rows: T[]): T[] {
  return operator.schoolScope === null ? rows : rows.filter((row) => row.school === operator.schoolScope);
}

export function requireInScope(operator: Operator, school: string | null, what: string): void {
  if (!inScope(operator, school)) {
    throw new CoreError('forbidden', `You can see ${operator.schoolScope}'s ${what} only.`);
  }
}

/**
 * The daily work of an operator at a school (SLT or staff, any console role): incidents, the
 * inbox, notifications, consent and monitoring of their school's channels and the trust's,
 * never another school's (a poster at one school must not read another's bullying incident or
 * a pupil's message, nor stop its clock). The core team (workSchoolId null) works trust-wide.
 */
export function mayWorkOn(operator: Operator, schoolId: number | null): boolean {
  return operator.workSchoolId === null || schoolId === null || schoolId === operator.workSchoolId;
}

export function requireMayWorkOn(operator: Operator, schoolId: number | null, what: string): void {
  if (!mayWorkOn(operator, schoolId)) {
    throw new CoreError('forbidden', `That ${what} belongs to another school: you work on ${operator.workSchool ?? 'your school'}'s and the trust's channels only.`);
  }
}

/**
 * What administering a school means for an operator at one: that school's channels only (not
 * another school's, nor the trust's own). The core team administers everything.
 */
export function requireAdministers(operator: Operator, schoolId: number | null, what: string): void {
  if (operator.workSchoolId !== null && schoolId !== operator.workSchoolId) {
    throw new CoreError('forbidden', `You administer ${operator.workSchool ?? 'your school'} only; ${what} is the trust core team's to change. Nothing was changed.`);
  }
}

/** The rows (channels as listed, by school code) an operator's daily work covers: see mayWorkOn. */
export function workedOn<T extends { school: string | null }>(operator: Operator, rows: T[]): T[] {
  return operator.workSchool === null ? rows : rows.filter((row) => row.school === null || row.school === operator.workSchool);
}

/**
 * The router's rule for administrators at a school, before any handler runs: trust-wide
 * administration (the contract's trustWide methods) is the core team's, and an
 * administrator-only method that names a channel may name one of their own school's channels
 * only. Returns the reason to refuse, or null.
 */
export async function schoolAdministrationRefusal(
  db: Db,
  operator: Operator,
  spec: { access: 'public' | readonly string[]; trustWide: boolean },
  input: unknown,
): Promise<string | null> {
  if (operator.workSchoolId === null || operator.consoleRole !== 'admin') return null;
  const school = operator.workSchool ?? 'your school';
  if (spec.trustWide) return `this is trust-wide administration, for the trust core team: you administer ${school} only`;
  const adminOnly = spec.access !== 'public' && spec.access.length === 1 && spec.access[0] === 'admin';
  const ref = typeof input === 'object' && input !== null && 'channel' in input ? (input as { channel: unknown }).channel : undefined;
  if (!adminOnly || typeof ref !== 'string') return null;
  const channel = await resolveChannel(db, ref);
  if (channel.school_id === operator.workSchoolId) return null;
  return `${ref} is ${channel.school === null ? "the trust's own channel" : `${channel.school}'s channel`}: you administer ${school}'s channels only`;
}
