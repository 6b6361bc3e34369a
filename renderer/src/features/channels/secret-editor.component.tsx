import { Alert, Button, Group, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { ChannelView } from '../../../../shared/contract/views';
import type { SecretKind } from '../../../../shared/domain/enums';
import { channelRef } from '../../format/channel-names.format';
import { useConsoleSession } from '../../session/console-session.context';
import { RefusalAlert } from '../../ui/dialog-actions.component';

type Editing = SecretKind | null;

const what: Record<SecretKind, { set: string; change: string; done: string }> = {
  password: { set: 'Set the password', change: 'Change the password', done: 'password' },
  totp: { set: 'Set the 2FA key', change: 'Replace the 2FA key', done: '2FA key' },
  'recovery-codes': { set: 'Store recovery codes', change: 'Replace the recovery codes', done: 'recovery codes' },
};

/**
 * One form's submit: check the field in the window first (a plain-English problem), then hand
 * the value to the core and show its refusal if it has one.
 */
function useStoreSubmit(onStore: (value: string) => Promise<ContractError | null>) {
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (value: string, check: () => string | null) => async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    setError(await onStore(value));
    setBusy(false);
  };
  return { problem, error, setError, busy, submit };
}

/** The new password, typed twice: a typo here would lock everyone out of the account. */
function PasswordForm({ onStore }: { onStore(value: string): Promise<ContractError | null> }) {
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const { problem, error, busy, submit } = useStoreSubmit(onStore);
  const onSubmit = submit(value, () => (value === '' ? 'Type the new password.' : value !== again ? 'The two passwords are not the same.' : null));
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Stack gap="sm">
        <PasswordInput label="New password" autoComplete="off" value={value} onChange={(e) => setValue(e.currentTarget.value)} data-autofocus />
        <PasswordInput label="Type it again" autoComplete="off" value={again} onChange={(e) => setAgain(e.currentTarget.value)} error={problem} />
        <RefusalAlert title="Not stored" error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Store the password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A 2FA key typed or pasted, or read from a QR code by main (from an image file it asks
 * for, or the clipboard), so a QR code's secret never passes through this page.
 */
function TotpForm({ channel, onStore, onStored }: { channel: ChannelView; onStore(value: string): Promise<ContractError | null>; onStored(note: string): void }) {
  const { call } = useConsoleSession();
  const [value, setValue] = useState('');
  const { problem, error, setError, busy, submit } = useStoreSubmit(onStore);
  const [reading, setReading] = useState<'file' | 'clipboard' | null>(null);
  const onSubmit = submit(value, () => (value.trim() === '' ? 'Paste the setup key or the otpauth:// link.' : null));
  const readQr = async (source: 'file' | 'clipboard') => {
    setReading(source);
    setError(null);
    const result = await call('totp.importQr', { channel: channelRef(channel), source });
    setReading(null);
    if (!result.ok) return setError(result.error);
    if ('cancelled' in result.value) return;
    onStored(`The 2FA key for ${channel.name} was read from the QR code and stored.`);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Stack gap="sm">
        <PasswordInput
          label="Setup key or otpauth:// link"
          description="The service shows it when you turn on two-factor authentication (sometimes behind “Can’t scan the code?”)."
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={problem}
          data-autofocus
        />
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            Or read the QR code:
          </Text>
          <Button size="xs" variant="default" onClick={() => void readQr('file')} loading={reading === 'file'}>
            From an image file…
          </Button>
          <Button size="xs" variant="default" onClick={() => void readQr('clipboard')} loading={reading === 'clipboard'}>
            From the clipboard
          </Button>
        </Group>
        <RefusalAlert title="Not stored" error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Store the 2FA key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecoveryCodesForm({ onStore }: { onStore(value: string): Promise<ContractError | null> }) {
  const [value, setValue] = useState('');
  const { problem, error, busy, submit } = useStoreSubmit(onStore);
  const onSubmit = submit(value, () => (value.trim() === '' ? 'Paste the recovery codes.' : null));
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Stack gap="sm">
        <Textarea label="Recovery codes" autosize minRows={3} autoComplete="off" value={value} onChange={(e) => setValue(e.currentTarget.value)} error={problem} data-autofocus />
        <RefusalAlert title="Not stored" error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Store the recovery codes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * For administrators: set or change what is stored for a channel. The value goes from the
 * field to the core, which writes it to the keychain and records who changed what (never the
 * value); the field is dropped once stored.
 */
export function SecretEditor({ channel, onChanged }: { channel: ChannelView; onChanged(): void }) {
  const { call } = useConsoleSession();
  const [editing, setEditing] = useState<Editing>(null);
  const [note, setNote] = useState<string | null>(null);
  const stored = new Set(channel.secrets);

  const finish = (message: string) => {
    setEditing(null);
    setNote(message);
    onChanged();
  };
  const store = (kind: SecretKind) => async (value: string) => {
    const result = await call('secret.set', { channel: channelRef(channel), kind, value });
    if (!result.ok) return result.error;
    finish(`The ${what[kind].done} for ${channel.name} was ${result.value.rotated ? 'changed' : 'stored'}.${kind === 'password' && result.value.rotated ? ' Tell its holders before they next sign in.' : ''}`);
    return null;
  };

  return (
    <Stack gap="sm">
      {note !== null && (
        <Alert color="green" title="Stored" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNote(null)}>
          {note}
        </Alert>
      )}
      <Group gap="sm">
        {(Object.keys(what) as SecretKind[]).map((kind) => (
          <Button
            key={kind}
            size="xs"
            variant={editing === kind ? 'light' : 'default'}
            aria-expanded={editing === kind}
            onClick={() => {
              setNote(null);
              setEditing(editing === kind ? null : kind);
            }}
          >
            {stored.has(kind) ? what[kind].change : what[kind].set}
          </Button>
        ))}
      </Group>
      {editing === 'password' && <PasswordForm onStore={store('password')} />}
      {editing === 'totp' && <TotpForm channel={channel} onStore={store('totp')} onStored={finish} />}
      {editing === 'recovery-codes' && <RecoveryCodesForm onStore={store('recovery-codes')} />}
    </Stack>
  );
}
