import { Alert, Code, Text } from '@mantine/core';
import type { ContractError } from '../../../../shared/contract/result';
import type { AuditVerifyView } from '../../../../shared/contract/views';

export type VerifyOutcome = { kind: 'answer'; answer: AuditVerifyView; at: string } | { kind: 'error'; error: ContractError };

/**
 * What audit.verify found: intact with the head hash, or the first event that fails. The check
 * is always of the whole trail (a chain is checked link by link); `scopeName` is the school an
 * SLT auditor's list is limited to, so the result says why its count is larger than the list's.
 */
export function AuditVerifyResult({ outcome, scopeName, onClose }: { outcome: VerifyOutcome; scopeName: string | null; onClose(): void }) {
  const close = { withCloseButton: true, closeButtonLabel: 'Dismiss this result', onClose };
  if (outcome.kind === 'error') {
    return (
      <Alert color="red" title="The audit trail could not be checked" role="alert" {...close}>
        {outcome.error.message}
      </Alert>
    );
  }
  const { answer } = outcome;
  if (!answer.ok && answer.findings !== undefined) {
    return (
      <Alert color="red" title="The audit trail is intact, but the database was changed outside Custodian" role="alert" {...close}>
        <Text size="sm">These rows are not what the trail says they should be:</Text>
        <ul>
          {answer.findings.map((finding) => (
            <li key={finding}>
              <Text size="sm">{finding}</Text>
            </li>
          ))}
        </ul>
        <Text size="sm" mt={4}>
          Keep a copy of the data folder as it is now and tell the trust&apos;s data protection officer.
        </Text>
      </Alert>
    );
  }
  if (!answer.ok) {
    return (
      <Alert color="red" title={`The audit trail has been altered: event ${answer.firstBadSeq} fails the check`} role="alert" {...close}>
        <Text size="sm">What Custodian found: {answer.problem}.</Text>
        <Text size="sm" mt={4}>
          {answer.firstBadSeq > 1
            ? `Events 1 to ${answer.firstBadSeq - 1} are intact; from event ${answer.firstBadSeq} on, the trail cannot be trusted.`
            : 'None of the trail can be trusted until this is looked into.'}{' '}
          Keep a copy of the data folder as it is now and tell the trust&apos;s data protection officer.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="green" title={`The ${scopeName === null ? '' : 'whole '}audit trail is intact: ${answer.events} events`} role="status" {...close}>
      {scopeName !== null && (
        <Text size="sm" mb={4}>
          The check covers every event of the trust, since each is linked to the one before it; the list below shows only those about {scopeName}, so it
          holds fewer.
        </Text>
      )}
      <Text size="sm">
        Every event, up to the latest (event {answer.headSeq}), is linked to the one before it and signed with the key in this
        computer&apos;s keychain. Checked {outcome.at}. The latest event&apos;s fingerprint (head hash):
      </Text>
      <Code block mt="xs" className="hash-value">
        {answer.headHash}
      </Code>
    </Alert>
  );
}
