import { Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ConsentEntryView, SchoolView } from '../../../../shared/contract/views';
import { isCalendarDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm, type FormErrors } from '../../ui/use-contract-form.hook';
import { consentReasons, consentReasonWords, type ConsentReason } from './consent-words.format';

const NAME_MAX = 100;
const CLASS_MAX = 40;
const NOTE_MAX = 300;

interface Draft {
  name: string;
  className: string;
  reason: ConsentReason | '';
  from: string;
  to: string;
  note: string;
}

type Problems = FormErrors<Draft>;

function check(draft: Draft): Problems {
  const problems: Problems = {};
  const name = draft.name.trim();
  if (name === '') problems.name = 'Enter their name or initials.';
  else if (name.length > NAME_MAX) problems.name = `Keep it to ${NAME_MAX} characters or fewer: initials are enough.`;
  if (draft.className.trim().length > CLASS_MAX) problems.className = `Keep the class to ${CLASS_MAX} characters or fewer.`;
  if (draft.reason === '') problems.reason = 'Choose why their image must not be published.';
  if (draft.from !== '' && !isCalendarDay(draft.from)) problems.from = 'Enter a whole date, or leave it empty.';
  if (draft.to !== '' && !isCalendarDay(draft.to)) problems.to = 'Enter a whole date, or leave it empty.';
  else if (draft.to !== '' && isCalendarDay(draft.from) && draft.to < draft.from) problems.to = 'The end date cannot be before the start date.';
  if (draft.note.trim().length > NOTE_MAX) problems.note = `Keep the note to ${NOTE_MAX} characters or fewer: it has ${draft.note.trim().length}.`;
  return problems;
}

function AddForm({ school, onCancel, onAdded }: { school: SchoolView; onCancel(): void; onAdded(entry: ConsentEntryView): void }) {
  const { call } = useConsoleSession();
  const form = useContractForm({
    method: 'consent.add',
    initial: { name: '', className: '', reason: '', from: '', to: '', note: '' } as Draft,
    check,
    // check() has made sure a reason is chosen; the contract's schema would refuse an empty one too.
    toInput: (draft) => {
      const className = draft.className.trim();
      const note = draft.note.trim();
      return {
        school: school.code,
        name: draft.name.trim(),
        reason: draft.reason as ConsentReason,
        ...(className === '' ? {} : { class: className }),
        ...(draft.from === '' ? {} : { from: draft.from }),
        ...(draft.to === '' ? {} : { to: draft.to }),
        ...(note === '' ? {} : { note }),
      };
    },
    fieldOf: { class: 'className' },
    send: call,
    onDone: (entry) => onAdded(entry),
  });
  const { fields: draft, errors: problems, refusal, busy, set } = form;

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Keep only what staff need to recognise who must not appear. No photos, dates of birth, addresses or family details.
        </Text>
        <div className="form-pair">
          <TextInput
            label="Name or initials"
            description="As staff know them, such as J.S."
            value={draft.name}
            onChange={set('name')}
            error={problems.name}
            maxLength={NAME_MAX}
            required
            data-autofocus
          />
          <TextInput label="Class (optional)" description="Such as Year 3 or Robins." value={draft.className} onChange={set('className')} error={problems.className} maxLength={CLASS_MAX} />
        </div>
        <Radio.Group label="Why" value={draft.reason} onChange={(value) => form.setValue('reason', value as ConsentReason)} error={problems.reason} required>
          <Stack gap="xs" mt={6}>
            {consentReasons.map((reason) => (
              <Radio key={reason} value={reason} label={consentReasonWords[reason].label} description={consentReasonWords[reason].meaning} />
            ))}
          </Stack>
        </Radio.Group>
        <div className="form-pair">
          <TextInput label="From (optional)" description="Leave empty for straight away." type="date" value={draft.from} onChange={set('from')} error={problems.from} />
          <TextInput label="Until (optional)" description="Leave empty for until further notice." type="date" value={draft.to} onChange={set('to')} error={problems.to} />
        </div>
        <Textarea
          label="Note (optional)"
          description={`Only what helps staff, such as “may appear from behind”. ${draft.note.trim().length} of ${NOTE_MAX} characters.`}
          autosize
          minRows={2}
          maxRows={4}
          value={draft.note}
          onChange={set('note')}
          error={problems.note}
        />
        <RefusalAlert title="Not added" error={refusal} />
        <DialogActions onCancel={onCancel} submitLabel="Add to the list" busy={busy} />
      </Stack>
    </form>
  );
}

/** An administrator adds someone to a school's list of people who must not appear in published images. */
export function ConsentAddDialog({
  school,
  onClose,
  onAdded,
}: {
  /** The school whose list it goes on; null while closed. */
  school: SchoolView | null;
  onClose(): void;
  onAdded(entry: ConsentEntryView): void;
}) {
  const last = useLastRequest(school);
  const [round, setRound] = useState(0);
  const [shownFor, setShownFor] = useState(school);
  if (school !== shownFor) {
    setShownFor(school);
    if (school !== null) setRound((n) => n + 1);
  }
  return (
    <ConsoleDialog opened={school !== null} onClose={onClose} title={last === null ? '' : `Add to ${last.name}’s list`}>
      {last !== null && <AddForm key={round} school={last} onCancel={onClose} onAdded={onAdded} />}
    </ConsoleDialog>
  );
}
