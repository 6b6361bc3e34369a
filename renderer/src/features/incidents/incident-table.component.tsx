import { Badge, Button, Table, Text } from '@mantine/core';
import type { IncidentView } from '../../../../shared/contract/views';
import { countWords, escalationShort, incidentKindWords } from '../../format/incident-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';

/** Open incidents first (the screen sorts them); each row opens the incident's own window. */
export function IncidentTable({
  incidents,
  schoolName,
  onOpen,
}: {
  incidents: readonly IncidentView[];
  schoolName(code: string | null): string;
  onOpen(incident: IncidentView): void;
}) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" className="incident-table">
      <Table.Caption>Policy: capture evidence before deleting anything, tell the audience why, and report concerns to a senior member of staff.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" className="incident-col-status">
            Status
          </Table.Th>
          <Table.Th scope="col" className="incident-col-opened">
            Opened
          </Table.Th>
          <Table.Th scope="col" className="incident-col-channel">
            Channel
          </Table.Th>
          <Table.Th scope="col" className="incident-col-kind">
            Kind
          </Table.Th>
          <Table.Th scope="col">What happened</Table.Th>
          <Table.Th scope="col" className="incident-col-escalated">
            Escalated to
          </Table.Th>
          <Table.Th scope="col" className="incident-col-evidence">
            Evidence
          </Table.Th>
          <Table.Th scope="col" className="incident-col-actions">
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {incidents.map((incident) => {
          const open = incident.status === 'open';
          const escalatedTo = [...new Set(incident.escalations.map((e) => escalationShort[e.to]))];
          return (
            <Table.Tr key={incident.id} className={open ? 'incident-row incident-row--open' : 'incident-row'}>
              <Table.Td>
                <Badge color={open ? 'orange' : 'green'} variant="light">
                  {open ? 'Open' : 'Closed'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatUkDateTime(incident.openedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {incident.channelName}
                </Text>
                <Text size="xs" c="dimmed">
                  {schoolName(incident.school)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{incidentKindWords[incident.kind].label}</Text>
              </Table.Td>
              <Table.Th scope="row" fw="normal">
                <Text size="sm" className="break-anywhere">
                  {incident.summary}
                </Text>
              </Table.Th>
              <Table.Td>
                {escalatedTo.length === 0 ? (
                  <Text size="sm" c={open && incident.kind === 'concern' ? 'red.9' : 'dimmed'} fw={open && incident.kind === 'concern' ? 600 : undefined}>
                    Nobody yet
                  </Text>
                ) : (
                  <Text size="sm">{escalatedTo.join(', ')}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {incident.evidence.length === 0 ? (
                  <Text size="sm" c={open ? 'red.9' : 'dimmed'} fw={open ? 600 : undefined}>
                    None
                  </Text>
                ) : (
                  <Text size="sm">{countWords(incident.evidence.length, 'file', 'files')}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant={open ? 'light' : 'default'}
                  onClick={() => onOpen(incident)}
                  aria-label={`Open the incident on ${incident.channelName}: ${incident.summary}`}
                >
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
