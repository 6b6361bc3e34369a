import { Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { CheckView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';

const NOTE_MAX = 500;

export interface CheckRequest {
  /** The core's reference, 'x:@pendleeducation'. */
  channel: string;
  channelName: string;
}

function CheckForm({ request, onCancel, onRecorded }: { request: CheckRequest; onCancel(): void; onRecorded(check: CheckView): void }) {
  const { call } = useConsoleSession();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const trimmed = note.trim();
    if (trimmed.length > NOTE_MAX) return setProblem(`Keep the note to ${NOTE_MAX} characters or fewer: it has ${trimmed.length}.`);
    setProblem(null);
    setBusy(true);
    const result = await call('monitor.check', { channel: request.channel, ...(trimmed === '' ? {} : { note: trimmed }) });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onRecorded(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Record that you have looked at the posts, comments and messages on {request.channelName} now. Log anything that needs a response in the
          Inbox.
        </Text>
        <Textarea
          label="Anything found? (optional)"
          description={`Such as "Nothing new" or "Two comments, logged in the inbox". Keep personal details out. ${note.trim().length} of ${NOTE_MAX} characters.`}
          autosize
          minRows={2}
          maxRows={5}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problem}
          data-autofocus
        />
        <RefusalAlert title="Not recorded" error={refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Record the check" busy={busy} />
      </Stack>
    </form>
  );
}

/** Records a check-in on one channel, now. */
export function MonitoringCheckDialog({ request, onClose, onRecorded }: { request: CheckRequest | null; onClose(): void; onRecorded(check: CheckView): void }) {
  const last = useLastRequest(request);
  // A fresh form each time the dialog opens, even for the same channel.
  const [round, setRound] = useState(0);
  const [shownFor, setShownFor] = useState(request);
  if (request !== shownFor) {
    setShownFor(request);
    if (request !== null) setRound((n) => n + 1);
  }
  return (
    <ConsoleDialog opened={request !== null} onClose={onClose} title={last === null ? '' : `Record a check of ${last.channelName}`} size="md">
      {last !== null && <CheckForm key={round} request={last} onCancel={onClose} onRecorded={onRecorded} />}
    </ConsoleDialog>
  );
}
