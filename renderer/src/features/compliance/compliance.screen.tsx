// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './compliance.css';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ComplianceView, PolicyView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { severities, severityWords } from '../../format/compliance-words.format';
import { matchesWords } from '../../format/search-words.format';
import { formatUkDate } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { FindingList } from '../../ui/finding-list.component';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { PolicyReviewDialog } from './policy-review-dialog.component';
import { useMay } from '../../session/use-may.hook';

function Counts({ report }: { report: ComplianceView }) {
  return (
    <div className="count-grid">
      {severities.map((severity) => (
        <Paper key={severity} withBorder p="lg">
          <Text size="sm" c="dimmed" fw={500}>
            {severityWords[severity].label}
          </Text>
          <Text className="count-value">{report.counts[severity]}</Text>
          <Text size="xs" c="dimmed">
            {severityWords[severity].meaning}
          </Text>
        </Paper>
      ))}
    </div>
  );
}

function PolicyReview({ policy, canRecord, onRecord }: { policy: PolicyView; canRecord: boolean; onRecord(): void }) {
  const last = policy.reviews[0];
  return (
    <Alert
      color={policy.overdue ? 'red' : 'teal'}
      title={policy.overdue ? `The policy review is overdue: it was due by ${formatUkDate(policy.nextReviewOn)}` : `Next policy review by ${formatUkDate(policy.nextReviewOn)}`}
      role="note"
    >
      <Group justify="space-between" gap="sm" align="flex-end">
        <Text size="sm">
          {last === undefined
            ? 'No review has been recorded in Custodian yet.'
            : `Last reviewed on ${formatUkDate(last.reviewedOn)} by ${last.reviewedBy}: ${last.outcome}`}
        </Text>
        {canRecord && (
          <Button size="xs" variant="white" onClick={onRecord}>
            Record a review
          </Button>
        )}
      </Group>
    </Alert>
  );
}

function Rules({ report }: { report: ComplianceView }) {
  return (
    <section aria-labelledby="rules-heading" className="rule-list">
      <Title order={2} size="h4" id="rules-heading" mb="xs">
        The rules checked
      </Title>
      {report.rules.map((rule) => (
        <details key={rule.id}>
          <summary>
            {rule.title} · {rule.findings === 0 ? 'met' : `${rule.findings} ${rule.findings === 1 ? 'finding' : 'findings'}`}
          </summary>
          <blockquote>{rule.policy}</blockquote>
        </details>
      ))}
    </section>
  );
}

/**
 * The policy in force, as a to-do list: every finding of the compliance rules, most urgent
 * first, each with what to do; the policy review date; and the rules with the sentence of the
 * policy each enforces.
 */
export function ComplianceScreen() {
  const { operator } = useConsoleSession();
  const canRecord = useMay('policy.recordReview');
  const report = useInvoke('compliance.report', {});
  const policy = useInvoke('policy.show', {});
  const [severity, setSeverity] = useState('');
  const [rule, setRule] = useState('');
  const [query, setQuery] = useState('');
  const [recording, setRecording] = useState(false);
  const reload = () => {
    report.reload();
    policy.reload();
  };

  const titles = useMemo(() => new Map(report.status === 'ok' ? report.value.rules.map((r) => [r.id, r.title]) : []), [report]);
  const shown = useMemo(() => {
    if (report.status !== 'ok') return [];
    return report.value.findings.filter(
      (f) => (severity === '' || f.severity === severity) && (rule === '' || f.ruleId === rule) && matchesWords([f.subject.name, f.message], query),
    );
  }, [report, severity, rule, query]);

  return (
    <>
      <ScreenHeading
        title="Compliance"
        intro={
          operator.schoolScope === null
            ? 'How the trust meets its social media policy today: what needs putting right, most urgent first.'
            : "How your school's accounts meet the social media policy today: what needs putting right, most urgent first."
        }
        actions={
          <Button variant="default" onClick={reload}>
            Refresh
          </Button>
        }
      />
      {report.status === 'loading' && <Loading what="the compliance report" />}
      {report.status === 'error' && <LoadFailed what="the compliance report" error={report.error} onRetry={reload} />}
      {report.status === 'ok' && (
        <Stack gap="lg">
          <Counts report={report.value} />
          {policy.status === 'ok' && <PolicyReview policy={policy.value} canRecord={canRecord} onRecord={() => setRecording(true)} />}
          <section aria-labelledby="findings-heading">
            <Title order={2} size="h3" id="findings-heading" mb="sm">
              Findings
            </Title>
            <Group gap="md" align="flex-end" mb="md" wrap="wrap">
              <TextInput label="Find" placeholder="A channel, a person or a word" value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={300} {...searchFieldProps} />
              <NativeSelect
                label="Severity"
                value={severity}
                onChange={(e) => setSeverity(e.currentTarget.value)}
                data={[{ value: '', label: 'All' }, ...severities.map((s) => ({ value: s, label: severityWords[s].label }))]}
              />
              <NativeSelect
                label="Rule"
                value={rule}
                onChange={(e) => setRule(e.currentTarget.value)}
                data={[{ value: '', label: 'All rules' }, ...report.value.rules.filter((r) => r.findings > 0).map((r) => ({ value: r.id, label: r.title }))]}
              />
            </Group>
            <Text size="sm" c="dimmed" mb="sm" aria-live="polite">
              {report.value.findings.length === 0
                ? 'Nothing to put right: every rule is met.'
                : `${shown.length} of ${report.value.findings.length} ${report.value.findings.length === 1 ? 'finding' : 'findings'} shown.`}
            </Text>
            {shown.length > 0 && <FindingList findings={shown} label="Findings" ruleTitle={(id) => titles.get(id) ?? id} />}
          </section>
          <Rules report={report.value} />
        </Stack>
      )}
      <PolicyReviewDialog opened={recording} onClose={() => setRecording(false)} onRecorded={reload} />
    </>
  );
}
