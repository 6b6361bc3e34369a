import type { MethodName, MethodOutput, ParsedInput } from '../../shared/contract/methods';
import type { ConsoleRole } from '../../shared/domain/enums';
import type { PersonKeys } from './keys/person-key';
import type { Vault } from './vault/vault';

/** The signed-in operator, re-read from the database on every call. */
export interface Operator {
  personId: number;
  name: string;
  email: string;
  consoleRole: ConsoleRole;
  /**
   * An SLT auditor sees the register and the audit of their own school only: that school's
   * code and id here; null for everyone else (the core team sees the whole trust).
   */
  schoolScope: string | null;
  schoolScopeId: number | null;
  /**
   * The school of an operator who works at one (SLT or staff, whatever their console role);
   * null for the core team. Their daily work (incidents, the inbox, notifications, consent,
   * monitoring) covers that school's channels and the trust's only, and they administer that
   * school only: trust-wide administration is the core team's (see access/school-scope.ts).
   */
  workSchool: string | null;
  workSchoolId: number | null;
  /** An administrator set the passphrase, or it scored too low at sign-in: the router allows only changing it (auth/passphrase-change-required.ts). */
  mustChangePassphrase: boolean;
}

export interface HandlerContext {
  vault: Vault;
  operator: Operator;
  token: string;
  /** The operator's own key, opened at sign-in: it opens their wraps and signs the wraps they make. */
  keys: PersonKeys | null;
}

export type Handler<M extends MethodName> = (ctx: HandlerContext, input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** A handler map for part of the contract: each domain folder exports one. */
export type HandlerMap<M extends MethodName> = { [K in M]: Handler<K> };
