import { NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { PersonView, TrainingView } from '../../../../shared/contract/views';
import { formatDay, formatShortDate } from '../../format/calendar-dates.format';
import { isCalendarDay, ukDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm, type FormErrors } from '../../ui/use-contract-form.hook';
import { trainingSummary } from './training-status.component';

const NOTE_MAX = 500;

interface Draft {
  on: string;
  trainer: string;
  note: string;
}

type Problems = FormErrors<Draft>;

function check(draft: Draft, today: string): Problems {
  const problems: Problems = {};
  if (!isCalendarDay(draft.on)) problems.on = 'Enter the date of the training, such as 2 September 2026.';
  else if (draft.on > today) problems.on = `That date is in the future (today is ${formatShortDate(today)}). Record the training once it has happened.`;
  if (draft.trainer === '') problems.trainer = 'Choose the administrator who gave the training.';
  return problems;
}

function TrainingForm({
  person,
  latest,
  administrators,
  onClose,
  onRecorded,
}: {
  person: PersonView;
  latest: TrainingView | null;
  administrators: readonly PersonView[];
  onClose(): void;
  onRecorded(record: TrainingView): void;
}) {
  const { call, operator } = useConsoleSession();
  const today = ukDay(new Date());
  const form = useContractForm({
    method: 'training.record',
    initial: {
      on: today,
      trainer: administrators.some((a) => a.email === operator.email) ? operator.email : (administrators[0]?.email ?? ''),
      note: '',
    } as Draft,
    check: (draft) => check(draft, today),
    toInput: (draft) => {
      const note = draft.note.trim();
      return { email: person.email, on: draft.on, trainer: draft.trainer, ...(note === '' ? {} : { note }) };
    },
    send: call,
    onDone: (record) => onRecorded(record),
  });
  const { fields: draft, errors: problems, refusal, busy, set } = form;

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="md">
        <RefusalAlert title="Nothing was recorded" error={refusal} />
        <Text size="sm">
          The policy says everyone who can post on an official account must have been trained by an account administrator. So far:{' '}
          <Text span fw={600} size="sm">
            {trainingSummary(latest)}
          </Text>
          .
        </Text>
        <div className="form-pair">
          <TextInput
            label="Date of the training"
            description={isCalendarDay(draft.on) ? formatDay(draft.on) : 'The day it took place.'}
            type="date"
            required
            max={today}
            value={draft.on}
            onChange={set('on')}
            error={problems.on}
            data-autofocus
          />
          <NativeSelect
            label="Trainer"
            description="The account administrator who gave it."
            required
            data={[...(administrators.length === 0 ? [{ value: '', label: 'No administrator to choose' }] : []), ...administrators.map((a) => ({ value: a.email, label: a.name }))]}
            value={draft.trainer}
            onChange={set('trainer')}
            error={problems.trainer}
          />
        </div>
        <Textarea
          label="Note (optional)"
          description="What was covered, or where the certificate is kept."
          autosize
          minRows={2}
          maxLength={NOTE_MAX}
          value={draft.note}
          onChange={set('note')}
          error={problems.note}
        />
        <DialogActions onCancel={onClose} submitLabel="Record training" busy={busy} />
      </Stack>
    </form>
  );
}

/** An administrator records the social media training someone has had, and who gave it. */
export function TrainingDialog({
  person,
  latestOf,
  administrators,
  onClose,
  onRecorded,
}: {
  person: PersonView | null;
  latestOf(person: PersonView): TrainingView | null;
  administrators: readonly PersonView[];
  onClose(): void;
  onRecorded(record: TrainingView): void;
}) {
  const last = useLastRequest(person);
  return (
    <ConsoleDialog opened={person !== null} onClose={onClose} title={last === null ? '' : `Record training for ${last.name}`} size="lg">
      {last !== null && <TrainingForm key={last.id} person={last} latest={latestOf(last)} administrators={administrators} onClose={onClose} onRecorded={onRecorded} />}
    </ConsoleDialog>
  );
}
