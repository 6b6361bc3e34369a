import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { MethodInput } from '../../../../shared/contract/methods';
import type { ContractError } from '../../../../shared/contract/result';
import type { AppliedImportView, ChosenImportView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions } from '../../ui/dialog-actions.component';
import { ImportPreviewTable, ImportProblemsAlert } from './import-preview.component';
import { credentialCounts, credentialRows, registerCounts, registerRows } from './import-words.format';

type Stage =
  | { step: 'idle' }
  | { step: 'cancelled' }
  | { step: 'refused'; error: ContractError }
  | { step: 'preview'; chosen: ChosenImportView }
  | { step: 'discarded' }
  | { step: 'done'; applied: AppliedImportView };

const countsOf = (view: ChosenImportView | AppliedImportView) =>
  view.kind === 'register' ? registerCounts('preview' in view ? view.preview : view.result) : credentialCounts('preview' in view ? view.preview : view.result);

/** Nothing to import: every line is a skip. */
const changesNothing = (chosen: ChosenImportView) => (chosen.kind === 'register' ? chosen.preview.created + chosen.preview.updated : chosen.preview.created + chosen.preview.replaced) === 0;

function ConfirmImport({ chosen, onCancel, onConfirm, busy }: { chosen: ChosenImportView; onCancel(): void; onConfirm(): void; busy: boolean }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  const replacing = chosen.kind === 'credentials' && chosen.preview.replaced > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          From <strong className="break-anywhere">{chosen.fileName}</strong>: {countsOf(chosen)}. Everything is imported in one go, or nothing is.
        </Text>
        {chosen.kind === 'credentials' && (
          <Text size="sm">
            The passwords and 2FA keys go into this computer&apos;s keychain. Only the people who hold each channel&apos;s login details can
            see them.
          </Text>
        )}
        {replacing && (
          <Alert color="orange" title="Some stored login details will be replaced">
            Check the rows marked Replace: the stored password or 2FA key of those channels will be overwritten.
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          The import is recorded in the audit log with your name.
        </Text>
        <DialogActions onCancel={onCancel} submitLabel="Import" busy={busy} />
      </Stack>
    </form>
  );
}

/**
 * One kind of import: "Choose file…" opens main's own dialog (the file is read there, never
 * here), the core's dry run comes back as a preview, then Import (after a confirmation) or
 * Cancel. The page holds the preview only: no file text, no password, no path.
 */
export function ImportCard({
  titleId,
  title,
  description,
  fileWords,
  request,
  controls,
}: {
  titleId: string;
  title: string;
  description: ReactNode;
  /** "The register file": how messages name the file. */
  fileWords: string;
  request: MethodInput<'import.chooseFile'>;
  controls?: ReactNode;
}) {
  const { call } = useConsoleSession();
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [busy, setBusy] = useState<'choose' | 'apply' | 'discard' | null>(null);
  const [confirming, setConfirming] = useState(false);

  // Leaving the page with a preview open tells the core to forget the file now, not in 10 minutes.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = stage.step === 'preview' ? stage.chosen.importId : null;
  }, [stage]);
  useEffect(
    () => () => {
      if (pending.current !== null) void call('import.discard', { importId: pending.current });
    },
    [call],
  );

  const choose = async () => {
    setBusy('choose');
    if (stage.step === 'preview') await call('import.discard', { importId: stage.chosen.importId });
    setStage({ step: 'idle' });
    const result = await call('import.chooseFile', request);
    setBusy(null);
    if (!result.ok) setStage({ step: 'refused', error: result.error });
    else if ('cancelled' in result.value) setStage({ step: 'cancelled' });
    else setStage({ step: 'preview', chosen: result.value });
  };

  const discard = async (chosen: ChosenImportView) => {
    setBusy('discard');
    await call('import.discard', { importId: chosen.importId });
    setBusy(null);
    setStage({ step: 'discarded' });
  };

  const apply = async (chosen: ChosenImportView) => {
    setBusy('apply');
    const result = await call('import.applyChosen', { importId: chosen.importId });
    setBusy(null);
    setConfirming(false);
    // The core forgets the file either way: a refusal goes back to choosing it again.
    setStage(result.ok ? { step: 'done', applied: result.value } : { step: 'refused', error: result.error });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId}>
        {title}
      </Title>
      <Stack gap="md" mt="xs">
        <div>{description}</div>
        {controls}
        <Group gap="sm">
          <Button onClick={() => void choose()} loading={busy === 'choose'} disabled={busy !== null} variant={stage.step === 'preview' ? 'default' : 'filled'}>
            {stage.step === 'preview' ? 'Choose another file…' : 'Choose file…'}
          </Button>
        </Group>
        {stage.step === 'cancelled' && (
          <Text size="sm" c="dimmed" role="status">
            No file was chosen, so nothing was imported.
          </Text>
        )}
        {stage.step === 'discarded' && (
          <Text size="sm" c="dimmed" role="status">
            Cancelled: nothing was imported, and Custodian has forgotten the file.
          </Text>
        )}
        {stage.step === 'refused' && <ImportProblemsAlert fileWords={fileWords} message={stage.error.message} onClose={() => setStage({ step: 'idle' })} />}
        {stage.step === 'preview' && (
          <Stack gap="sm" role="region" aria-label={`Preview of ${stage.chosen.fileName}`}>
            <Text size="sm" role="status">
              <strong className="break-anywhere">{stage.chosen.fileName}</strong>: {countsOf(stage.chosen)}. This is a preview: nothing has
              changed yet.
            </Text>
            <ImportPreviewTable
              label={`What importing ${stage.chosen.fileName} would do`}
              rows={stage.chosen.kind === 'register' ? registerRows(stage.chosen.preview) : credentialRows(stage.chosen.preview)}
            />
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={() => void discard(stage.chosen)} loading={busy === 'discard'} disabled={busy !== null}>
                Cancel
              </Button>
              <Button onClick={() => setConfirming(true)} disabled={busy !== null || changesNothing(stage.chosen)}>
                Import…
              </Button>
            </Group>
            {changesNothing(stage.chosen) && (
              <Text size="sm" c="dimmed">
                Everything in this file is already in Custodian or is skipped, so there is nothing to import.
              </Text>
            )}
          </Stack>
        )}
        {stage.step === 'done' && (
          <Alert color="green" title={`Imported from ${stage.applied.fileName}`} role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setStage({ step: 'idle' })}>
            <Text size="sm">{countsOf(stage.applied)}.</Text>
            <Text size="sm" mt={4}>
              This import is recorded in the audit log, with your name and how many things changed
              {stage.applied.kind === 'credentials' ? ' (never the passwords or 2FA keys themselves)' : ''}.
            </Text>
          </Alert>
        )}
      </Stack>
      <ConsoleDialog opened={confirming && stage.step === 'preview'} onClose={() => setConfirming(false)} title="Import this file?" size="md">
        {stage.step === 'preview' && (
          <ConfirmImport chosen={stage.chosen} busy={busy === 'apply'} onCancel={() => setConfirming(false)} onConfirm={() => void apply(stage.chosen)} />
        )}
      </ConsoleDialog>
    </Paper>
  );
}
