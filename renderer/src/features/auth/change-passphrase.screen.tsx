import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { OperatorView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import { usePassphraseStrength } from '../../hooks/use-passphrase-strength.hook';
import { MIN_PASSPHRASE, NewPassphraseFields, newPassphraseErrors } from '../../ui/new-passphrase-fields.component';
import { useContractForm } from '../../ui/use-contract-form.hook';
import { AuthLayout } from './auth-layout.component';

interface Fields {
  current: string;
  next: string;
  repeat: string;
}

/**
 * Straight after sign-in, when the passphrase just used scored too low: the core refuses
 * everything else until it is changed, so this is the only way on (or sign out).
 */
export function ChangePassphraseScreen({ operator, onChanged, onSignOut }: { operator: OperatorView; onChanged(): void; onSignOut(): void }) {
  const form = useContractForm({
    method: 'auth.changePassphrase',
    initial: { current: '', next: '', repeat: '' } as Fields,
    check: (fields) => {
      const problems = newPassphraseErrors(fields.next, fields.repeat, strength);
      return { current: fields.current === '' ? 'Enter the passphrase you signed in with.' : undefined, next: problems.passphrase, repeat: problems.repeat };
    },
    toInput: (fields) => ({ current: fields.current, next: fields.next }),
    send: invoke,
    onDone: () => onChanged(),
  });
  const { fields, errors, busy, set } = form;
  // Read by check() when the form is sent, after this render has set it.
  const strength = usePassphraseStrength(fields.next, { name: operator.name, email: operator.email });
  const problem = form.refusal?.message ?? null;

  return (
    <AuthLayout>
      <form onSubmit={(event) => void form.submit(event)} noValidate>
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
