import { Button, Table, Text } from '@mantine/core';
import type { RotaView } from '../../../../shared/contract/views';
import { weekdays } from '../../../../shared/domain/enums';
import { weekdayNames } from './rota-dialog.component';

/** The rota at a glance: channels × days of the week, with the gaps plain to see. */
export function RotaTable({ rota, canEdit, onEdit }: { rota: RotaView[]; canEdit: boolean; onEdit(row: RotaView): void }) {
  return (
    <Table verticalSpacing="xs" horizontalSpacing="sm" striped className="rota-table">
      <Table.Caption>Whose turn it is to check each channel. “Nobody” marks a day the account would go unwatched.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Channel</Table.Th>
          {weekdays.map((day) => (
            <Table.Th key={day} scope="col">
              <abbr title={weekdayNames[day]}>{weekdayNames[day].slice(0, 3)}</abbr>
            </Table.Th>
          ))}
          {canEdit && (
            <Table.Th scope="col">
              <span className="visually-hidden">Change</span>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rota.map((row) => (
          <Table.Tr key={row.channel}>
            <Table.Th scope="row" fw={600}>
              <Text size="sm" fw={600}>
                {row.channelName}
              </Text>
            </Table.Th>
            {weekdays.map((day) => {
              const who = row.days[day];
              return (
                <Table.Td key={day}>
                  {who === null || who === undefined ? (
                    <Text size="sm" c="red.9">
                      Nobody
                    </Text>
                  ) : (
                    <Text size="sm" c={who.active ? undefined : 'red.9'}>
                      {who.name}
                      {who.active ? '' : ' (left)'}
                    </Text>
                  )}
                </Table.Td>
              );
            })}
            {canEdit && (
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => onEdit(row)} aria-label={`Change the rota for ${row.channelName}`}>
                  Change
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
