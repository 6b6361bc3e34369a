import { Badge, Table, Text } from '@mantine/core';
import type { DashboardView } from '../../../../shared/contract/views';
import type { ChannelName } from '../../format/channel-names.format';
import { actionName, outcomeWords } from '../../format/contract-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';

/** The latest reveals and 2FA codes, allowed or refused, newest first, in UK time. */
export function RecentUseTable({ uses, nameOf }: { uses: DashboardView['recentUse']; nameOf(ref: string | null): ChannelName }) {
  if (uses.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Nobody has opened a password or a 2FA code yet.
      </Text>
    );
  }
  return (
    <Table striped verticalSpacing="sm" horizontalSpacing="md">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When (UK time)</Table.Th>
          <Table.Th scope="col">Who</Table.Th>
          <Table.Th scope="col">What</Table.Th>
          <Table.Th scope="col">Channel</Table.Th>
          <Table.Th scope="col">Reason given</Table.Th>
          <Table.Th scope="col">Result</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {uses.map((use) => {
          const outcome = outcomeWords[use.outcome];
          return (
            <Table.Tr key={use.seq}>
              <Table.Td className="nowrap">{formatUkDateTime(use.at)}</Table.Td>
              <Table.Td>{use.actor ?? 'Unknown'}</Table.Td>
              <Table.Td>{actionName(use.action)}</Table.Td>
              <Table.Td>{nameOf(use.channel).name}</Table.Td>
              <Table.Td>{use.reason ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={outcome.color} variant="light">
                  {outcome.label}
                </Badge>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
