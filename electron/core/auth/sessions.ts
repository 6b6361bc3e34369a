import { randomBytes } from 'node:crypto';
import type { Caller } from '../../../shared/contract/methods';
import type { ConsoleRole } from '../../../shared/domain/enums';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { londonToday } from '../clock';

interface Session {
  personId: number;
  caller: Caller;
}

/**
 * Sessions live in memory only: a token names a person and the door they signed in through
 * (a window's token works only for that window's calls). Who they are and what role they
 * hold is read again on every call, so a person marked as left or demoted loses access at
 * once, not at their next sign-in.
 */
export class Sessions {
  private readonly tokens = new Map<string, Session>();

  start(personId: number, caller: Caller): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { personId, caller });
    return token;
  }

  end(token: string): void {
    this.tokens.delete(token);
  }

  /** After a restore: the restored database decides who may sign in, so everyone signs in again. */
  endAll(): void {
    this.tokens.clear();
  }

  endAllFor(personId: number, except?: string): void {
    for (const [token, session] of this.tokens) if (session.personId === personId && token !== except) this.tokens.delete(token);
  }

  resolve(token: string | null, vault: Vault, caller: Caller): Operator {
    const session = token === null ? undefined : this.tokens.get(token);
    if (session === undefined || session.caller !== caller) {
      throw new CoreError('unauthenticated', 'You are not signed in, or your session has ended. Sign in again.');
    }
    const operator = loadOperator(vault, session.personId);
    if (operator === null) {
      this.end(token as string);
      throw new CoreError('unauthenticated', 'Your console access has ended. Sign in again.');
    }
    return operator;
  }
}

/** An operator who can act now: a console operator whose person has not left. */
export function loadOperator(vault: Vault, personId: number): Operator | null {
  const today = londonToday(vault.clock);
  const row = vault.sql.first(
    qb
      .selectFrom('operators')
      .innerJoin('people', 'people.id', 'operators.person_id')
      .leftJoin('schools', 'schools.id', 'people.school_id')
      .select(['people.id', 'people.name', 'people.email', 'people.role', 'people.left_on', 'people.school_id', 'schools.code', 'operators.console_role', 'operators.must_change_passphrase'])
      .where('people.id', '=', personId),
  );
  if (row === undefined || (row.left_on !== null && row.left_on <= today)) return null;
  return { ...toOperator(row), mustChangePassphrase: row.must_change_passphrase === 1 };
}

/** Builds the operator, with the school scope of an SLT (or staff) auditor. */
export function toOperator(row: {
  id: number;
  name: string;
  email: string;
  role: string;
  school_id: number | null;
  code: string | null;
  console_role: string;
}): Omit<Operator, 'mustChangePassphrase'> {
  const scoped = row.console_role === 'auditor' && row.role !== 'core-team' && row.school_id !== null;
  const atSchool = row.role !== 'core-team' && row.school_id !== null;
  return {
    personId: row.id,
    name: row.name,
    email: row.email,
    consoleRole: row.console_role as ConsoleRole,
    schoolScope: scoped ? row.code : null,
    schoolScopeId: scoped ? row.school_id : null,
    workSchool: atSchool ? row.code : null,
    workSchoolId: atSchool ? row.school_id : null,
  };
}
