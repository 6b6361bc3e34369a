import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { BackupView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { BackupRestoreDialog } from './backup-restore-dialog.component';
import { backupKindWords, formatBytes } from './data-words.format';

type Note = { color: 'green' | 'red'; title: string; text: string };

function failure(title: string, error: ContractError): Note {
  return { color: 'red', title, text: error.message };
}

function BackupTable({ backups, onRestore }: { backups: BackupView[]; onRestore(backup: BackupView): void }) {
  if (backups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        There are no backups in this folder yet. The app makes one each day while it is open, or you can make one now.
      </Text>
    );
  }
  return (
    <Table striped verticalSpacing="sm" horizontalSpacing="md" aria-label="Backups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Taken (UK time)</Table.Th>
          <Table.Th scope="col">Kind</Table.Th>
          <Table.Th scope="col">Size</Table.Th>
          <Table.Th scope="col">Audit events</Table.Th>
          <Table.Th scope="col">
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((backup) => (
          <Table.Tr key={backup.id}>
            <Table.Td className="nowrap">{backup.takenAt === '' ? 'Unknown' : formatUkDateTime(backup.takenAt)}</Table.Td>
            <Table.Td>{backupKindWords[backup.kind]}</Table.Td>
            <Table.Td className="nowrap">{formatBytes(backup.bytes)}</Table.Td>
            <Table.Td>{backup.sealed ? `up to event ${backup.auditHeadSeq}` : '—'}</Table.Td>
            <Table.Td className="actions-cell">
              {backup.sealed ? (
                <Button variant="default" size="xs" onClick={() => onRestore(backup)} aria-label={`Restore the backup taken ${formatUkDateTime(backup.takenAt)}`}>
                  Restore…
                </Button>
              ) : (
                <Badge color="gray" variant="light" title="Its record (the .json file beside it) is missing, so it cannot be checked or restored.">
                  Cannot be restored
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Backups of the vault's database (administrators): where they go ("Change…" opens main's own
 * folder dialog), "Back up now", and Restore behind a dialog that says what it does.
 */
export function BackupsSection() {
  const { call } = useConsoleSession();
  const list = useInvoke('backup.list', {});
  const [busy, setBusy] = useState<'create' | 'folder' | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [restoring, setRestoring] = useState<BackupView | null>(null);

  const backUpNow = async () => {
    setBusy('create');
    setNote(null);
    const result = await call('backup.create', {});
    setBusy(null);
    setNote(result.ok ? { color: 'green', title: 'Backup made', text: `Taken ${formatUkDateTime(result.value.takenAt)}, ${formatBytes(result.value.bytes)}.` } : failure('No backup was made', result.error));
    list.reload();
  };

  const changeFolder = async () => {
    setBusy('folder');
    setNote(null);
    const result = await call('backup.chooseFolder', {});
    setBusy(null);
    if (!result.ok) setNote(failure('The backup folder was not changed', result.error));
    else if (!('cancelled' in result.value)) {
      setNote({ color: 'green', title: 'Backup folder changed', text: `New backups go to ${result.value.folder}. Earlier ones stay where they are.` });
      list.reload();
    }
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="backups-title">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <div>
          <Title order={2} size="h3" id="backups-title">
            Backups
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            Copies of the vault&apos;s database, made daily and before every update. Passwords and 2FA keys stay in this
            computer&apos;s keychain and are not in a backup.
          </Text>
        </div>
        <Button onClick={() => void backUpNow()} loading={busy === 'create'} disabled={busy !== null}>
          Back up now
        </Button>
      </Group>
      {list.status === 'loading' && <Loading what="backups" />}
      {list.status === 'error' && <LoadFailed what="the backups" error={list.error} onRetry={list.reload} />}
      {list.status === 'ok' && (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="center">
            <Text size="sm" className="break-anywhere">
              New backups go to <strong>{list.value.folder}</strong>
            </Text>
            <Button variant="default" size="xs" onClick={() => void changeFolder()} loading={busy === 'folder'} disabled={busy !== null}>
              Change…
            </Button>
          </Group>
          {note !== null && (
            <Alert color={note.color} title={note.title} role={note.color === 'red' ? 'alert' : 'status'} withCloseButton closeButtonLabel="Dismiss" onClose={() => setNote(null)}>
              <Text size="sm" className="break-anywhere">
                {note.text}
              </Text>
            </Alert>
          )}
          <BackupTable backups={list.value.backups} onRestore={setRestoring} />
        </Stack>
      )}
      <BackupRestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Paper>
  );
}
