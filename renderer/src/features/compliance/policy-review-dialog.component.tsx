import { Stack, TextInput, Textarea } from '@mantine/core';
import { isCalendarDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm, type FormErrors } from '../../ui/use-contract-form.hook';

interface Draft {
  reviewedOn: string;
  reviewedBy: string;
  outcome: string;
  nextReviewOn: string;
}

type Problems = FormErrors<Draft>;

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
  const form = useContractForm({
    method: 'policy.recordReview',
    initial: { reviewedOn: '', reviewedBy: '', outcome: '', nextReviewOn: '' } as Draft,
    check,
    toInput: (draft) => draft,
    send: call,
    onDone: () => onDone(),
  });
  const { fields: draft, errors: problems, refusal, busy, set } = form;
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput label="Date of the review" type="date" value={draft.reviewedOn} onChange={set('reviewedOn')} error={problems.reviewedOn} data-autofocus />
        <TextInput label="Reviewed by" description="The group or the people who reviewed it, as in the minutes." value={draft.reviewedBy} onChange={set('reviewedBy')} error={problems.reviewedBy} maxLength={300} />
        <Textarea label="Outcome" autosize minRows={2} value={draft.outcome} onChange={set('outcome')} error={problems.outcome} maxLength={1000} />
        <TextInput label="Next review by" type="date" value={draft.nextReviewOn} onChange={set('nextReviewOn')} error={problems.nextReviewOn} />
        <RefusalAlert title="Not recorded" error={refusal} />
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
