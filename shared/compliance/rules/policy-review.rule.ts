import type { ComplianceRule, Finding } from '../compliance-finding';
import type { ComplianceSnapshot } from '../compliance-snapshot';
import type { PolicyProfile } from '../policy-profile';
import { daysBetween, formatLongDate, formatMonthYear } from '../compliance-dates';
import { policySentences } from '../policy-sentences';

const DUE_SOON_DAYS = 30;

/**
 * The policy is due for review by the later of the profile's date (the policy's own "Review
 * Date") and the next review date set at the latest recorded review: recording a review moves
 * the date on, and a profile can never move it back.
 */
/** When the policy is next due for review: the later of the profile's date and the latest review's next date. */
export function policyReviewDue(reviews: ComplianceSnapshot['reviews'], profile: PolicyProfile): { due: string; latest: { reviewedOn: string; nextReviewOn: string } | undefined } {
  let latest: { reviewedOn: string; nextReviewOn: string } | undefined;
  for (const review of reviews) if (latest === undefined || review.reviewedOn > latest.reviewedOn) latest = review;
  const due = latest !== undefined && latest.nextReviewOn > profile.policyReviewDate ? latest.nextReviewOn : profile.policyReviewDate;
  return { due, latest };
}

export const policyReviewRule: ComplianceRule = {
  id: 'policy-review',
  title: 'The social media policy is reviewed on time',
  source: 'policy',
  policy: policySentences.reviewDate,
  evaluate(snapshot, profile, today) {
    const { due, latest } = policyReviewDue(snapshot.reviews, profile);
    const subject = { kind: 'trust' as const, key: 'trust', name: snapshot.trustName };
    const last = latest === undefined ? 'No review has been recorded in Custodian.' : `It was last reviewed on ${formatLongDate(latest.reviewedOn)}.`;
    const findings: Finding[] = [];
    if (today > due) {
      findings.push({
        ruleId: 'policy-review',
        severity: 'high',
        subject,
        message: `The social media policy was due for review in ${formatMonthYear(due)} and is now overdue. ${last}`,
        fix: 'Arrange the review with the group that approves the policy, then record it and the next review date in Custodian.',
      });
    } else if (daysBetween(today, due) <= DUE_SOON_DAYS) {
      findings.push({
        ruleId: 'policy-review',
        severity: 'low',
        subject,
        message: `The social media policy is due for review by ${formatLongDate(due)}. ${last}`,
        fix: 'Arrange the review with the group that approves the policy, then record it and the next review date in Custodian.',
      });
    }
    return findings;
  },
};
