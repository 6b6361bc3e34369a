import { Badge, Button, Table, Text } from '@mantine/core';
import type { InboxItemView } from '../../../../shared/contract/views';
import { formatDayShort, schoolDays } from '../../format/inbox-time.format';
import { inboxKindInSentence, inboxKindNames, inboxStatusWords, responseHowWords } from '../../format/inbox-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';

function Response({ item, canRespond, onRespond }: { item: InboxItemView; canRespond: boolean; onRespond(item: InboxItemView): void }) {
  if (item.respondedAt !== null) {
    return (
      <>
        <Text size="sm">
          {responseHowWords[item.how ?? 'answered'].label} {formatUkDateTime(item.respondedAt)}
        </Text>
        {item.schoolDaysTaken !== null && (
          <Text size="xs" c="dimmed">
            Took {schoolDays(item.schoolDaysTaken)}
          </Text>
        )}
      </>
    );
  }
  if (!canRespond) {
    return (
      <Text size="sm" c="dimmed">
        None yet
      </Text>
    );
  }
  return (
    <Button
      size="xs"
      variant={item.status === 'overdue' ? 'filled' : 'light'}
      onClick={() => onRespond(item)}
      aria-label={`Record a response to ${inboxKindInSentence[item.kind]} on ${item.channelName}, received ${formatUkDateTime(item.receivedAt)}`}
    >
      Record a response
    </Button>
  );
}

/**
 * The inbox as a table, in the core's order (overdue first, then by due date). Each row is
 * named by its summary; an overdue row carries a red edge as well as its badge.
 */
export function InboxTable({
  items,
  schoolName,
  canRespond,
  onRespond,
}: {
  items: readonly InboxItemView[];
  schoolName(code: string | null): string;
  canRespond: boolean;
  onRespond(item: InboxItemView): void;
}) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" className="inbox-table">
      <Table.Caption>Policy: a response within 5 school days; an acknowledgement or a referral counts.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" className="inbox-col-status">
            Status
          </Table.Th>
          <Table.Th scope="col" className="inbox-col-received">
            Received
          </Table.Th>
          <Table.Th scope="col" className="inbox-col-channel">
            Channel
          </Table.Th>
          <Table.Th scope="col" className="inbox-col-kind">
            Kind
          </Table.Th>
          <Table.Th scope="col">Summary</Table.Th>
          <Table.Th scope="col" className="inbox-col-due">
            Reply by
          </Table.Th>
          <Table.Th scope="col" className="inbox-col-response">
            Response
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => {
          const status = inboxStatusWords[item.status];
          return (
            <Table.Tr key={item.id} className={item.status === 'overdue' ? 'inbox-row inbox-row--overdue' : 'inbox-row'}>
              <Table.Td>
                <Badge color={item.status === 'overdue' ? 'red.9' : status.color} variant={item.status === 'overdue' ? 'filled' : 'light'}>
                  {status.label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatUkDateTime(item.receivedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {item.channelName}
                </Text>
                <Text size="xs" c="dimmed">
                  {schoolName(item.school)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{inboxKindNames[item.kind]}</Text>
                {item.dslAlertedAt !== null && (
                  <Badge color="red" variant="light" size="sm" mt={4}>
                    DSL alerted
                  </Badge>
                )}
              </Table.Td>
              <Table.Th scope="row" fw="normal">
                <Text size="sm" className="break-anywhere">
                  {item.summary}
                </Text>
                {item.from !== null && (
                  <Text size="xs" c="dimmed" className="break-anywhere">
                    From {item.from}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>
                <Text size="sm" className="nowrap">
                  {formatDayShort(item.dueOn)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Response item={item} canRespond={canRespond} onRespond={onRespond} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
