import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { OperatorView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import type { SignInReason } from '../../session/use-app-state.hook';
import { AuthLayout } from './auth-layout.component';

interface Refusal {
  title: string;
  message: string;
  color: 'red' | 'yellow';
}

const reasonNotes: Record<Exclude<SignInReason, null>, string> = {
  locked: 'Custodian is locked. Enter your passphrase to carry on.',
  'session-ended': 'Your session has ended. Sign in again to carry on.',
};

export function SignInScreen({
  trustName,
  reason,
  email: initialEmail,
  onSignedIn,
}: {
  trustName: string | null;
  reason: SignInReason;
  email: string;
  /** offerRecoveryKit: the core's once-per-vault offer of the kit (an administrator, no kit yet). */
  onSignedIn(operator: OperatorView, offerRecoveryKit: boolean): void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ email?: string; passphrase?: string }>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = {
      ...(email.trim() === '' ? { email: 'Enter your email address.' } : {}),
      ...(passphrase === '' ? { passphrase: 'Enter your passphrase.' } : {}),
    };
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    setRefusal(null);
    const result = await invoke('auth.signIn', { email, passphrase });
    setBusy(false);
    if (result.ok) return onSignedIn(result.value.operator, result.value.offerRecoveryKit);
    setPassphrase('');
    const { code, message, field } = result.error;
    if (code === 'invalid_input' && field === 'email') setErrors({ email: message });
    else if (code === 'throttled') setRefusal({ title: 'Please wait before trying again', message, color: 'yellow' });
    else setRefusal({ title: 'Not signed in', message, color: 'red' });
    passphraseRef.current?.focus();
  };

  return (
    <AuthLayout>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              Sign in
            </Title>
            {trustName !== null && trustName !== '' && (
              <Text c="dimmed" mt={4}>
                {trustName}
              </Text>
            )}
          </div>
          {reason !== null && refusal === null && (
            <Alert color="indigo" variant="light">
              {reasonNotes[reason]}
            </Alert>
          )}
          {refusal !== null && (
            <Alert color={refusal.color} title={refusal.title} role="alert">
              {refusal.message}
            </Alert>
          )}
          <TextInput
            label="Email address"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
            autoFocus={initialEmail === ''}
          />
          <PasswordInput
            ref={passphraseRef}
            label="Passphrase"
            autoComplete="current-password"
            required
            value={passphrase}
            onChange={(event) => setPassphrase(event.currentTarget.value)}
            error={errors.passphrase}
            autoFocus={initialEmail !== ''}
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the passphrase' }}
            visibilityToggleFocusable
          />
          <Button type="submit" loading={busy} size="md">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
