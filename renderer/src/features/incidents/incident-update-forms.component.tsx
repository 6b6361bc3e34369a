import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../../shared/contract/methods';
import type { ContractError } from '../../../../shared/contract/result';
import type { IncidentView } from '../../../../shared/contract/views';
import {
  escalationTargets,
  escalationWords,
  incidentActions,
  incidentActionWords,
  type EscalationTarget,
  type IncidentAction,
} from '../../format/incident-words.format';
import { useConsoleSession } from '../../session/console-session.context';
import { RefusalAlert } from '../../ui/dialog-actions.component';

/*
 * The forms an open incident's dialog offers (incident-detail-dialog): what was done on the
 * platform, whether the audience was told, who it was passed on to, and closing it. Each sends
 * one incident.update and hands the incident as it now is back to the dialog.
 */

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

export function ActionForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
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

export function AudienceForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
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

export function EscalationForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
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

export function CloseForm({ incident, onChanged }: { incident: IncidentView; onChanged(incident: IncidentView): void }) {
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
