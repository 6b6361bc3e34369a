import { Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PersonView, RotaView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { useMay } from '../../session/use-may.hook';
import { RotaDialog } from './rota-dialog.component';
import { RotaTable } from './rota-table.component';

/** The rota part of the Monitoring screen; administrators change it, everyone sees it. */
export function MonitoringRota() {
  const canEdit = useMay('monitor.assign');
  const rota = useInvoke('monitor.rota', {});
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [editing, setEditing] = useState<RotaView | null>(null);
  const { call } = useConsoleSession();

  const edit = async (row: RotaView) => {
    // The register is read only when needed: only administrators change the rota.
    if (people === null) {
      const result = await call('person.list', {});
      if (result.ok) setPeople(result.value);
    }
    setEditing(row);
  };

  return (
    <section aria-labelledby="rota-heading">
      <Title order={2} size="h4" id="rota-heading" mb="xs">
        The rota
      </Title>
      {rota.status === 'loading' && <Loading what="the rota" />}
      {rota.status === 'error' && <LoadFailed what="the rota" error={rota.error} onRetry={rota.reload} />}
      {rota.status === 'ok' && (
        <Paper withBorder>
          {rota.value.length === 0 ? (
            <Text c="dimmed" p="lg">
              There are no channels yet.
            </Text>
          ) : (
            <RotaTable rota={rota.value} canEdit={canEdit} onEdit={(row) => void edit(row)} />
          )}
        </Paper>
      )}
      {canEdit && <RotaDialog rota={editing} people={people ?? []} onClose={() => setEditing(null)} onSaved={rota.reload} />}
    </section>
  );
}
