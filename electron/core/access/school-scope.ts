import { CoreError } from '../errors';
import type { Operator } from '../handler-types';

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
