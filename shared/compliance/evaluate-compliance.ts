import { severities, type Finding } from './compliance-finding';
import type { ComplianceSnapshot } from './compliance-snapshot';
import { isIsoDate } from './compliance-dates';
import type { PolicyProfile } from './policy-profile';
import { complianceRules } from './rules';

const severityRank = new Map(severities.map((severity, rank) => [severity, rank]));
const ruleRank = new Map(complianceRules.map((rule, rank) => [rule.id, rank]));
// One collator for the whole sort: localeCompare would build one per comparison.
const byName = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/**
 * Runs every rule over one snapshot. Findings come most serious first, then by what they are
 * about, so a leader reads the worst problems, grouped by channel or person, at the top.
 * today is the caller's London date; an impossible date is a programming error, so it throws.
 */
export function evaluateCompliance(snapshot: ComplianceSnapshot, profile: PolicyProfile, today: string): Finding[] {
  if (!isIsoDate(today)) throw new RangeError(`evaluateCompliance needs today as a date written YYYY-MM-DD, not ${JSON.stringify(today)}`);
  const findings = complianceRules.flatMap((rule) => rule.evaluate(snapshot, profile, today));
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (severityRank.get(a.severity) ?? 0) - (severityRank.get(b.severity) ?? 0) ||
    byName.compare(a.subject.name, b.subject.name) ||
    (ruleRank.get(a.ruleId) ?? 0) - (ruleRank.get(b.ruleId) ?? 0) ||
    byName.compare(a.message, b.message)
  );
}
