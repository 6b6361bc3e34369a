import { Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import { isCalendarDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';

interface Draft {
  reviewedOn: string;
  reviewedBy: string;
  outcome: string;
  nextReviewOn: string;
}

type Problems = Partial<Record<keyof Draft, string>>;

function check(draft: Draft): Problems {
  const problems: Problems = {};
  if (!isCalendarDay(draft.reviewedOn)) problems.reviewedOn = 'Enter the date of the review.';
  if (draft.reviewedBy.trim().length < 2) problems.reviewedBy = 'Say who reviewed it, such as the online safety group.';
  if (draft.outcome.trim().length < 2) problems.outcome = 'Say what was decided.';
  if (!isCalendarDay(draft.nextReviewOn)) problems.nextReviewOn = 'Enter the date of the next review.';
  else if (isCalendarDay(draft.reviewedOn) && draft.nextReviewOn <= draft.reviewedOn) problems.nextReviewOn = 'The next review must come after this one.';
  return problems;
}

function ReviewForm({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const { call } = useConsoleSession();
  const [draft, setDraft] = useState<Draft>({ reviewedOn: '', reviewedBy: '', outcome: '', nextReviewOn: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [name]: value }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await call('policy.recordReview', draft);
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    onDone();
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput label="Date of the review" type="date" value={draft.reviewedOn} onChange={set('reviewedOn')} error={problems.reviewedOn} data-autofocus />
        <TextInput label="Reviewed by" description="The group or the people who reviewed it, as in the minutes." value={draft.reviewedBy} onChange={set('reviewedBy')} error={problems.reviewedBy} maxLength={300} />
        <Textarea label="Outcome" autosize minRows={2} value={draft.outcome} onChange={set('outcome')} error={problems.outcome} maxLength={1000} />
        <TextInput label="Next review by" type="date" value={draft.nextReviewOn} onChange={set('nextReviewOn')} error={problems.nextReviewOn} />
        <RefusalAlert title="Not recorded" error={failure} />
        <DialogActions onCancel={onCancel} submitLabel="Record the review" busy={busy} />
      </Stack>
    </form>
  );
}

/** Records the annual review of the policy: it moves the next review date on. */
export function PolicyReviewDialog({ opened, onClose, onRecorded }: { opened: boolean; onClose(): void; onRecorded(): void }) {
  return (
    <ConsoleDialog opened={opened} title="Record a policy review" onClose={onClose} size="md">
      {opened && (
        <ReviewForm
          onCancel={onClose}
          onDone={() => {
            onRecorded();
            onClose();
          }}
        />
      )}
    </ConsoleDialog>
  );
}
