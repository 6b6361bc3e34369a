import { Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CheckView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm } from '../../ui/use-contract-form.hook';

const NOTE_MAX = 500;

export interface CheckRequest {
  /** The core's reference, 'x:@pendleeducation'. */
  channel: string;
  channelName: string;
}

function CheckForm({ request, onCancel, onRecorded }: { request: CheckRequest; onCancel(): void; onRecorded(check: CheckView): void }) {
  const { call } = useConsoleSession();
  const form = useContractForm({
    method: 'monitor.check',
    initial: { note: '' },
    check: ({ note }) => {
      const trimmed = note.trim();
      return { note: trimmed.length > NOTE_MAX ? `Keep the note to ${NOTE_MAX} characters or fewer: it has ${trimmed.length}.` : undefined };
    },
    toInput: ({ note }) => ({ channel: request.channel, ...(note.trim() === '' ? {} : { note: note.trim() }) }),
    send: call,
    onDone: (check) => onRecorded(check),
  });
  const { note } = form.fields;

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
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
          onChange={form.set('note')}
          error={form.errors.note}
          data-autofocus
        />
        <RefusalAlert title="Not recorded" error={form.refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Record the check" busy={form.busy} />
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
