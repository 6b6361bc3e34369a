import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OperatorView, PassphraseStrengthView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import { usePassphraseStrength } from '../../hooks/use-passphrase-strength.hook';
import { MIN_PASSPHRASE, NewPassphraseFields, newPassphraseErrors } from '../../ui/new-passphrase-fields.component';
import { AuthLayout } from './auth-layout.component';

interface Fields {
  trustName: string;
  adminName: string;
  adminEmail: string;
  passphrase: string;
  repeat: string;
}
type FieldErrors = Partial<Record<keyof Fields, string>>;

function checkFields(fields: Fields, strength: PassphraseStrengthView | null): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.trustName.trim() === '') errors.trustName = "Enter your trust's name.";
  if (fields.adminName.trim() === '') errors.adminName = 'Enter your name.';
  if (fields.adminEmail.trim() === '') errors.adminEmail = 'Enter your work email address.';
  return { ...errors, ...newPassphraseErrors(fields.passphrase, fields.repeat, strength) };
}

/** First run: the trust and its first administrator, then signed in as them. */
export function FirstRunScreen({ onCreated }: { onCreated(operator: OperatorView, trustName: string): void }) {
  const [fields, setFields] = useState<Fields>({ trustName: '', adminName: '', adminEmail: '', passphrase: '', repeat: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseStrength(fields.passphrase, { name: fields.adminName, email: fields.adminEmail });

  const set = (name: keyof Fields) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = checkFields(fields, strength);
    setErrors(found);
    if (Object.values(found).some((e) => e !== undefined)) return;
    setBusy(true);
    const created = await invoke('vault.init', {
      trustName: fields.trustName,
      adminName: fields.adminName,
      adminEmail: fields.adminEmail,
      passphrase: fields.passphrase,
    });
    if (!created.ok) {
      setBusy(false);
      const field = created.error.field as keyof Fields | undefined;
      if (field !== undefined && field in fields) setErrors({ [field]: created.error.message });
      else setProblem(created.error.message);
      return;
    }
    const signedIn = await invoke('auth.signIn', { email: fields.adminEmail, passphrase: fields.passphrase });
    setBusy(false);
    if (!signedIn.ok) {
      setProblem(`The trust was created, but signing in failed: ${signedIn.error.message}`);
      return;
    }
    onCreated(signedIn.value.operator, created.value.trustName);
  };

  return (
    <AuthLayout>
      <form onSubmit={(event) => void submit(event)} noValidate>
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
