import { Alert, Badge, Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { MethodInput } from '../../../../shared/contract/methods';
import type { ContractError } from '../../../../shared/contract/result';
import type { IncidentView } from '../../../../shared/contract/views';
import {
  escalationTargets,
  escalationWords,
  incidentActions,
  incidentActionWords,
  incidentKindWords,
  type EscalationTarget,
  type IncidentAction,
} from '../../format/incident-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { EvidenceForm, EvidenceList } from './incident-evidence.component';
import { RefusalAlert } from '../../ui/dialog-actions.component';

type Update = Omit<MethodInput<'incident.update'>, 'id'>;

/** Sends one change to the incident; the answer is the incident as it now is, or the core's refusal. */
function useIncidentUpdate(incident: IncidentView, onChanged: (incident: IncidentView) => void) {
  const { call } = useConsoleSession();
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (update: Update): Promise<boolean> => {
    setRefusal(null);
    setBusy(true);
    const result = await call('incident.update', { id: incident.id, ...update });
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return false;
    }
    onChanged(result.value);
    return true;
  };
  return { send, refusal, busy };
}

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

function ActionForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
  const [action, setAction] = useState<IncidentAction | ''>('');
  const [problem, setProblem] = useState<string | null>(null);
  const { send, refusal, busy } = useIncidentUpdate(incident, onChanged);
  const noEvidence = incident.evidence.length === 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (action === '') return setProblem('Choose what you did.');
    setProblem(null);
    if (await send({ action })) setAction('');
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        {noEvidence && (
          <Alert color="yellow" title="Capture evidence before deleting" role="note">
            Attach a screenshot of the post or comment above before you delete it: once deleted, it is gone for good.
          </Alert>
        )}
        <Radio.Group label="What did you do?" value={action} onChange={(value) => setAction(value as IncidentAction)} error={problem}>
          <Stack gap="xs" mt={6}>
            {incidentActions.map((option) => (
              <Radio
                key={option}
                value={option}
                label={incidentActionWords[option].label}
                description={option === 'delete' && noEvidence ? 'Only once evidence is attached.' : incidentActionWords[option].meaning}
              />
            ))}
          </Stack>
        </Radio.Group>
        <RefusalAlert title="Not recorded" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={busy}>
            Record what was done
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AudienceForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
  const [told, setTold] = useState(incident.audienceTold === null ? '' : incident.audienceTold ? 'yes' : 'no');
  const [problem, setProblem] = useState<string | null>(null);
  const { send, refusal, busy } = useIncidentUpdate(incident, onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (told === '') return setProblem('Choose yes or no.');
    setProblem(null);
    await send({ audienceTold: told === 'yes' });
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Radio.Group
          label="Was the audience told why?"
          description="The policy asks you to tell the audience exactly why a comment was hidden or deleted, or an account blocked."
          value={told}
          onChange={setTold}
          error={problem}
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
        <RefusalAlert title="Not recorded" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={busy}>
            Record the answer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EscalationForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
  const dslTold = incident.escalations.some((e) => e.to === 'dsl');
  const [to, setTo] = useState<EscalationTarget | ''>(incident.kind === 'concern' && !dslTold ? 'dsl' : '');
  const [problem, setProblem] = useState<string | null>(null);
  const { send, refusal, busy } = useIncidentUpdate(incident, onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (to === '') return setProblem('Choose who you passed it on to.');
    setProblem(null);
    if (await send({ escalate: to })) setTo('');
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Radio.Group label="Who did you pass it on to?" value={to} onChange={(value) => setTo(value as EscalationTarget)} error={problem}>
          <Stack gap="xs" mt={6}>
            {escalationTargets.map((target) => (
              <Radio key={target} value={target} label={escalationWords[target].label} description={escalationWords[target].meaning} />
            ))}
          </Stack>
        </Radio.Group>
        <RefusalAlert title="Not recorded" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={busy}>
            Record the escalation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
  const [confirming, setConfirming] = useState(false);
  const { send, refusal, busy } = useIncidentUpdate(incident, onChanged);
  const nothingDone = incident.actions.length === 0 && incident.escalations.length === 0;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Close it when nothing more needs doing. A closed incident is kept as the record of what happened and cannot be changed.
        {nothingDone && ' First record what was done about it, or who it was passed on to.'}
      </Text>
      <RefusalAlert title="Not recorded" error={refusal} />
      {confirming ? (
        <Group justify="flex-end" gap="sm">
          <Text size="sm" fw={600}>
            Close this incident now?
          </Text>
          <Button variant="default" onClick={() => setConfirming(false)}>
            Not yet
          </Button>
          <Button onClick={() => void send({ close: true }).then((done) => !done && setConfirming(false))} loading={busy}>
            Yes, close it
          </Button>
        </Group>
      ) : (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(true)}>
            Close the incident
          </Button>
        </Group>
      )}
    </Stack>
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
