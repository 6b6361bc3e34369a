import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { BackupRestoreView, BackupView } from '../../../../shared/contract/views';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { RefusalAlert } from '../../ui/dialog-actions.component';

/**
 * Restoring is the one thing on the Data page that takes work away, so it asks first and says
 * plainly what happens: later records are undone (the audit trail keeps every event), everyone
 * is signed out, and the database it replaces is kept. After a restore the only way on is to sign in again.
 */
export function BackupRestoreDialog({ backup, onClose }: { backup: BackupView | null; onClose(): void }) {
  const { call, lock } = useConsoleSession();
  const shown = useLastRequest(backup);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [restored, setRestored] = useState<BackupRestoreView | null>(null);

  const close = () => {
    if (busy) return;
    // After a restore this session is over: closing means signing in again.
    if (restored !== null) return lock();
    setError(null);
    onClose();
  };

  const restore = async () => {
    if (shown === null) return;
    setBusy(true);
    setError(null);
    const result = await call('backup.restore', { id: shown.id });
    setBusy(false);
    if (result.ok) setRestored(result.value);
    else setError(result.error);
  };

  const taken = shown === null ? '' : formatUkDateTime(shown.takenAt);
  return (
    <ConsoleDialog opened={backup !== null} onClose={close} title={restored === null ? 'Restore from this backup?' : 'The backup has been restored'}>
      {restored === null ? (
        <Stack gap="md">
          <Text size="sm">
            The vault goes back to how it was on <strong>{taken}</strong> (UK time).
          </Text>
          <List size="sm" spacing={6}>
            <List.Item>Everything recorded after that time is undone: people, access, posts and inbox items. The audit trail keeps every event and records the restore.</List.Item>
            <List.Item>Every session ends, yours included. Everyone signs in again with the passphrase they had then.</List.Item>
            <List.Item>
              The database it replaces is kept in the data folder, so nothing is lost. The restore itself is recorded in the audit trail.
            </List.Item>
            <List.Item>Passwords and 2FA keys are not rolled back: each channel keeps its latest login details. Access given or removed since then is undone: check the access register afterwards.</List.Item>
          </List>
          <Text size="sm">The backup is checked first; if anything about it is wrong, nothing is changed.</Text>
          <RefusalAlert title="The backup was not restored" error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button color="red.8" onClick={() => void restore()} loading={busy}>
              Restore and sign everyone out
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert color="green" title={`Restored to ${formatUkDateTime(restored.restored.takenAt)}`} role="status">
            <Text size="sm">Everyone has been signed out. The database that was replaced is kept as:</Text>
            <Text size="sm" className="break-anywhere" mt={4}>
              {restored.replacedFile}
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Sign in again</Button>
          </Group>
        </Stack>
      )}
    </ConsoleDialog>
  );
}
