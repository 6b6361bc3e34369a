import { Alert, Badge, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { IncidentView } from '../../../../shared/contract/views';
import { escalationWords, incidentActionWords, incidentKindWords } from '../../format/incident-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { EvidenceForm, EvidenceList } from './incident-evidence.component';
import { ActionForm, AudienceForm, CloseForm, EscalationForm } from './incident-update-forms.component';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="incident-section">
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </section>
  );
}

function History({ label, items }: { label: string; items: { key: string; what: string; at: string; by: string }[] }) {
  return (
    <ul className="incident-history" aria-label={label}>
      {items.map((item) => (
        <li key={item.key}>
          <Text size="sm" fw={600} span>
            {item.what}
          </Text>
          <Text size="sm" c="dimmed" span>
            {' '}
            · {formatUkDateTime(item.at)} · {item.by}
          </Text>
        </li>
      ))}
    </ul>
  );
}

function Facts({ incident }: { incident: IncidentView }) {
  const rows: [string, ReactNode][] = [
    [
      'Status',
      incident.closedAt === null ? (
        <Badge color="orange" variant="light">
          Open
        </Badge>
      ) : (
        `Closed ${formatUkDateTime(incident.closedAt)}`
      ),
    ],
    ['Account', incident.channelName],
    ['Kind', incidentKindWords[incident.kind].label],
    ['Opened', `${formatUkDateTime(incident.openedAt)} by ${incident.openedBy}`],
    ['What happened', incident.summary],
  ];
  if (incident.inboxItem !== null) rows.push(['From the inbox', `Inbox item ${incident.inboxItem}`]);
  return (
    <dl className="fact-list">
      {rows.map(([term, detail]) => (
        <div key={term} className="fact-list__row">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the policy asks when a child may be at risk, until the DSL is on record as told. */
function DslPrompt() {
  return (
    <Alert color="red.9" variant="filled" title="Safeguarding: tell the DSL" role="alert" className="safeguarding-notice">
      <Text size="sm">
        Tell the Designated Safeguarding Lead (DSL), or a deputy, now: in person or by phone. Do not reply, message anyone privately or delete anything until the
        DSL says what to do. Then record below that the DSL was told.
      </Text>
    </Alert>
  );
}

function Detail({ incident, canAct, onChanged }: { incident: IncidentView; canAct: boolean; onChanged(incident: IncidentView): void }) {
  const open = incident.status === 'open';
  const acting = canAct && open;
  const dslTold = incident.escalations.some((e) => e.to === 'dsl');
  return (
    <Stack gap="lg">
      <Facts incident={incident} />
      {open && incident.kind === 'concern' && !dslTold && <DslPrompt />}
      {!open && (
        <Alert color="gray" title="Closed" role="note">
          This incident was closed on {formatUkDateTime(incident.closedAt ?? '')} and is kept as the record. Report a new incident for anything new.
        </Alert>
      )}
      {open && !canAct && (
        <Text size="sm" c="dimmed">
          You can read this incident. Only administrators and posters record evidence, actions and escalations.
        </Text>
      )}
      <Section title="Evidence">
        <EvidenceList incident={incident} />
        {acting && <EvidenceForm incident={incident} onAttached={onChanged} />}
      </Section>
      <Section title="What was done on the platform">
        {incident.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing recorded yet.
          </Text>
        ) : (
          <History
            label="Actions recorded"
            items={incident.actions.map((a, i) => ({ key: `${i}`, what: incidentActionWords[a.action].done, at: a.at, by: a.by }))}
          />
        )}
        {acting && <ActionForm incident={incident} onChanged={onChanged} />}
      </Section>
      <Section title="Telling the audience">
        {acting ? (
          <AudienceForm key={String(incident.audienceTold)} incident={incident} onChanged={onChanged} />
        ) : (
          <Text size="sm">
            Was the audience told why? {incident.audienceTold === null ? 'Not recorded.' : incident.audienceTold ? 'Yes.' : 'No.'}
          </Text>
        )}
      </Section>
      <Section title="Escalation">
        {incident.escalations.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not passed on to anyone yet.
          </Text>
        ) : (
          <History
            label="Escalations recorded"
            items={incident.escalations.map((e, i) => ({ key: `${i}`, what: escalationWords[e.to].label, at: e.at, by: e.by }))}
          />
        )}
        {acting && <EscalationForm key={incident.escalations.length} incident={incident} onChanged={onChanged} />}
      </Section>
      {acting && (
        <Section title="Closing">
          <CloseForm incident={incident} onChanged={onChanged} />
        </Section>
      )}
    </Stack>
  );
}

/**
 * One incident: what happened, the evidence, what was done, whether the audience was told,
 * who it was passed on to, and closing it. Administrators and posters record; others read.
 */
export function IncidentDetailDialog({
  incident,
  canAct,
  onClose,
  onChanged,
}: {
  incident: IncidentView | null;
  canAct: boolean;
  onClose(): void;
  onChanged(incident: IncidentView): void;
}) {
  const last = useLastRequest(incident);
  return (
    <ConsoleDialog
      opened={incident !== null}
      onClose={onClose}
      title={last === null ? '' : `${incidentKindWords[last.kind].label} on ${last.channelName}`}
      size="xl"
    >
      {last !== null && <Detail key={last.id} incident={last} canAct={canAct} onChanged={onChanged} />}
    </ConsoleDialog>
  );
}
