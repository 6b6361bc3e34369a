// The shared pieces' rules, loaded with whichever screen first uses one.
import './ui.css';
import { Badge, Paper, Stack, Text } from '@mantine/core';
import type { ComplianceFindingView } from '../../../shared/contract/views';
import { severityWords } from '../format/compliance-words.format';

/**
 * Findings as a list a busy school leader can work down: how urgent, what it is about, what
 * is wrong and what to do. Each is a list item named by its subject, so it reads out whole.
 */
export function FindingList({ findings, label, ruleTitle }: { findings: ComplianceFindingView[]; label: string; ruleTitle?: (id: string) => string }) {
  return (
    <ul className="finding-list" aria-label={label}>
      {findings.map((finding, index) => {
        const severity = severityWords[finding.severity];
        return (
          <li key={`${finding.ruleId}-${finding.subject.key}-${index}`} className="finding-list__item">
            <Paper withBorder p="md">
              <Stack gap={6}>
                <div className="finding-list__head">
                  <Badge color={severity.color} variant="filled" aria-label={`${severity.label} severity`}>
                    {severity.label}
                  </Badge>
                  <Text fw={600} size="sm">
                    {finding.subject.name}
                  </Text>
                  {ruleTitle !== undefined && (
                    <Text size="xs" c="dimmed">
                      {ruleTitle(finding.ruleId)}
                    </Text>
                  )}
                </div>
                <Text size="sm">{finding.message}</Text>
                <Text size="sm">
                  <Text span fw={600} size="sm">
                    What to do:{' '}
                  </Text>
                  {finding.fix}
                </Text>
              </Stack>
            </Paper>
          </li>
        );
      })}
    </ul>
  );
}
