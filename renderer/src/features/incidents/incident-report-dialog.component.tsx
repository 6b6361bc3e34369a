import { Alert, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { ChannelView, IncidentView, SchoolView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelRef, groupChannels } from '../../format/channel-names.format';
import { incidentKinds, incidentKindWords, type IncidentKind } from '../../format/incident-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';

const SUMMARY_MAX = 500;

interface Draft {
  channel: string;
  kind: IncidentKind | '';
  summary: string;
  inbox: string;
}

type Problems = Partial<Record<keyof Draft, string>>;

function check(draft: Draft): Problems {
  const problems: Problems = {};
  if (draft.channel === '') problems.channel = 'Choose the account it happened on.';
  if (draft.kind === '') problems.kind = 'Choose what kind of incident it is.';
  const summary = draft.summary.trim();
  if (summary === '') problems.summary = 'Say in a few words what happened.';
  else if (summary.length > SUMMARY_MAX) problems.summary = `Keep it to ${SUMMARY_MAX} characters or fewer: it has ${summary.length}.`;
  return problems;
}

/** The inbox items that came in on the chosen channel, to link the incident to the one it came from. */
function InboxItemField({ channel, value, onChange }: { channel: string; value: string; onChange(value: string): void }) {
  const items = useInvoke('inbox.list', { channel }, channel !== '');
  const options =
    items.status === 'ok'
      ? items.value.map((item) => ({ value: String(item.id), label: `${formatUkDateTime(item.receivedAt)}: ${item.summary.length > 70 ? `${item.summary.slice(0, 69)}…` : item.summary}` }))
      : [];
  return (
    <NativeSelect
      label="Inbox item it came from (optional)"
      description={channel === '' ? 'Choose the account first.' : options.length === 0 ? 'Nothing on this account is in the inbox.' : 'If it began as a comment or message logged in the inbox.'}
      data={[{ value: '', label: 'None' }, ...options]}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={channel === '' || options.length === 0}
    />
  );
}

function ReportForm({
  channels,
  schools,
  onCancel,
  onReported,
}: {
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  onCancel(): void;
  onReported(incident: IncidentView): void;
}) {
  const { call } = useConsoleSession();
  const [draft, setDraft] = useState<Draft>({ channel: '', kind: '', summary: '', inbox: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const found = check(draft);
    setProblems(found);
    if (Object.keys(found).length > 0 || draft.kind === '') return;
    setBusy(true);
    const result = await call('incident.add', {
      channel: draft.channel,
      kind: draft.kind,
      summary: draft.summary.trim(),
      ...(draft.inbox === '' ? {} : { inbox: Number(draft.inbox) }),
    });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onReported(result.value);
  };

  const options = [
    { value: '', label: 'Choose the account' },
    ...groupChannels(channels, schools).map((group) => ({
      group: group.label,
      items: group.channels.map((c) => ({ value: channelRef(c), label: `${c.name} (${c.handle})` })),
    })),
  ];
  const length = draft.summary.trim().length;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">Do not delete anything yet: take a screenshot first. You can attach it as soon as the incident is reported.</Text>
        <NativeSelect
          label="Account it happened on"
          data={options}
          value={draft.channel}
          onChange={(event) => {
            const channel = event.currentTarget.value;
            setDraft((current) => ({ ...current, channel, inbox: '' }));
          }}
          error={problems.channel}
          required
          data-autofocus
        />
        <Radio.Group label="Kind" value={draft.kind} onChange={set('kind')} error={problems.kind} required>
          <Stack gap="xs" mt={6}>
            {incidentKinds.map((kind) => (
              <Radio key={kind} value={kind} label={incidentKindWords[kind].label} description={incidentKindWords[kind].meaning} />
            ))}
          </Stack>
        </Radio.Group>
        {draft.kind === 'concern' && (
          <Alert color="red" title="Tell the DSL now" role="note">
            A worry that a child may be at risk goes to the Designated Safeguarding Lead (DSL), or a deputy, straight away: in person or by phone. Follow your
            school’s Child Protection and Safeguarding policy.
          </Alert>
        )}
        <Textarea
          label="What happened"
          description={`In a sentence or two. Keep names and personal details out: the evidence shows what was posted. ${length} of ${SUMMARY_MAX} characters.`}
          autosize
          minRows={2}
          maxRows={6}
          value={draft.summary}
          onChange={(event) => set('summary')(event.currentTarget.value)}
          error={problems.summary}
          required
        />
        <InboxItemField key={draft.channel} channel={draft.channel} value={draft.inbox} onChange={set('inbox')} />
        <RefusalAlert title="Not reported" error={refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Report it" busy={busy} />
      </Stack>
    </form>
  );
}

/** Opens an incident: which account, what kind, what happened. The form starts afresh each time. */
export function IncidentReportDialog({
  opened,
  channels,
  schools,
  onClose,
  onReported,
}: {
  opened: boolean;
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  onClose(): void;
  onReported(incident: IncidentView): void;
}) {
  const [round, setRound] = useState(0);
  const [wasOpen, setWasOpen] = useState(opened);
  if (opened !== wasOpen) {
    setWasOpen(opened);
    if (opened) setRound((n) => n + 1);
  }
  return (
    <ConsoleDialog opened={opened} title="Report an incident" onClose={onClose}>
      <ReportForm key={round} channels={channels} schools={schools} onCancel={onClose} onReported={onReported} />
    </ConsoleDialog>
  );
}
