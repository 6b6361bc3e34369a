import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { ConsentEntryView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { RefusalAlert } from '../../ui/dialog-actions.component';
import { consentPersonWords, consentReasonWords } from './consent-words.format';

export interface ConsentRemoval {
  entry: ConsentEntryView;
  schoolName: string;
}

function Confirm({ removal, onCancel, onRemoved }: { removal: ConsentRemoval; onCancel(): void; onRemoved(entry: ConsentEntryView): void }) {
  const { call } = useConsoleSession();
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const { entry } = removal;
  const remove = async () => {
    setRefusal(null);
    setBusy(true);
    const result = await call('consent.remove', { id: entry.id });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onRemoved(result.value);
  };
  return (
    <Stack gap="md">
      <Text size="sm">
        <strong>{consentPersonWords(entry)}</strong> will no longer be on {removal.schoolName}’s list ({consentReasonWords[entry.reason].label.toLowerCase()}), and
        their image could then be published.
      </Text>
      <Text size="sm">
        Only remove someone when the reason no longer applies: for example, a parent has given consent on the Parental Consent Form, or the DSL says so. The
        removal is recorded with your name.
      </Text>
      <RefusalAlert title="Not removed" error={refusal} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Keep them on the list
        </Button>
        <Button color="red.9" onClick={() => void remove()} loading={busy}>
          Remove from the list
        </Button>
      </Group>
    </Stack>
  );
}

/** Asks before an administrator takes someone off a school's list. */
export function ConsentRemoveDialog({
  removal,
  onClose,
  onRemoved,
}: {
  removal: ConsentRemoval | null;
  onClose(): void;
  onRemoved(entry: ConsentEntryView): void;
}) {
  const last = useLastRequest(removal);
  return (
    <ConsoleDialog opened={removal !== null} onClose={onClose} title="Remove from the list?" size="md">
      {last !== null && <Confirm key={last.entry.id} removal={last} onCancel={onClose} onRemoved={onRemoved} />}
    </ConsoleDialog>
  );
}
