import { Alert, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PassphraseStrengthView, PersonView, SchoolView } from '../../../../shared/contract/views';
import { consoleRoles, personRoles, type ConsoleRole, type PersonRole } from '../../../../shared/domain/enums';
import { consoleRoleNames, personRoleNames } from '../../format/contract-words.format';
import { usePassphraseStrength } from '../../hooks/use-passphrase-strength.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions } from '../../ui/dialog-actions.component';
import { MIN_PASSPHRASE, NewPassphraseFields, newPassphraseErrors } from '../../ui/new-passphrase-fields.component';
import { useContractForm, type FormErrors } from '../../ui/use-contract-form.hook';

interface Fields {
  name: string;
  email: string;
  role: PersonRole | '';
  school: string;
  consoleRole: ConsoleRole | '';
  passphrase: string;
  repeat: string;
}
type FieldErrors = FormErrors<Fields>;

const EMPTY: Fields = { name: '', email: '', role: '', school: '', consoleRole: '', passphrase: '', repeat: '' };

/** What each console role may do, in a sentence, for the choice. */
const consoleRoleHelp: Record<ConsoleRole | '', string> = {
  '': 'They are on the register (and can hold login details) but cannot sign in to Custodian.',
  admin: 'Can do everything: add people and channels, give and remove access, store passwords.',
  auditor: 'Can read the register, the people list and the audit log, and verify the audit trail. Changes nothing.',
  poster: 'Can sign in to use the login details of the channels they hold, and see the register.',
};

function checkFields(fields: Fields, strength: PassphraseStrengthView | null): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.name.trim() === '') errors.name = 'Enter their name.';
  if (fields.email.trim() === '') errors.email = 'Enter their work email address.';
  if (fields.role === '') errors.role = 'Choose their role.';
  if (fields.role !== '' && fields.role !== 'core-team' && fields.school === '') errors.school = 'Choose their school.';
  if (fields.consoleRole !== '') {
    return { ...errors, ...newPassphraseErrors(fields.passphrase, fields.repeat, strength) };
  }
  return errors;
}

function AddPersonForm({ schools, onClose, onAdded }: { schools: readonly SchoolView[]; onClose(): void; onAdded(person: PersonView): void }) {
  const { call } = useConsoleSession();
  const form = useContractForm({
    method: 'person.add',
    initial: EMPTY,
    check: (fields) => checkFields(fields, strength),
    // check() has made sure a role is chosen; the contract's schema would refuse an empty one too.
    toInput: (fields) => ({
      name: fields.name,
      email: fields.email,
      role: fields.role as PersonRole,
      ...(fields.role === 'core-team' ? {} : { school: fields.school }),
      ...(fields.consoleRole === '' ? {} : { consoleRole: fields.consoleRole, passphrase: fields.passphrase }),
    }),
    send: call,
    onDone: (person) => onAdded(person),
  });
  const { fields, errors, busy, set } = form;
  // Read by check() when the form is sent, after this render has set it.
  const strength = usePassphraseStrength(fields.passphrase, { name: fields.name, email: fields.email });
  const problem = form.refusal?.message ?? null;

  const schoolOptions = [
    { value: '', label: 'Choose a school' },
    ...[...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.code, label: s.name })),
  ];

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="md">
        {problem !== null && (
          <Alert color="red" title="The person was not added" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput label="Name" required value={fields.name} onChange={set('name')} error={errors.name} data-autofocus />
        <TextInput label="Work email" type="email" required value={fields.email} onChange={set('email')} error={errors.email} />
        <div className="form-pair">
          <NativeSelect
            label="Role"
            required
            data={[{ value: '', label: 'Choose a role' }, ...personRoles.map((role) => ({ value: role, label: personRoleNames[role] }))]}
            value={fields.role}
            onChange={set('role')}
            error={errors.role}
          />
          {fields.role !== 'core-team' && (
            <NativeSelect label="School" required data={schoolOptions} value={fields.school} onChange={set('school')} error={errors.school} />
          )}
        </div>
        <NativeSelect
          label="Console access"
          description={consoleRoleHelp[fields.consoleRole]}
          data={[{ value: '', label: 'None' }, ...consoleRoles.map((role) => ({ value: role, label: consoleRoleNames[role] }))]}
          value={fields.consoleRole}
          onChange={set('consoleRole')}
          error={errors.consoleRole}
        />
        {fields.consoleRole !== '' && (
          <>
            <NewPassphraseFields
              label="Their first passphrase"
              description={`At least ${MIN_PASSPHRASE} characters. Give it to them in person; they can change it after signing in.`}
              passphrase={fields.passphrase}
              repeat={fields.repeat}
              onPassphrase={set('passphrase')}
              onRepeat={set('repeat')}
              errors={errors}
              strength={strength}
            />
          </>
        )}
        <Text size="sm" c="dimmed">
          Adding someone does not give them any login details: do that in the access register.
        </Text>
        <DialogActions onCancel={onClose} submitLabel="Add the person" busy={busy} />
      </Stack>
    </form>
  );
}

/** An administrator adds someone to the register, optionally as a console operator. */
export function AddPersonDialog({
  opened,
  schools,
  onClose,
  onAdded,
}: {
  opened: boolean;
  schools: readonly SchoolView[];
  onClose(): void;
  onAdded(person: PersonView): void;
}) {
  // A fresh form each time it opens.
  const [round, setRound] = useState(0);
  const [wasOpen, setWasOpen] = useState(opened);
  if (opened !== wasOpen) {
    setWasOpen(opened);
    if (opened) setRound((n) => n + 1);
  }
  return (
    <ConsoleDialog opened={opened} onClose={onClose} title="Add a person">
      <AddPersonForm key={round} schools={schools} onClose={onClose} onAdded={onAdded} />
    </ConsoleDialog>
  );
}
