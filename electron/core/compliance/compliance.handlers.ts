import type { Finding } from '../../../shared/compliance/compliance-finding';
import type { ComplianceSnapshot } from '../../../shared/compliance/compliance-snapshot';
import type { PolicyProfile } from '../../../shared/compliance/policy-profile';
import { evaluateCompliance } from '../../../shared/compliance/evaluate-compliance';
import { complianceRules } from '../../../shared/compliance/rules';
import { policyReviewDue } from '../../../shared/compliance/rules/policy-review.rule';
import type { ComplianceView, PolicyView } from '../../../shared/contract/views';
import { londonToday } from '../clock';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { HandlerMap, Operator } from '../handler-types';
import { readComplianceSnapshot, snapshotForSchool } from './compliance-snapshot.repo';
import { loadPolicyProfile, mergePolicyProfile, storePolicyProfile } from './policy-profile.repo';

/** The findings an operator may see: the whole trust, or an SLT auditor's own school. */
export async function complianceFor(db: Db, operator: Operator, today: string): Promise<ComplianceView> {
  const { profile } = await loadPolicyProfile(db);
  return reportFor(await readComplianceSnapshot(db, today), profile, operator, today);
}

function reportFor(whole: ComplianceSnapshot, profile: PolicyProfile, operator: Operator, today: string): ComplianceView {
  const scopeId = operator.schoolScopeId;
  const snapshot: ComplianceSnapshot = scopeId === null ? whole : snapshotForSchool(whole, scopeId);
  let findings: Finding[] = evaluateCompliance(snapshot, profile, today);
  if (scopeId !== null) {
    // Findings about people (training, leavers) show only for the auditor's own school.
    const schoolOf = new Map(whole.people.map((p) => [p.email.toLowerCase(), p.schoolId]));
    findings = findings.filter((f) => f.subject.kind !== 'person' || schoolOf.get(f.subject.key.toLowerCase()) === scopeId);
  }
  // One pass for the counts and the view's copies (no spread: a literal of known shape is cheaper,
  // and 2,700 findings are copied on the bench's trust).
  const perRule = new Map<string, number>();
  const counts = { high: 0, medium: 0, low: 0 };
  const view: ComplianceView['findings'] = [];
  for (let i = 0; i < findings.length; i += 1) {
    const f = findings[i] as Finding;
    perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    counts[f.severity] += 1;
    const { kind, key, name } = f.subject;
    view.push({ ruleId: f.ruleId, severity: f.severity, subject: { kind, key, name }, message: f.message, fix: f.fix });
  }
  return {
    today,
    counts,
    findings: view,
    rules: complianceRules.map((rule) => ({ id: rule.id, title: rule.title, source: rule.source, policy: rule.policy, findings: perRule.get(rule.id) ?? 0 })),
  };
}

async function policyView(db: Db, today: string): Promise<PolicyView> {
  const { profile, source } = await loadPolicyProfile(db);
  const reviews = await db.all(
    qb
      .selectFrom('policy_reviews as r')
      .innerJoin('people as p', 'p.id', 'r.recorded_by')
      .select(['r.id', 'r.reviewed_on', 'r.reviewed_by', 'r.outcome', 'r.next_review_on', 'p.email', 'r.recorded_at'])
      .orderBy('r.reviewed_on', 'desc')
      .orderBy('r.id', 'desc'),
  );
  const { due } = policyReviewDue(
    reviews.map((r) => ({ reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on })),
    profile,
  );
  return {
    profile: { ...profile },
    source,
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewed_on,
      reviewedBy: r.reviewed_by,
      outcome: r.outcome,
      nextReviewOn: r.next_review_on,
      recordedBy: r.email,
      recordedAt: r.recorded_at,
    })),
    nextReviewOn: due,
    overdue: today > due,
  };
}

/**
 * The policy in force: the compliance report (every rule run over the register, the inbox,
 * monitoring and training), the trust's profile of numbers, and the record of reviews.
 */
export const complianceHandlers: HandlerMap<'compliance.report' | 'policy.show' | 'policy.update' | 'policy.recordReview'> = {
  'compliance.report': ({ vault, operator }) => complianceFor(vault.data, operator, londonToday(vault.clock)),

  'policy.show': ({ vault }) => policyView(vault.data, londonToday(vault.clock)),

  'policy.update': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const current = (await loadPolicyProfile(data)).profile;
      const next = mergePolicyProfile(current, input.settings);
      const changed = Object.keys(next).filter((key) => next[key as keyof typeof next] !== current[key as keyof typeof current]);
      await storePolicyProfile(data, next, operator.personId, vault.clock.now().toISOString());
      await vault.audit.append({
        actorId: operator.personId,
        action: 'policy.update',
        target: 'policy',
        outcome: 'ok',
        details: Object.fromEntries(changed.map((key) => [key, { from: current[key as keyof typeof current], to: next[key as keyof typeof next] }])),
      });
      return policyView(data, londonToday(vault.clock));
    });
  },

  'policy.recordReview': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const at = vault.clock.now().toISOString();
      const row = await data.first(
        qb
          .insertInto('policy_reviews')
          .values({
            reviewed_on: input.reviewedOn,
            reviewed_by: input.reviewedBy,
            outcome: input.outcome,
            next_review_on: input.nextReviewOn,
            recorded_by: operator.personId,
            recorded_at: at,
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      await vault.audit.append({
        actorId: operator.personId,
        action: 'policy.review',
        target: 'policy',
        outcome: 'ok',
        details: { reviewedOn: input.reviewedOn, nextReviewOn: input.nextReviewOn },
      });
      return {
        id: row.id,
        reviewedOn: input.reviewedOn,
        reviewedBy: input.reviewedBy,
        outcome: input.outcome,
        nextReviewOn: input.nextReviewOn,
        recordedBy: operator.email,
        recordedAt: at,
      };
    });
  },
};
