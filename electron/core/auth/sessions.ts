import { randomBytes } from 'node:crypto';
import type { Caller } from '../../../shared/contract/methods';
import type { ConsoleRole } from '../../../shared/domain/enums';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { londonToday } from '../clock';
import { wipePersonKeys, type PersonKeys } from '../keys/person-key';

interface Session {
  personId: number;
  caller: Caller;
  /** The person's key, opened at sign-in and kept in memory for the session only (wiped at its end). */
  keys: PersonKeys | null;
}

/**
 * Sessions live in memory only: a token names a person and the door they signed in through
 * (a window's token works only for that window's calls). Who they are and what role they
 * hold is read again on every call, so a person marked as left or demoted loses access at
 * once, not at their next sign-in.
 */
export class Sessions {
  private readonly tokens = new Map<string, Session>();
  /**
   * Publisher sessions (`scheduler run`): kept apart from people's, so resolve() never turns one
   * into an operator and no person's handler can ever run for it (router.ts runs it separately).
   */
  private readonly publishers = new Map<string, { publisherId: number; caller: Caller }>();

  startPublisher(publisherId: number, caller: Caller): string {
    const token = randomBytes(32).toString('base64url');
    this.publishers.set(token, { publisherId, caller });
    return token;
  }

  /** The publisher a token belongs to, for this door; undefined for a person's token or none. */
  publisherOf(token: string | null, caller: Caller): number | undefined {
    const session = token === null ? undefined : this.publishers.get(token);
    return session === undefined || session.caller !== caller ? undefined : session.publisherId;
  }

  start(personId: number, caller: Caller, keys: PersonKeys | null): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { personId, caller, keys });
    return token;
  }

  end(token: string): void {
    const session = this.tokens.get(token);
    // Another session of the same person may share the key object (sign-in makes one each): wipe only this one's.
    if (session !== undefined) wipePersonKeys(session.keys);
    this.tokens.delete(token);
    this.publishers.delete(token);
  }

  /** After a restore: the restored database decides who may sign in, so everyone signs in again. */
  endAll(): void {
    for (const token of [...this.tokens.keys(), ...this.publishers.keys()]) this.end(token);
  }

  endAllFor(personId: number, except?: string): void {
    for (const [token, session] of [...this.tokens]) if (session.personId === personId && token !== except) this.end(token);
  }

  /** The signed-in person's opened key (null: none was opened, e.g. a session from before a restore). */
  keys(token: string): PersonKeys | null {
    return this.tokens.get(token)?.keys ?? null;
  }

  /**
   * The open keys of everyone signed in now, one per person: a holder signed in elsewhere in this
   * app completes a grant as soon as the grantee has made their key, not at the holder's next call.
   */
  liveKeys(): PersonKeys[] {
    const byPerson = new Map<number, PersonKeys>();
    for (const session of this.tokens.values()) if (session.keys !== null) byPerson.set(session.personId, session.keys);
    return [...byPerson.values()];
  }

  /** After a passphrase change re-seals the key, or a new key replaces it: the session keeps the one now current. */
  replaceKeys(token: string, keys: PersonKeys): void {
    const session = this.tokens.get(token);
    if (session !== undefined) session.keys = keys;
  }

  async resolve(token: string | null, vault: Vault, caller: Caller): Promise<Operator> {
    const session = token === null ? undefined : this.tokens.get(token);
    if (session === undefined || session.caller !== caller) {
      throw new CoreError('unauthenticated', 'You are not signed in, or your session has ended. Sign in again.');
    }
    const operator = await loadOperator(vault, session.personId);
    if (operator === null) {
      this.end(token as string);
      throw new CoreError('unauthenticated', 'Your console access has ended. Sign in again.');
    }
    return operator;
  }
}

/** An operator who can act now: a console operator whose person has not left. */
export async function loadOperator(vault: Vault, personId: number): Promise<Operator | null> {
  const today = londonToday(vault.clock);
  const row = await vault.data.first(
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
