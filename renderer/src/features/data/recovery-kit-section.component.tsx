import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useInvoke } from '../../api/use-invoke.hook';
import { formatUkShortDate } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { RecoveryKitMaker } from '../../ui/recovery-kit-maker.component';
import { useMay } from '../../session/use-may.hook';

/**
 * The vault's recovery kit on the Data page: when and by whom it was made, or that there is none
 * yet. Administrators make it here; everyone else who sees the page sees the status only.
 */
export function RecoveryKitSection() {
  const { call } = useConsoleSession();
  const canMake = useMay('recovery.createKitInChosenFolder');
  const status = useInvoke('recovery.kitStatus', {});
  // Made on this page just now: the maker stays for the checksum check and the words.
  const [madeHere, setMadeHere] = useState(false);
  const kit = status.status === 'ok' ? status.value.kit : null;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="recovery-kit-title">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <div>
          <Title order={2} size="h3" id="recovery-kit-title">
            Recovery kit
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            One printed page in the trust&apos;s safe. It opens the login details if every holder of an account leaves or forgets their
            passphrase, and makes a new administrator if every administrator is gone.
          </Text>
        </div>
        {status.status === 'ok' &&
          (kit === null ? (
            <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
              Not made
            </Badge>
          ) : (
            <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
              Made
            </Badge>
          ))}
      </Group>
      {status.status === 'loading' && <Loading what="the recovery kit" />}
      {status.status === 'error' && <LoadFailed what="the recovery kit" error={status.error} onRetry={status.reload} />}
      {status.status === 'ok' && (
        <Stack gap="md">
          {kit === null ? (
            <Text size="sm" fw={600}>
              No recovery kit yet.
              {!canMake && ' An administrator of the trust can make it here.'}
            </Text>
          ) : (
            <Text size="sm">
              Made on <strong>{formatUkShortDate(kit.createdAt)}</strong> by <strong>{kit.createdBy}</strong>. A vault has one kit.
            </Text>
          )}
          {canMake && (kit === null || madeHere) && (
            <RecoveryKitMaker
              call={call}
              onMade={() => {
                setMadeHere(true);
                status.reload();
              }}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}
