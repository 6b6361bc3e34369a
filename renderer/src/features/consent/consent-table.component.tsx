import { Badge, Button, Table, Text } from '@mantine/core';
import type { ConsentEntryView } from '../../../../shared/contract/views';
import { consentPeriodWords, consentPersonWords, consentReasonWords, consentStateWords } from './consent-words.format';

/**
 * A school's list of who must not appear in published images: a name or initials, the class,
 * why, when, and a short note. Nothing else: no photos, no contact details.
 */
export function ConsentTable({
  entries,
  schoolName,
  today,
  canRemove,
  onRemove,
}: {
  entries: readonly ConsentEntryView[];
  schoolName: string;
  today: string;
  canRemove: boolean;
  onRemove(entry: ConsentEntryView): void;
}) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" className="consent-table">
      <Table.Caption>{schoolName}: do not publish images in which these people can be identified.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" className="consent-col-name">
            Name or initials
          </Table.Th>
          <Table.Th scope="col" className="consent-col-class">
            Class
          </Table.Th>
          <Table.Th scope="col" className="consent-col-reason">
            Why
          </Table.Th>
          <Table.Th scope="col" className="consent-col-when">
            When
          </Table.Th>
          <Table.Th scope="col">Note</Table.Th>
          <Table.Th scope="col" className="consent-col-state">
            Status
          </Table.Th>
          {canRemove && (
            <Table.Th scope="col" className="consent-col-actions">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => {
          const state = consentStateWords(entry, today);
          return (
            <Table.Tr key={entry.id} className={entry.active ? undefined : 'consent-row--inactive'}>
              <Table.Th scope="row">
                <Text size="sm" fw={600} className="break-anywhere">
                  {entry.name}
                </Text>
              </Table.Th>
              <Table.Td>
                {entry.class === null ? (
                  <Text size="sm" c="dimmed">
                    Not given
                  </Text>
                ) : (
                  <Text size="sm">{entry.class}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{consentReasonWords[entry.reason].label}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{consentPeriodWords(entry)}</Text>
              </Table.Td>
              <Table.Td>
                {entry.note === null ? (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                ) : (
                  <Text size="sm" className="break-anywhere">
                    {entry.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={state.color} variant="light">
                  {state.label}
                </Badge>
              </Table.Td>
              {canRemove && (
                <Table.Td>
                  {entry.removedAt === null && (
                    <Button size="xs" variant="default" onClick={() => onRemove(entry)} aria-label={`Remove ${consentPersonWords(entry)} from the list`}>
                      Remove
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
