import type { ConsoleRole } from '../domain/enums';
import type { Caller } from './method-table';
import { contract, type MethodName } from './methods';

/** Who is asking, as far as the contract's table can tell: their console role and the school they work at. */
export interface MayCallWho {
  consoleRole: ConsoleRole;
  /** The school an SLT or staff member works at (its code); null for the trust core team. */
  workSchool: string | null;
}

/**
 * Whether the contract's one permission table lets this operator call the method through this
 * door: the caller (window or command line), the console roles, and trust-wide administration,
 * which is the core team's (an administrator at a school administers that school only). The
 * router checks the same three, in its own order and with its own refusals (router.ts,
 * access/school-scope.ts); the window asks here so that it offers only what would be allowed.
 * Rules that need the rows (holding a channel, a school's own channel) are the core's alone.
 */
export function mayCall(who: MayCallWho, method: MethodName, caller: Caller = 'window'): boolean {
  const spec = contract[method];
  if (!spec.callers.includes(caller)) return false;
  if (spec.access === 'public') return true;
  if (!spec.access.includes(who.consoleRole)) return false;
  return !(spec.trustWide && who.consoleRole === 'admin' && who.workSchool !== null);
}
