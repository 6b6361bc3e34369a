import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OperatorView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import { usePassphraseStrength } from '../../hooks/use-passphrase-strength.hook';
import { MIN_PASSPHRASE, NewPassphraseFields, newPassphraseErrors } from '../../ui/new-passphrase-fields.component';
import { AuthLayout } from './auth-layout.component';

interface Fields {
  current: string;
  next: string;
  repeat: string;
}
type FieldErrors = Partial<Record<keyof Fields, string>>;

/**
 * Straight after sign-in, when the passphrase just used scored too low: the core refuses
 * everything else until it is changed, so this is the only way on (or sign out).
 */
export function ChangePassphraseScreen({ operator, onChanged, onSignOut }: { operator: OperatorView; onChanged(): void; onSignOut(): void }) {
  const [fields, setFields] = useState<Fields>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseStrength(fields.next, { name: operator.name, email: operator.email });

  const set = (name: keyof Fields) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: FieldErrors = {};
    if (fields.current === '') found.current = 'Enter the passphrase you signed in with.';
    const problems = newPassphraseErrors(fields.next, fields.repeat, strength);
    if (problems.passphrase !== undefined) found.next = problems.passphrase;
    if (problems.repeat !== undefined) found.repeat = problems.repeat;
    setErrors(found);
    if (Object.values(found).some((e) => e !== undefined)) return;
    setBusy(true);
    const result = await invoke('auth.changePassphrase', { current: fields.current, next: fields.next });
    setBusy(false);
    if (result.ok) return onChanged();
    const field = result.error.field as keyof Fields | undefined;
    if (field !== undefined && field in fields) setErrors({ [field]: result.error.message });
    else setProblem(result.error.message);
  };

  return (
    <AuthLayout>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              Choose a new passphrase
            </Title>
            <Text c="dimmed" mt={4}>
              {operator.email}
            </Text>
          </div>
          <Alert color="yellow" title="Your passphrase must be changed">
            It was set by an administrator, or it is too easy to guess. Choose your own now: nothing else can be done until you do.
          </Alert>
          {problem !== null && (
            <Alert color="red" title="The passphrase was not changed" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label="Current passphrase"
            autoComplete="current-password"
            required
            value={fields.current}
            onChange={set('current')}
            error={errors.current}
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the current passphrase' }}
            visibilityToggleFocusable
          />
          <NewPassphraseFields
            label="New passphrase"
            description={`At least ${MIN_PASSPHRASE} characters. A few unrelated words are easy to remember and hard to guess.`}
            passphrase={fields.next}
            repeat={fields.repeat}
            onPassphrase={set('next')}
            onRepeat={set('repeat')}
            errors={{ passphrase: errors.next, repeat: errors.repeat }}
            strength={strength}
          />
          <Group justify="space-between">
            <Button variant="subtle" onClick={onSignOut} disabled={busy}>
              Sign out
            </Button>
            <Button type="submit" loading={busy} size="md">
              Change the passphrase
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
