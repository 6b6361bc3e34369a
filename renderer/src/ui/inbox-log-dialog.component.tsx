import { Alert, Button, Group, List, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { ChannelView, InboxItemView, SchoolView } from '../../../shared/contract/views';
import { channelRef, groupChannels } from '../format/channel-names.format';
import { formatDayInWords, schoolDays } from '../format/inbox-time.format';
import { inboxKindNames, inboxKinds, type InboxKind } from '../format/inbox-words.format';
import { formatUkDateTime } from '../format/uk-time.format';
import { useConsoleSession } from '../session/console-session.context';
import { ConsoleDialog } from './console-dialog.component';
import { DialogActions, RefusalAlert } from './dialog-actions.component';
import { checkWhen, whenNow, WhenFields, type WhenDraft, type WhenProblems } from './inbox-when-fields.component';

const SUMMARY_MAX = 500;
const HANDLE_MAX = 100;

interface Draft {
  channel: string;
  kind: InboxKind | '';
  summary: string;
  from: string;
}

type Problems = Partial<Record<keyof Draft, string>> & WhenProblems;

/** The channels grouped as the access register shows them: the trust's first, then each school's. */
export function channelOptions(channels: readonly ChannelView[], schools: readonly SchoolView[], first: { value: string; label: string }) {
  return [
    first,
    ...groupChannels(channels, schools).map((group) => ({
      group: group.label,
      items: group.channels.map((c) => ({ value: channelRef(c), label: `${c.name} (${c.handle})` })),
    })),
  ];
}

function check(draft: Draft, when: WhenDraft): { problems: Problems; received: string | null } {
  const problems: Problems = {};
  if (draft.channel === '') problems.channel = 'Choose the account it came in on.';
  if (draft.kind === '') problems.kind = 'Choose what kind of message it is.';
  const time = checkWhen(when, {
    day: 'Enter the date it arrived.',
    time: 'Enter the time it arrived, such as 14:30.',
    future: 'That is later than now. Enter when it arrived.',
  });
  Object.assign(problems, time.problems);
  const summary = draft.summary.trim();
  if (summary === '') problems.summary = 'Say in a few words what it is about.';
  else if (summary.length > SUMMARY_MAX) problems.summary = `Keep the summary to ${SUMMARY_MAX} characters or fewer: it has ${summary.length}.`;
  if (draft.from.trim().length > HANDLE_MAX) problems.from = `A handle is at most ${HANDLE_MAX} characters.`;
  return { problems, received: time.iso };
}

function LogForm({
  channels,
  schools,
  onCancel,
  onLogged,
}: {
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  onCancel(): void;
  onLogged(item: InboxItemView): void;
}) {
  const { call } = useConsoleSession();
  const [draft, setDraft] = useState<Draft>({ channel: '', kind: '', summary: '', from: '' });
  const [when, setWhen] = useState<WhenDraft>(whenNow);
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [name]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const found = check(draft, when);
    setProblems(found.problems);
    if (Object.keys(found.problems).length > 0 || found.received === null || draft.kind === '') return;
    setBusy(true);
    const from = draft.from.trim();
    const result = await call('inbox.add', {
      channel: draft.channel,
      kind: draft.kind,
      received: found.received,
      summary: draft.summary.trim(),
      ...(from === '' ? {} : { from }),
    });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onLogged(result.value);
  };

  const length = draft.summary.trim().length;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label="Account it came in on"
          data={channelOptions(channels, schools, { value: '', label: 'Choose the account' })}
          value={draft.channel}
          onChange={set('channel')}
          error={problems.channel}
          required
          data-autofocus
        />
        <NativeSelect
          label="Kind"
          description="Contact from a pupil alerts the Designated Safeguarding Lead (DSL) at once."
          data={[{ value: '', label: 'Choose the kind' }, ...inboxKinds.map((kind) => ({ value: kind, label: inboxKindNames[kind] }))]}
          value={draft.kind}
          onChange={set('kind')}
          error={problems.kind}
          required
        />
        <WhenFields dayLabel="Date received" timeLabel="Time received (UK time)" value={when} problems={problems} onChange={setWhen} />
        <Textarea
          label="Summary"
          description={`What it is about, in a sentence. Keep personal details out: no names, addresses or pupils' details. ${length} of ${SUMMARY_MAX} characters.`}
          autosize
          minRows={2}
          maxRows={6}
          value={draft.summary}
          onChange={set('summary')}
          error={problems.summary}
          required
        />
        <TextInput label="From (optional)" description="Their handle on the platform, such as @parent_of_two." value={draft.from} onChange={set('from')} error={problems.from} />
        <RefusalAlert title="Not logged" error={refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Log it" busy={busy} />
      </Stack>
    </form>
  );
}

/** What the policy and the school's safeguarding policy ask of whoever logs contact from a pupil. */
export function PupilContactNotice({ item }: { item: InboxItemView }) {
  return (
    <Alert color="red.9" variant="filled" title="Safeguarding: contact from a pupil" role="alert" className="safeguarding-notice">
      <Stack gap="xs">
        <Text size="sm">
          {item.dslAlertedAt === null
            ? 'Contact from a pupil is a safeguarding matter.'
            : `Custodian raised a safeguarding alert for the Designated Safeguarding Lead (DSL) at ${formatUkDateTime(item.dslAlertedAt)}.`}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>Tell the DSL (or a deputy) yourself now, in person or by phone. Do not wait for them to see the alert.</List.Item>
          <List.Item>The policy asks you to inform your line manager, the DSL (or deputies) and/or the Principal of contact from pupils.</List.Item>
          <List.Item>Do not reply to the pupil, message them privately or delete what they sent until the DSL says what to do: it may be evidence.</List.Item>
          <List.Item>Follow your school&apos;s Child Protection and Safeguarding policy and Online Safety policy.</List.Item>
        </List>
      </Stack>
    </Alert>
  );
}

/** After logging: when a reply is due, in words, and anything the window must not let pass quietly. */
function Logged({ item, dueDays, onAnother, onDone }: { item: InboxItemView; dueDays: number; onAnother(): void; onDone(): void }) {
  const late = item.status === 'overdue';
  return (
    <Stack gap="md">
      {item.kind === 'pupil-contact' && <PupilContactNotice item={item} />}
      <Alert color={late ? 'red' : 'green'} title={`Reply by ${formatDayInWords(item.dueOn)} — ${schoolDays(dueDays)}`} role="status">
        <Text size="sm">
          {inboxKindNames[item.kind]} on {item.channelName}, received {formatUkDateTime(item.receivedAt)}.{' '}
          {late
            ? 'That date has passed: respond now, even if only to acknowledge it.'
            : item.kind === 'pupil-contact'
              ? 'The DSL decides how anyone responds; record the response here once it is made.'
              : 'An acknowledgement counts as a response: if a full answer will take longer, acknowledge it by then.'}
        </Text>
      </Alert>
      {item.warnings.length > 0 && (
        <Alert color="yellow" title="Check the school calendar" role="note">
          {item.warnings.map((warning) => (
            <Text size="sm" key={warning}>
              {warning}
            </Text>
          ))}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          Log another
        </Button>
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Logs a comment, query, complaint, concern or contact from a pupil, then says when a reply is
 * due. The form starts afresh each time the dialog opens.
 */
export function InboxLogDialog({
  opened,
  channels,
  schools,
  dueDays,
  onClose,
  onLogged,
}: {
  opened: boolean;
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  /** The policy's school days for a reply, for the confirmation's words. */
  dueDays: number;
  onClose(): void;
  onLogged(item: InboxItemView): void;
}) {
  const [round, setRound] = useState(0);
  const [wasOpen, setWasOpen] = useState(opened);
  const [logged, setLogged] = useState<InboxItemView | null>(null);
  if (opened !== wasOpen) {
    setWasOpen(opened);
    if (opened) {
      setRound((n) => n + 1);
      setLogged(null);
    }
  }
  return (
    <ConsoleDialog opened={opened} title="Log a comment or complaint" onClose={onClose}>
      {logged === null ? (
        <LogForm
          key={round}
          channels={channels}
          schools={schools}
          onCancel={onClose}
          onLogged={(item) => {
            setLogged(item);
            onLogged(item);
          }}
        />
      ) : (
        <Logged
          item={logged}
          dueDays={dueDays}
          onDone={onClose}
          onAnother={() => {
            setRound((n) => n + 1);
            setLogged(null);
          }}
        />
      )}
    </ConsoleDialog>
  );
}
