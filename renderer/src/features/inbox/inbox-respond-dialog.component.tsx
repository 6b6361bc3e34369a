import { Alert, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { InboxItemView } from '../../../../shared/contract/views';
import { formatDayInWords, schoolDays } from '../../format/inbox-time.format';
import { inboxKindInSentence, inboxKindNames, responseHows, responseHowWords, type ResponseHow } from '../../format/inbox-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { checkWhen, whenNow, WhenFields, type WhenDraft, type WhenProblems } from '../../ui/inbox-when-fields.component';

const NOTE_MAX = 500;

type Problems = WhenProblems & { how?: string; note?: string };

function RespondForm({ item, onCancel, onRecorded }: { item: InboxItemView; onCancel(): void; onRecorded(item: InboxItemView): void }) {
  const { call } = useConsoleSession();
  const [how, setHow] = useState<ResponseHow | ''>('');
  const [when, setWhen] = useState<WhenDraft>(whenNow);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const found: Problems = {};
    if (how === '') found.how = 'Choose how you responded.';
    const time = checkWhen(when, {
      day: 'Enter the date of the response.',
      time: 'Enter the time of the response, such as 14:30.',
      future: 'That is later than now. Record a response once it has been sent.',
    });
    Object.assign(found, time.problems);
    // Times are typed to the minute: a response in the minute it arrived is fine.
    if (time.iso !== null && Date.parse(time.iso) < Math.floor(Date.parse(item.receivedAt) / 60_000) * 60_000) {
      found.day = `The response cannot come before the message arrived (${formatUkDateTime(item.receivedAt)}).`;
    }
    if (note.trim().length > NOTE_MAX) found.note = `Keep the note to ${NOTE_MAX} characters or fewer: it has ${note.trim().length}.`;
    setProblems(found);
    if (Object.keys(found).length > 0 || how === '' || time.iso === null) return;
    setBusy(true);
    const trimmed = note.trim();
    const result = await call('inbox.respond', { id: item.id, how, at: time.iso, ...(trimmed === '' ? {} : { note: trimmed }) });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onRecorded(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {inboxKindNames[item.kind]} on {item.channelName}, received {formatUkDateTime(item.receivedAt)}: “{item.summary}”
        </Text>
        <Text size="sm" c={item.status === 'overdue' ? 'red.9' : undefined} fw={item.status === 'overdue' ? 600 : undefined}>
          {item.status === 'overdue' ? `It was due a reply by ${formatDayInWords(item.dueOn)}.` : `Reply by ${formatDayInWords(item.dueOn)}.`}
        </Text>
        <Radio.Group label="How did you respond?" value={how} onChange={(value) => setHow(value as ResponseHow)} error={problems.how} required>
          <Stack gap="xs" mt={6}>
            {responseHows.map((option) => (
              <Radio key={option} value={option} label={responseHowWords[option].label} description={responseHowWords[option].meaning} />
            ))}
          </Stack>
        </Radio.Group>
        <WhenFields dayLabel="Date of the response" timeLabel="Time (UK time)" value={when} problems={problems} onChange={setWhen} />
        <Textarea
          label="Note (optional)"
          description={`What was said, or where you referred them. Keep personal details out. ${note.trim().length} of ${NOTE_MAX} characters.`}
          autosize
          minRows={2}
          maxRows={5}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problems.note}
        />
        <RefusalAlert title="Not recorded" error={refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Record the response" busy={busy} />
      </Stack>
    </form>
  );
}

/** How long the response took, against the policy's limit. */
export function responseTakenWords(item: InboxItemView): string {
  const taken = item.schoolDaysTaken ?? 0;
  return item.status === 'responded-late'
    ? `It took ${schoolDays(taken)}: later than the policy allows (a reply was due by ${formatDayInWords(item.dueOn)}).`
    : `It took ${schoolDays(taken)}: within the time the policy allows.`;
}

function Recorded({ item, onDone }: { item: InboxItemView; onDone(): void }) {
  const late = item.status === 'responded-late';
  return (
    <Stack gap="md">
      <Alert color={late ? 'yellow' : 'green'} title={`Response recorded: ${responseHowWords[item.how ?? 'answered'].label.toLowerCase()}`} role="status">
        <Text size="sm">{responseTakenWords(item)}</Text>
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

/** Records how and when an open item was responded to, which stops its clock. */
export function InboxRespondDialog({ item, onClose, onRecorded }: { item: InboxItemView | null; onClose(): void; onRecorded(item: InboxItemView): void }) {
  const last = useLastRequest(item);
  const [recorded, setRecorded] = useState<InboxItemView | null>(null);
  const [shownFor, setShownFor] = useState(item);
  if (item !== shownFor) {
    setShownFor(item);
    if (item !== null) setRecorded(null);
  }
  return (
    <ConsoleDialog opened={item !== null} onClose={onClose} title={last === null ? '' : `Record a response to ${inboxKindInSentence[last.kind]}`}>
      {recorded !== null ? (
        <Recorded item={recorded} onDone={onClose} />
      ) : (
        last !== null && (
          <RespondForm
            key={last.id}
            item={last}
            onCancel={onClose}
            onRecorded={(done) => {
              setRecorded(done);
              onRecorded(done);
            }}
          />
        )
      )}
    </ConsoleDialog>
  );
}
