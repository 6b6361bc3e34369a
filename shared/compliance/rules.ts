import type { ComplianceRule, RuleId } from './compliance-finding';
import { coreTeamHolderRule } from './rules/core-team-holder.rule';
import { holderInactiveRule } from './rules/holder-inactive.rule';
import { holderLeftRule } from './rules/holder-left.rule';
import { incidentEscalationRule } from './rules/incident-escalation.rule';
import { mailboxDedicatedRule } from './rules/mailbox-dedicated.rule';
import { mailboxSharedAccessRule } from './rules/mailbox-shared-access.rule';
import { monitoringCoverageRule } from './rules/monitoring-coverage.rule';
import { monitoringRotaRule } from './rules/monitoring-rota.rule';
import { policyReviewRule } from './rules/policy-review.rule';
import { recoveryKitRule } from './rules/recovery-kit.rule';
import { posterTrainingRule } from './rules/poster-training.rule';
import { pupilContactDslRule } from './rules/pupil-contact-dsl.rule';
import { responseDeadlineRule } from './rules/response-deadline.rule';
import { rotateAfterRevokeRule } from './rules/rotate-after-revoke.rule';
import { schoolSltHolderRule } from './rules/school-slt-holder.rule';
import { twoFactorRule } from './rules/two-factor.rule';

/** Every rule, in the order the policy review pack lists them (who holds access first). */
export const complianceRules: readonly ComplianceRule[] = [
  coreTeamHolderRule,
  schoolSltHolderRule,
  holderLeftRule,
  holderInactiveRule,
  mailboxDedicatedRule,
  mailboxSharedAccessRule,
  twoFactorRule,
  rotateAfterRevokeRule,
  posterTrainingRule,
  responseDeadlineRule,
  pupilContactDslRule,
  monitoringCoverageRule,
  monitoringRotaRule,
  incidentEscalationRule,
  policyReviewRule,
  recoveryKitRule,
];

export const rulesById: ReadonlyMap<RuleId, ComplianceRule> = new Map(complianceRules.map((rule) => [rule.id, rule]));
