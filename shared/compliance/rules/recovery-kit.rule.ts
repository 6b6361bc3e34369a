import type { ComplianceRule } from '../compliance-finding';
import { policySentences } from '../policy-sentences';

/**
 * Login details open only with a current holder's passphrase (holders' keys). Without the
 * recovery kit, a channel whose holders all forget their passphrase or leave is locked for good:
 * the details the policy says the trust holds would be gone.
 */
export const recoveryKitRule: ComplianceRule = {
  id: 'recovery-kit',
  title: 'A recovery kit is kept in the trust’s safe',
  source: 'policy',
  policy: policySentences.holders,
  evaluate(snapshot) {
    if (snapshot.recoveryKit) return [];
    return [
      {
        ruleId: 'recovery-kit',
        severity: 'high',
        subject: { kind: 'trust', key: 'trust', name: snapshot.trustName },
        message: 'No recovery kit: if every holder of an account forgets their passphrase or leaves, its login details are lost.',
        fix: 'Make one on the Data page, or with custodian recovery kit.',
      },
    ];
  },
};
