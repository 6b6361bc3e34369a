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
  return sortFindings(complianceRules.flatMap((rule) => rule.evaluate(snapshot, profile, today)));
}

/**
 * Severity, then the subject's name (en-GB order, case and accents aside), then the rules'
 * order, then the message. Thousands of findings share a few thousand names, so each name is
 * ranked once and the sort compares numbers: a collator comparison at every step of the sort
 * was most of its time. The order is the one those comparisons give (the sort is stable).
 */
function sortFindings(findings: readonly Finding[]): Finding[] {
  const names = [...new Set(findings.map((f) => f.subject.name))].sort(byName.compare);
  const nameRank = new Map<string, number>();
  let rank = 0;
  names.forEach((name, i) => {
    // Names the collator holds equal ('Ann' and 'ann') share a rank, as they did when compared.
    if (i > 0 && byName.compare(names[i - 1] ?? '', name) !== 0) rank += 1;
    nameRank.set(name, rank);
  });
  return findings
    .map((finding) => ({
      finding,
      severity: severityRank.get(finding.severity) ?? 0,
      name: nameRank.get(finding.subject.name) ?? 0,
      rule: ruleRank.get(finding.ruleId) ?? 0,
    }))
    .sort((a, b) => a.severity - b.severity || a.name - b.name || a.rule - b.rule || byName.compare(a.finding.message, b.finding.message))
    .map((keyed) => keyed.finding);
}
