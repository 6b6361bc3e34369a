import { contract, isMethodName, type Caller, type MethodName, type MethodOutput, type ParsedInput } from '../../shared/contract/methods';
import { fail, ok, type Result } from '../../shared/contract/result';
import { methodLabels } from '../../shared/contract/labels';
import { describeIssue } from '../../shared/contract/validate';
import { schoolAdministrationRefusal } from './access/school-scope';
import { CoreError } from './errors';
import type { Handler, HandlerContext } from './handler-types';
import type { Sessions } from './auth/sessions';
import { completePendingGrants } from './keys/holder-sign-in';
import { roleRefusal, UNCERTIFIED_ROLE_MESSAGE } from './keys/role-certificate';
import { refuseUntilPassphraseChanged } from './auth/passphrase-change-required';
import { SecretStoreError } from './secrets/secret-store';
import type { VaultHost } from './vault/vault-host';
import type { Vault } from './vault/vault';
import type { PublisherHandlers } from './publishing/engine/scheduler.handlers';
import type { Load } from './handler-loaders';
import { loadHandler, publisherHandlers } from './method-handlers';
import { publisherStillTrusted } from './publishing/publisher/publisher-identity';

type PublicMethod = 'vault.status' | 'vault.init' | 'auth.signIn' | 'transfer.import' | 'auth.passphraseStrength' | 'recovery.admin';
type SessionMethod = Exclude<MethodName, PublicMethod>;

/** Public handlers are told the caller: a sign-in's session works for the door it came through only. */
export type PublicHandlers = { [K in PublicMethod]: (input: ParsedInput<K>, caller: Caller) => Promise<MethodOutput<K>> };
export type SessionHandlers = { [K in SessionMethod]: Handler<K> };
export type { PublisherHandlers };

export interface RouterDeps {
  host: VaultHost;
  sessions: Sessions;
  /** A loader's handlers, loaded once per core (handler-loaders.ts): the table is method-handlers.ts. */
  use<T>(load: Load<T>): Promise<T>;
  log: (event: string, fields: Record<string, unknown>) => void;
  /** Tests turn this on: every output is checked against the contract too. */
  validateOutputs?: boolean;
}

/**
 * The one door. Every call, from the window, the CLI or a test: the method must be in the
 * contract → the caller (window or command line) must be one the contract allows for it
 * (before the input is even read: a window never gets to try a path or an address) → its
 * input is validated (nothing is written for bad input) → the operator's role is checked
 * against the contract's table (a refusal is audited) → the handler runs and audits its own
 * change in the same transaction → a Result, never a thrown error.
 */
export class Router {
  constructor(private readonly deps: RouterDeps) {}

  async dispatch(token: string | null, method: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isMethodName(method)) return fail('unknown_method', `Unknown method: ${String(method).slice(0, 80)}.`);
    const spec = contract[method];
    if (!spec.callers.includes(caller)) {
      try {
        await this.refuseCaller(token, method, caller);
      } catch (error) {
        return this.toFailure(method, error);
      }
    }
    let parsed: ReturnType<typeof spec.input.safeParse>;
    try {
      parsed = spec.input.safeParse(input ?? {});
    } catch (error) {
      // A refinement that throws on odd input is a bug in the contract: still a Result, and logged.
      return this.toFailure(method, error);
    }
    if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
    try {
      const value = await this.run(token, method, parsed.data, caller);
      if (this.deps.validateOutputs === true) spec.output.parse(value);
      return ok(value);
    } catch (error) {
      return this.toFailure(method, error);
    }
  }

  /**
   * A method this door may not call: refused, and recorded against the signed-in operator
   * when there is one (a window calling a command-line method is a compromised renderer or a
   * bug, and either is worth a line in the trail). Always throws.
   */
  private async refuseCaller(token: string | null, method: MethodName, caller: Caller): Promise<never> {
    const what = methodLabels[method] ?? method;
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    const message =
      caller === 'window'
        ? `${What} is done from the custodian command line, not from the window. Nothing was changed.`
        : `${What} is done from the desktop window. Nothing was changed.`;
    if (token !== null && (await this.deps.host.exists())) {
      const vault = await this.deps.host.open();
      const publisherId = this.deps.sessions.publisherOf(token, caller);
      if (publisherId !== undefined) {
        await this.publisherDenied(vault, publisherId, method, caller);
        throw new CoreError('forbidden', message);
      }
      const operator = await this.deps.sessions.resolve(token, vault, caller);
      await vault.audit.append({
        actorId: operator.personId,
        action: 'permission.denied',
        target: method,
        outcome: 'denied',
        details: { method, caller, consoleRole: operator.consoleRole },
      });
    }
    throw new CoreError('forbidden', message);
  }

  private async run(token: string | null, method: MethodName, input: unknown, caller: Caller): Promise<unknown> {
    const spec = contract[method];
    if (spec.access === 'public') {
      const handler = (await loadHandler(this.deps.use, method)) as (input: unknown, caller: Caller) => Promise<unknown>;
      return handler(input, caller);
    }
    const vault = await this.deps.host.open();
    const publisherId = this.deps.sessions.publisherOf(token, caller);
    if (publisherId !== undefined) return this.runAsPublisher(vault, token as string, publisherId, method, input, caller);
    const operator = await this.deps.sessions.resolve(token, vault, caller);
    refuseUntilPassphraseChanged(operator, method);
    // The role is re-read on every call (sessions.ts); it counts only as far as its certificate says.
    const uncertified = await roleRefusal(vault, operator);
    if (uncertified !== null) {
      await vault.audit.append({
        actorId: operator.personId,
        action: 'permission.denied',
        target: method,
        outcome: 'denied',
        details: { method, consoleRole: operator.consoleRole, why: 'console role not certified', problem: uncertified },
      });
      throw new CoreError('forbidden', UNCERTIFIED_ROLE_MESSAGE);
    }
    if (!spec.access.includes(operator.consoleRole)) {
      await vault.audit.append({
        actorId: operator.personId,
        action: 'permission.denied',
        target: method,
        outcome: 'denied',
        details: { method, consoleRole: operator.consoleRole },
      });
      throw new CoreError('forbidden', `Your console role (${operator.consoleRole}) does not allow ${methodLabels[method] ?? method}.`);
    }
    const refusal = await schoolAdministrationRefusal(vault.data, operator, spec, input);
    if (refusal !== null) {
      await vault.audit.append({
        actorId: operator.personId,
        action: 'permission.denied',
        target: method,
        outcome: 'denied',
        details: { method, consoleRole: operator.consoleRole, school: operator.workSchool },
      });
      throw new CoreError('forbidden', `${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}. Nothing was changed.`);
    }
    const ctx: HandlerContext = { vault, operator, token: token as string, keys: this.deps.sessions.keys(token as string) };
    // A holder at work completes the grants waiting on their channels (a new holder's key now exists).
    if (ctx.keys !== null) await completePendingGrants(vault, ctx.keys);
    const handler = (await loadHandler(this.deps.use, method)) as Handler<SessionMethod>;
    return handler(ctx, input as never);
  }

  /**
   * The publisher (`scheduler run`, publishing/publisher/): no operator, no person key, no
   * channel. It runs the methods the contract marks `publisher` through their own handlers and is
   * refused (audited) everything else. Its enrolment is checked again on every call, so a
   * re-enrolment or a row edited with sqlite3 ends the session.
   */
  private async runAsPublisher(vault: Vault, token: string, publisherId: number, method: MethodName, input: unknown, caller: Caller): Promise<unknown> {
    if (!(await publisherStillTrusted(vault, publisherId))) {
      this.deps.sessions.end(token);
      throw new CoreError('unauthenticated', 'The publisher of this session is no longer the enrolled one (an administrator enrolled another, or its record was changed). Nothing was published.');
    }
    const handler = contract[method].publisher ? ((await this.deps.use(publisherHandlers)) as Partial<Record<MethodName, (ctx: { vault: Vault; publisherId: number }, input: unknown) => Promise<unknown>>>)[method] : undefined;
    if (handler === undefined) {
      await this.publisherDenied(vault, publisherId, method, caller);
      throw new CoreError('forbidden', `The publisher may run publishing passes only: it may not do ${methodLabels[method] ?? method}. Nothing was changed.`);
    }
    return handler({ vault, publisherId }, input);
  }

  /** The publisher is no person: the refusal names it in its details (actor_id stays null). */
  private async publisherDenied(vault: Vault, publisherId: number, method: MethodName, caller: Caller): Promise<void> {
    await vault.audit.append({
      actorId: null,
      action: 'permission.denied',
      target: method,
      outcome: 'denied',
      details: { method, caller, consoleRole: 'publisher', publisher: publisherId },
    });
  }

  private toFailure(method: MethodName, error: unknown): Result<never> {
    if (error instanceof CoreError) return fail(error.code, error.message, error.field);
    if (error instanceof SecretStoreError) return fail(error.code, error.message);
    // Anything else is a bug or an environment failure. Its message may quote data, so the
    // caller gets a generic sentence and the log gets the error's type and location only.
    this.deps.log('internal_error', {
      method,
      name: error instanceof Error ? error.name : typeof error,
      code: typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : null,
      stack: error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : null,
    });
    return fail('internal', `Custodian could not complete ${method} because of an internal error; nothing was changed. The log has details.`);
  }
}
