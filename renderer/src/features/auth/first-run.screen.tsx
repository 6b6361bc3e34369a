import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { OperatorView, PassphraseStrengthView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import { usePassphraseStrength } from '../../hooks/use-passphrase-strength.hook';
import { MIN_PASSPHRASE, NewPassphraseFields, newPassphraseErrors } from '../../ui/new-passphrase-fields.component';
import { useContractForm, type FormErrors } from '../../ui/use-contract-form.hook';
import { AuthLayout } from './auth-layout.component';

interface Fields {
  trustName: string;
  adminName: string;
  adminEmail: string;
  passphrase: string;
  repeat: string;
}
type FieldErrors = FormErrors<Fields>;

function checkFields(fields: Fields, strength: PassphraseStrengthView | null): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.trustName.trim() === '') errors.trustName = "Enter your trust's name.";
  if (fields.adminName.trim() === '') errors.adminName = 'Enter your name.';
  if (fields.adminEmail.trim() === '') errors.adminEmail = 'Enter your work email address.';
  return { ...errors, ...newPassphraseErrors(fields.passphrase, fields.repeat, strength) };
}

/** First run: the trust and its first administrator, then signed in as them. */
export function FirstRunScreen({ onCreated }: { onCreated(operator: OperatorView, trustName: string): void }) {
  const form = useContractForm({
    method: 'vault.init',
    initial: { trustName: '', adminName: '', adminEmail: '', passphrase: '', repeat: '' } as Fields,
    check: (fields) => checkFields(fields, strength),
    toInput: (fields) => ({ trustName: fields.trustName, adminName: fields.adminName, adminEmail: fields.adminEmail, passphrase: fields.passphrase }),
    send: invoke,
    onDone: async (created, fields) => {
      const signedIn = await invoke('auth.signIn', { email: fields.adminEmail, passphrase: fields.passphrase });
      if (!signedIn.ok) return { ...signedIn.error, field: undefined, message: `The trust was created, but signing in failed: ${signedIn.error.message}` };
      onCreated(signedIn.value.operator, created.trustName);
      return undefined;
    },
  });
  const { fields, errors, busy, set } = form;
  // Read by check() when the form is sent, after this render has set it.
  const strength = usePassphraseStrength(fields.passphrase, { name: fields.adminName, email: fields.adminEmail });
  const problem = form.refusal?.message ?? null;

  return (
    <AuthLayout>
      <form onSubmit={(event) => void form.submit(event)} noValidate>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              Set up Custodian
            </Title>
            <Text c="dimmed" mt={4}>
              Custodian keeps the login details of your trust&apos;s official social media accounts safe and records who uses them. Start
              with your trust and your own administrator account.
            </Text>
          </div>
          {problem !== null && (
            <Alert color="red" title="The trust was not set up" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput label="Trust name" placeholder="Pendle Education Trust" required value={fields.trustName} onChange={set('trustName')} error={errors.trustName} />
          <TextInput label="Your name" autoComplete="name" required value={fields.adminName} onChange={set('adminName')} error={errors.adminName} />
          <TextInput
            label="Your work email"
            type="email"
            autoComplete="username"
            required
            value={fields.adminEmail}
            onChange={set('adminEmail')}
            error={errors.adminEmail}
          />
          <NewPassphraseFields
            label="Choose a passphrase"
            description={`At least ${MIN_PASSPHRASE} characters. A few unrelated words are easy to remember and hard to guess.`}
            passphrase={fields.passphrase}
            repeat={fields.repeat}
            onPassphrase={set('passphrase')}
            onRepeat={set('repeat')}
            errors={errors}
            strength={strength}
          />
          <Text size="sm" c="dimmed">
            Nobody can recover a forgotten passphrase. Another administrator can set you a new one.
          </Text>
          <Button type="submit" loading={busy} size="md">
            Create the trust
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
